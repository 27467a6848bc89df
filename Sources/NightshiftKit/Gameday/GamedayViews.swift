import Console
import Foundation
import Reports
import ResultsStore
import Simulation

/// The facilitator's read-only views of a game day: the board, the live watch, and the team
/// debrief files. They only read the store, so any number can run beside the players.
extension GamedayCommands {
    /// Where and how a view is drawn: redrawn in place on a terminal, snapshots on a pipe.
    struct Display {
        let terminal: Bool
        let printer: ScreenPrinter
        let width: Int

        init(environment: [String: String]) {
            let info = TerminalInfo.current(environment: environment)
            terminal = info.stdoutIsTerminal
            printer = ScreenPrinter(colour: info.stdoutIsTerminal && info.colourEnabled)
            if info.stdoutIsTerminal { TerminalWidth.shared.startTracking(environment: environment) }
            width = max(40, min(400, info.stdoutIsTerminal ? TerminalWidth.shared.columns : Int(environment["COLUMNS"] ?? "") ?? 100))
        }
    }

    /// Draws `view` once, or until the game day ends; on a pipe a snapshot is printed only
    /// when what it shows changed (the time it was taken aside).
    func live(name: String, watch: Bool, interval: Double, _ view: @escaping (GamedayRecord, [SessionResult], String, Int) -> [Line]) throws(NightshiftError) {
        let display = Display(environment: environment)
        try withStore(.existing) { store in
            var shown: (GamedayRecord, [SessionResult])?
            while true {
                let gameday = try store.gameday(name)
                let results = try store.sessions(gameday: name)
                let lines = display.printer.render(view(gameday, results, PlayRunner.isoNow(), display.width))
                if !watch {
                    output.lines(lines)
                    return
                }
                let changed = shown.map { $0.0 != gameday || $0.1 != results } ?? true
                if display.terminal {
                    // Home and clear, then the view: a board that redraws in place.
                    output.write(StyledText.clearScreen + StyledText.joined(lines))
                } else if changed {
                    output.lines(lines + [StyledText("")])
                }
                shown = (gameday, results)
                if gameday.state == .ended { return }
                Thread.sleep(forTimeInterval: max(0.2, interval))
            }
        }
    }

    public func board(name: String, watch: Bool, names: Bool, interval: Double) throws(NightshiftError) {
        try live(name: name, watch: watch, interval: interval) { gameday, results, now, width in
            Leaderboard.lines(gameday, results: results, asOf: now, width: width, names: names)
        }
    }

    public func watch(name: String, once: Bool, interval: Double) throws(NightshiftError) {
        try live(name: name, watch: !once, interval: interval) { gameday, results, now, width in
            FacilitatorView.lines(gameday, results: results, now: now, width: width)
        }
    }

    /// Writes `debrief.md`, `debrief.html`, `results.csv` and `xapi.json` into `out`.
    public func report(name: String, out: String) throws(NightshiftError) {
        try withStore(.existing) { store in
            let gameday = try store.gameday(name)
            let results = try store.sessions(gameday: name)
            let debrief = TeamDebrief(gameday: gameday, results: results)
            let now = PlayRunner.isoNow()
            let files: [(String, String)] = [
                ("debrief.md", TeamDebriefMarkdown.render(debrief, generatedAt: now)),
                ("debrief.html", TeamDebriefHTML.render(debrief, generatedAt: now)),
                ("results.csv", ResultsCSV.render(results, scenarioOrder: gameday.scenarios)),
                ("xapi.json", try XAPIStatements.render(gameday, results: results, homePage: "https://nightshift.dev/players")),
            ]
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                for (file, text) in files {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: (out as NSString).appendingPathComponent(file)), options: .atomic)
                }
            } catch {
                throw NightshiftError.debriefNotWritten(folder: out, error)
            }
            let finished = results.filter(\.isFinished).count
            output.line("Debrief of \(name) (\(Format.count(finished, "finished session"))) written to \(out): " + files.map(\.0).joined(separator: ", "))
        }
    }
}
