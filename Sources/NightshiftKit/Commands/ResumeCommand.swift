import Foundation
import Grading
import ResultsStore
import ScenarioFormat
import Simulation

/// `nightshift resume`: unfinished sessions and certification runs, and continuing one
/// where it stopped, on the same simulated clock and state, with the gap recorded.
public struct ResumeCommand {
    let pack: LoadedPack
    let environment: [String: String]
    let data: DataFolder
    let output = TerminalOutput()

    public init(pack: LoadedPack, environment: [String: String]) {
        self.pack = pack
        self.environment = environment
        self.data = DataFolder(environment: environment)
    }

    struct Unfinished {
        var path: String
        var description: String
        var isRun: Bool
    }

    /// Journals whose replay has not ended, and certification runs without a certificate.
    func unfinished() -> [Unfinished] {
        var found: [Unfinished] = []
        let journals = (try? FileManager.default.contentsOfDirectory(atPath: data.journals)) ?? []
        for name in journals.sorted() where name.hasSuffix(".jsonl") {
            let path = (data.journals as NSString).appendingPathComponent(name)
            guard let journal = try? OpenedJournal.recover(path, repair: false),
                  let state = try? journal.replay(in: pack).session, state.ended == nil else { continue }
            let header = journal.header
            // Outside onboarding the id names the cause, so the list says the codename.
            let name = header.mode == "onboarding" ? header.scenario : state.scenario.codename
            let inputs = journal.entries.count
            found.append(Unfinished(path: path, description: "\(name) seed \(header.seed), \(header.mode), stopped at \(state.clock.clock(state.now)) after \(inputs) input\(inputs == 1 ? "" : "s")", isRun: false))
        }
        for run in CertificationRun.registered(in: data) where !FileManager.default.fileExists(atPath: run.certificatePath) {
            found.append(Unfinished(path: run.statePath, description: "certification run of \(run.state.candidate) (\(Format.count(run.state.picks.count, "scenario"))), proctor \(run.state.proctor)", isRun: true))
        }
        return found
    }

    /// The local journal of an unfinished game-day session, if this data folder has one.
    func unfinishedJournal(gameday: String, player: String, scenario: String) -> String? {
        let journals = (try? FileManager.default.contentsOfDirectory(atPath: data.journals)) ?? []
        for name in journals.sorted().reversed() where name.hasSuffix(".jsonl") {
            let path = (data.journals as NSString).appendingPathComponent(name)
            guard let journal = try? OpenedJournal.recover(path, repair: false) else { continue }
            let header = journal.header
            guard header.gameday == gameday, header.player == player, header.scenario == scenario,
                  let state = try? journal.replay(in: pack).session, state.ended == nil else { continue }
            return path
        }
        return nil
    }

    public func run(target: String?, keyPath: String?) throws(NightshiftError) {
        let candidates = unfinished()
        guard let target else {
            if candidates.isEmpty {
                output.line("Nothing to resume: every session and certification run under \(data.root) has finished.")
                return
            }
            output.line("Unfinished (resume with `nightshift resume N`):")
            for (index, item) in candidates.enumerated() { output.line("  \(index + 1). \(item.description)\n     \(item.path)") }
            return
        }
        var path = target
        if let number = Int(target) {
            guard candidates.indices.contains(number - 1) else { throw .noUnfinishedItem(number) }
            path = candidates[number - 1].path
        }
        if path.hasSuffix(".json") {
            return try CertificationRun.resume(statePath: path, keyPath: keyPath, pack: pack, environment: environment)
        }
        try resumeJournal(path)
    }

    func resumeJournal(_ path: String, console given: PlayerConsole? = nil) throws(NightshiftError) {
        let recovered = try OpenedJournal.recover(path, repair: true)
        let header = recovered.header
        let scenario = try recovered.scenario(in: pack)
        for warning in recovered.warnings(against: pack) { output.error(warning) }
        let replay = try recovered.replay(scenario, pack: pack)
        for warning in OpenedJournal.warnings(after: replay) { output.error(warning) }
        let session = replay.session, settings = session.settings
        guard session.ended == nil else {
            output.line("That session has already finished; `nightshift grade \(path)` shows its grade.")
            return
        }
        let runner = PlayRunner(pack: pack, options: PlayOptions(scenario: header.scenario, seed: header.seed, mode: settings.mode), environment: environment)
        let (rubric, _) = try pack.gradingRubric(for: settings.mode)
        let journal: JournalFile
        do {
            journal = try JournalFile(appendingTo: path, lastSequence: recovered.lastSequence)
        } catch {
            throw .journalNotOpened(error)
        }
        let console = given ?? PlayerConsole(environment: environment, data: data)
        var opening = session
        console.output.lines(console.transcript.opening(opening.opening(width: console.width)))
        let driver = SessionDriver(session: session, journal: journal, entries: recovered.entries, console: console)
        // A game-day session resumes into the same entry of the same store.
        var seat: GamedaySeat?
        var gamedayStore: StoreLocation?
        if let gameday = header.gameday, let player = header.player {
            if let membership = GamedayMembership.find(data: data, gameday: gameday, player: player), let location = try? StoreLocation(membership.store) {
                gamedayStore = location
                do {
                    seat = try GamedaySeat.take(location: location, gameday: gameday, player: player, scenario: header.scenario, data: data)
                    let commands = recovered.entries.filter(\.type.isTyped).count
                    driver.link = try seat?.link(session: session, header: header, startedAt: header.started, commands: commands, output: output)
                } catch {
                    output.line(" The game day \(gameday) cannot be reached (\(error)); play on: your result syncs when it can.")
                }
            } else {
                output.error("warning: this data folder does not know where the game day \(gameday) lives; the result stays in your history")
            }
        }
        defer { seat?.store.close() }
        try driver.recordGap(wallMilliseconds: recovered.idleMilliseconds)
        let away = SimDuration(milliseconds: recovered.idleMilliseconds).spoken
        console.output.line(" Resumed at \(session.clock.clock(session.now)) after \(away) away; the simulated clock did not run meanwhile. `status` shows where you were.")
        try driver.run()
        runner.finish(session: driver.session, rubric: rubric, header: header, entries: driver.entries, journalPath: path, out: nil, console: console,
                      link: driver.link, gamedayStore: gamedayStore)
    }
}
