import Console
import Foundation
import Grading
import Reports
import ResultsStore
import ScenarioFormat
import Simulation

/// The play loop at the edge: reads lines (readline on a terminal, plain reads otherwise),
/// journals each before applying it, prints the screen, and measures wall time.
public final class PlayRunner {
    let pack: LoadedPack
    let options: PlayOptions
    let environment: [String: String]
    let output = TerminalOutput()
    let data: DataFolder

    public init(pack: LoadedPack, options: PlayOptions, environment: [String: String]) {
        self.pack = pack
        self.options = options
        self.environment = environment
        self.data = DataFolder(environment: environment)
    }

    /// Plays the session to its end, or throws why it cannot. A game day's scenarios share
    /// one console, so input meant for the next scenario is not lost between them.
    public func run() throws(NightshiftError) { try run(console: nil) }

    func run(console given: PlayerConsole?) throws(NightshiftError) {
        let source = try pack.source(options.scenario)
        // A game day decides the mode and the seed, and must let this player in before anything starts.
        var seat: GamedaySeat?
        var mode = options.mode
        if let name = options.gameday {
            let location = try data.storeLocation(flag: options.store, environment: environment)
            let taken = try GamedaySeat.take(location: location, gameday: name, player: options.player ?? GamedaySeat.defaultPlayer(environment),
                                             scenario: options.scenario, data: data)
            if let entry = taken.entry(options.scenario) {
                if entry.isFinished {
                    output.line("You have finished \(VisibleText.of(entry.codename)) in the game day \(name) (score \(entry.score ?? 0)); `nightshift gameday board \(name)` shows the standings.")
                    taken.store.close()
                    return
                }
                let resume = ResumeCommand(pack: pack, environment: environment)
                if let path = resume.unfinishedJournal(gameday: name, player: taken.player, scenario: options.scenario) {
                    output.line("Resuming your unfinished session of \(VisibleText.of(entry.codename)) in the game day \(name).")
                    taken.store.close()
                    return try resume.resumeJournal(path, console: given)
                }
            }
            seat = taken
            mode = .gameday
        }
        defer { seat?.store.close() }
        let console = given ?? PlayerConsole(environment: environment, data: data)
        let clockKind = options.clock ?? (console.interactive ? .wall : .sim)
        if options.wallScale != nil, clockKind == .sim { throw .wallScaleNeedsWallClock(clockDefaulted: !console.interactive) }
        // A journal with any other scale is refused when read, so none is written.
        if let scale = options.wallScale, !SessionSettings.wallScales.contains(scale) { throw .wallScaleOutOfRange }
        if let path = options.journal, let kind = SafeFile.kind(path) {
            // Checked before anything starts; the journal is then opened without following links.
            guard kind == S_IFREG else { throw .journalNotARegularFile(path) }
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path), (attributes[.size] as? Int ?? 0) > 0 {
                throw .journalTaken(path)
            }
        }
        let settings = SessionSettings(mode: mode, clock: clockKind, wallScale: options.wallScale)
        // Every player of a game day meets the same variant, so their times compare.
        let seed = seat?.gameday.seed ?? options.seed ?? UInt64.random(in: 1...999_999)
        let scenario = try pack.instantiate(source, seed: seed)
        let (rubric, rubricPath) = try pack.gradingRubric(for: settings.mode)
        var session = Session(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs, settings: settings)
        let header = Self.header(pack: pack, scenario: scenario, rubric: rubric, rubricPath: rubricPath, settings: settings, width: console.width,
                                 player: seat?.player ?? options.player, gameday: seat?.gameday.name)
        let journal: JournalFile
        do {
            if let path = options.journal {
                journal = try JournalFile(path: path, header: header)
            } else {
                journal = try JournalFile(uniqueIn: data.journals, stem: "\(Self.fileStamp())-\(SafeFile.nameComponent(scenario.id))-\(seed)", header: header)
            }
        } catch {
            throw .journalNotOpened(error)
        }
        let journalPath = journal.path
        console.output.lines(console.transcript.opening(session.opening(width: console.width)))
        let driver = SessionDriver(session: session, journal: journal, console: console)
        if let seat {
            do {
                driver.link = try seat.link(session: session, header: header, startedAt: header.started, commands: 0, output: output)
            } catch {
                output.line(" The game day's store did not take your entry (\(error)); play on: your result syncs when it can.")
            }
        }
        try driver.run()
        session = driver.session
        finish(session: session, rubric: rubric, header: header, entries: driver.entries, journalPath: journalPath, out: options.out, console: console,
               link: driver.link, gamedayStore: seat?.store.location)
    }

    static func header(pack: LoadedPack, scenario: Scenario, rubric: Rubric, rubricPath: String, settings: SessionSettings, width: Int,
                       player: String?, gameday: String? = nil) -> JournalHeader {
        JournalHeader(
            scenario: scenario.id, scenarioSHA256: pack.sha256(of: pack.path(ofScenario: scenario.id) ?? ""), packVersion: pack.contents.pack.version,
            costsVersion: pack.contents.costs.version, costsSHA256: pack.sha256(of: "Scenarios/\(PackLoader.costsFile)"),
            rubric: "\(rubric.mode.rawValue)@\(rubric.version)", rubricSHA256: pack.sha256(of: rubricPath),
            seed: scenario.seed, settings: settings, width: width, started: isoNow(), player: player, gameday: gameday)
    }

    /// The grade (the same pure function `nightshift grade` runs on the journal), and the reports.
    func finish(session: Session, rubric: Rubric, header: JournalHeader, entries: [JournalEntry], journalPath: String, out: String?, console: PlayerConsole,
                link: GamedayLink? = nil, gamedayStore: StoreLocation? = nil) {
        let grade = Grader.grade(session: session, rubric: rubric)
        console.print(GradeScreen.lines(grade, width: console.width))
        // Kept in the history (and the game day's store) before the reports: those are files anyone can redo.
        let journalText = try? String(contentsOfFile: journalPath, encoding: .utf8)
        let commands = entries.filter(\.type.isTyped).count
        let id = header.gameday.map { SessionResult.gamedayID(gameday: $0, player: header.player ?? "", scenario: session.scenario.id) }
            ?? "history/" + ((journalPath as NSString).lastPathComponent as NSString).deletingPathExtension
        let result = ResultRecorder.result(id: id, gameday: header.gameday, player: header.player ?? GamedaySeat.defaultPlayer(environment), session: session,
                                           header: header, grade: grade, journalText: journalText, commands: commands, startedAt: header.started)
        let landed = link?.finish(result) ?? false
        for line in ResultRecorder(data: data).record(result, gamedayStore: header.gameday == nil ? nil : (link?.location ?? gamedayStore), alreadyInGameday: landed) {
            output.line(line)
        }
        do {
            // Reports under the data folder are as private as the journals they come from, and
            // each session's folder is its own, however many start in the same second.
            let folder: String
            if let out {
                folder = out
            } else {
                try DataFolder.ensure(data.reports)
                folder = try SafeFile.createUniqueFolder(in: data.reports, stem: "\(Self.fileStamp())-\(SafeFile.nameComponent(session.scenario.id))-\(session.scenario.seed)")
            }
            let written = try ReportWriter.write(grade, session: session, header: header, entries: entries, to: folder, player: header.player)
            output.line(" Reports: " + written.files.joined(separator: ", "))
        } catch {
            // The session is graded and kept; only files anyone can write again are missing.
            NightshiftError.reportsNotWritten(folder: nil, error).report(to: output)
        }
        output.line(" Journal: \(journalPath)")
    }

    static func isoNow() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    static func fileStamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
