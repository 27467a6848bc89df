import ScenarioFormat
import Simulation

/// One drawn scenario of a certification run, played at the candidate's console the same way
/// whether the run is local (sealed journal files) or proctored (lines sent to the proctor's
/// store): its place in the run, its page, the gap when it resumes (which the certificate
/// lists), then the session to its end.
enum RunScenarioPlayer {
    /// A fresh session of a drawn scenario: no hints, the clock as the console allows.
    static func session(_ scenario: Scenario, pack: LoadedPack, console: PlayerConsole) -> Session {
        Session(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs,
                settings: SessionSettings(mode: .certification, clock: console.interactive ? .wall : .sim))
    }

    /// Plays scenario `index` (of `count`) from `session`, journaling to `journal` after the
    /// `entries` already there; returns the session as it ended.
    static func play(_ index: Int, of count: Int, session: Session, journal: any JournalSink, entries: [JournalEntry], gap: Int64?,
                     console: PlayerConsole) throws(NightshiftError) -> Session {
        let output = console.output
        output.line("")
        output.line(" Scenario \(index + 1) of \(count)")
        var opening = session
        output.lines(console.transcript.opening(opening.opening(width: console.width)))
        let driver = SessionDriver(session: session, journal: journal, entries: entries, console: console)
        if let gap {
            try driver.recordGap(wallMilliseconds: gap)
            output.line(" Resumed at \(session.clock.clock(session.now)); the gap is recorded in the certificate.")
        }
        try driver.run()
        return driver.session
    }
}
