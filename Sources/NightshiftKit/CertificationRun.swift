import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation

/// A proctored certification: scenarios drawn from the seed, played back to back with the
/// certification rubric, then a certificate signed over its exact bytes. Its state is saved
/// before each scenario, so a crash or a closed terminal costs the candidate nothing.
public struct CertificationRun {
    /// What a run is, saved as `run.json` in its folder.
    struct State: Codable {
        struct Pick: Codable {
            var id: String
            var seed: UInt64
            var journal: String
        }

        var format = "nightshift-certification-run/1"
        var candidate: String
        var proctor: String
        var key: String
        var seed: UInt64
        var picks: [Pick]
        var wallStart: String
        var warnings: [String]
    }

    let folder: String
    var state: State
    var statePath: String { (folder as NSString).appendingPathComponent("run.json") }
    var certificatePath: String { (folder as NSString).appendingPathComponent("certificate.json") }

    public struct Options: Sendable {
        public var candidate: String
        public var proctor: String
        public var key: String
        public var scenarios: Int
        public var seed: UInt64?
        public var out: String

        public init(candidate: String, proctor: String, key: String, scenarios: Int, seed: UInt64?, out: String) {
            self.candidate = candidate
            self.proctor = proctor
            self.key = key
            self.scenarios = scenarios
            self.seed = seed
            self.out = out
        }
    }

    // MARK: Starting and finding runs

    public static func start(_ options: Options, pack: LoadedPack, environment: [String: String]) -> Int32 {
        let output = TerminalOutput()
        let data = DataFolder(environment: environment)
        guard let keyText = FileManager.default.contents(atPath: options.key), (try? Signing.readPrivate(String(decoding: keyText, as: UTF8.self))) != nil else {
            output.error("nightshift: \(options.key) is not a private key from `nightshift keys new`; nothing was started")
            return 2
        }
        let folder = options.out
        if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("run.json")) {
            output.error("nightshift: \(folder) already holds a certification run; `nightshift resume` continues it")
            return 2
        }
        guard (1...12).contains(options.scenarios) else {
            output.error("nightshift: --scenarios takes 1 to 12")
            return 2
        }
        // The rubric must load before anything is written, or the run would be half started.
        let runner = PlayRunner(pack: pack, options: PlayOptions(scenario: "", mode: .certification), environment: environment)
        guard runner.loadRubric(.certification) != nil else { return 1 }
        let canonical = pack.contents.scenarios.compactMap { $0.instantiate(seed: 0, pack: pack.contents.pack).0 }
        let seed = options.seed ?? UInt64.random(in: 1...999_999_999)
        let picks = Certification.draw(canonical, seed: seed, count: options.scenarios)
        guard !picks.isEmpty else {
            output.error("nightshift: \(pack.origin.description) has no scenarios to certify with")
            return 1
        }
        var warnings: [String] = []
        let practised = practisedSurfaces(data: data)
        let drawnSurfaces = Set(canonical.filter { scenario in picks.contains { $0.id == scenario.id } }.map(\.truth.surface))
        // Only surfaces some scenario exercises can be practised (or drawn).
        let playable = Set(canonical.map(\.truth.surface))
        let never = pack.contents.pack.surfaces.map(\.id).filter { playable.contains($0) && !practised.contains($0) }
        if !never.isEmpty {
            warnings.append("\(options.candidate) has never practised the surfaces \(never.joined(separator: ", ")) in onboarding on this machine"
                            + (never.contains(where: drawnSurfaces.contains) ? ", and this run draws at least one of them" : ""))
        }
        let state = State(candidate: options.candidate, proctor: options.proctor, key: (options.key as NSString).standardizingPath.absolutePath,
                          seed: seed, picks: picks.enumerated().map { index, pick in
                              let codename = canonical.first { $0.id == pick.id }?.codename.replacingOccurrences(of: " ", with: "-").lowercased() ?? pick.id
                              return State.Pick(id: pick.id, seed: pick.seed, journal: "journals/\(index + 1)-\(codename).jsonl")
                          }, wallStart: PlayRunner.isoNow(), warnings: warnings)
        let run = CertificationRun(folder: folder, state: state)
        do {
            try DataFolder.ensure((folder as NSString).appendingPathComponent("journals"))
            try run.save()
            try register(run, data: data)
        } catch {
            output.error("nightshift: cannot start the run in \(folder): \(error)")
            return 1
        }
        output.line("Certification run for \(state.candidate), proctored by \(state.proctor): \(Format.count(state.picks.count, "scenario")), no hints or primer.")
        for warning in warnings { output.line("warning: \(warning)") }
        return run.play(pack: pack, environment: environment)
    }

    /// The onboarding surfaces a trainee has practised: from their results history, and from
    /// reports in the data folder written before the history existed.
    static func practisedSurfaces(data: DataFolder) -> Set<String> {
        var surfaces = Set(ResultsCommand.history(data: data).filter { $0.mode == "onboarding" && $0.isFinished }.map(\.surface))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: data.reports)) ?? [] {
            let path = (data.reports as NSString).appendingPathComponent("\(name)/report.json")
            guard let contents = FileManager.default.contents(atPath: path),
                  let object = try? JSONSerialization.jsonObject(with: contents) as? [String: Any],
                  object["mode"] as? String == "onboarding", let surface = object["surface"] as? String else { continue }
            surfaces.insert(surface)
        }
        return surfaces
    }

    func save() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(state).write(to: URL(fileURLWithPath: statePath), options: .atomic)
    }

    static func register(_ run: CertificationRun, data: DataFolder) throws {
        let runs = (data.root as NSString).appendingPathComponent("runs")
        try DataFolder.ensure(runs)
        let pointer = (runs as NSString).appendingPathComponent("\(PlayRunner.fileStamp())-\(Digest.sha256(run.statePath.absolutePath).prefix(8)).path")
        try (run.statePath.absolutePath + "\n").write(toFile: pointer, atomically: true, encoding: .utf8)
    }

    static func registered(in data: DataFolder) -> [CertificationRun] {
        let runs = (data.root as NSString).appendingPathComponent("runs")
        return ((try? FileManager.default.contentsOfDirectory(atPath: runs)) ?? []).sorted().compactMap { name in
            guard let text = try? String(contentsOfFile: (runs as NSString).appendingPathComponent(name), encoding: .utf8) else { return nil }
            return load(statePath: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    static func load(statePath: String) -> CertificationRun? {
        guard let data = FileManager.default.contents(atPath: statePath), let state = try? JSONDecoder().decode(State.self, from: data) else { return nil }
        return CertificationRun(folder: (statePath as NSString).deletingLastPathComponent, state: state)
    }

    static func resume(statePath: String, keyPath: String?, pack: LoadedPack, environment: [String: String]) -> Int32 {
        let output = TerminalOutput()
        guard var run = load(statePath: statePath) else {
            output.error("nightshift: \(statePath) is not a certification run")
            return 1
        }
        if FileManager.default.fileExists(atPath: run.certificatePath) {
            output.error("nightshift: that run is finished and signed (\(run.certificatePath)); `nightshift verify` checks it")
            return 2
        }
        if let keyPath { run.state.key = (keyPath as NSString).standardizingPath.absolutePath }
        // The key is checked before anything is played, not after the candidate has finished.
        guard let keyText = FileManager.default.contents(atPath: run.state.key),
              (try? Signing.readPrivate(String(decoding: keyText, as: UTF8.self))) != nil else {
            output.error("nightshift: cannot read the proctor's private key \(run.state.key); resume with `nightshift resume \(statePath) --key FILE`")
            return 2
        }
        try? run.save()
        TerminalOutput().line("Resuming the certification run of \(run.state.candidate), proctored by \(run.state.proctor).")
        return run.play(pack: pack, environment: environment)
    }

    // MARK: Playing

    func journalPath(_ pick: State.Pick) -> String { (folder as NSString).appendingPathComponent(pick.journal) }

    /// Plays every pick not yet finished, in order, then signs the certificate.
    func play(pack: LoadedPack, environment: [String: String]) -> Int32 {
        let data = DataFolder(environment: environment)
        let output = TerminalOutput()
        let console = PlayerConsole(environment: environment, data: data)
        let runner = PlayRunner(pack: pack, options: PlayOptions(scenario: "", mode: .certification), environment: environment)
        guard let (rubric, rubricPath) = runner.loadRubric(.certification) else { return 1 }
        var gaveUp = false
        for (index, pick) in state.picks.enumerated() {
            guard let source = pack.contents.source(pick.id), let scenario = source.instantiate(seed: pick.seed, pack: pack.contents.pack).0 else {
                output.error("nightshift: \(pick.id) is missing from \(pack.origin.description) or does not load")
                return 1
            }
            // Giving up (or closing the input) ends the run: the rest are recorded as not attempted.
            if gaveUp { break }
            let path = journalPath(pick)
            let settings = SessionSettings(mode: .certification, clock: console.interactive ? .wall : .sim)
            var session = Session(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs, settings: settings)
            var entries: [JournalEntry] = []
            let journal: JournalFile
            var gap: Int64?
            if FileManager.default.fileExists(atPath: path), let recovered = try? JournalRecovery.read(path, repair: true) {
                guard let replayed = Replay.run(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs, header: recovered.parsed.header,
                                                entries: recovered.parsed.entries)?.session else { return 1 }
                if replayed.ended != nil {
                    if replayed.ended == .gaveUp { gaveUp = true }
                    continue
                }
                session = replayed
                entries = recovered.parsed.entries
                gap = recovered.idleMilliseconds
                guard let opened = try? JournalFile(appendingTo: path, lastSequence: recovered.lastSequence) else { return 1 }
                journal = opened
            } else {
                let header = PlayRunner.header(pack: pack, scenario: scenario, rubric: rubric, rubricPath: rubricPath, settings: settings,
                                               width: console.width, player: state.candidate)
                guard let created = try? JournalFile(path: path, header: header) else {
                    output.error("nightshift: cannot write \(path)")
                    return 1
                }
                journal = created
            }
            output.line("")
            output.line(" Scenario \(index + 1) of \(state.picks.count)")
            var opening = session
            console.output.lines(console.transcript.opening(opening.opening(width: console.width)))
            let driver = SessionDriver(session: session, journal: journal, entries: entries, console: console)
            if let gap {
                guard driver.recordGap(wallMilliseconds: gap) else { return 1 }
                output.line(" Resumed at \(session.clock.clock(session.now)); the gap is recorded in the certificate.")
            }
            guard driver.run() == .ended else { return 1 }
            if driver.session.ended == .gaveUp { gaveUp = true }
            output.line(" Scenario \(index + 1) recorded.")
        }
        return sign(pack: pack, rubric: rubric, rubricPath: rubricPath, console: console, data: data)
    }

    // MARK: Signing

    func sign(pack: LoadedPack, rubric: Rubric, rubricPath: String, console: PlayerConsole, data: DataFolder) -> Int32 {
        let output = TerminalOutput()
        guard let keyText = FileManager.default.contents(atPath: state.key),
              let key = try? Signing.readPrivate(String(decoding: keyText, as: UTF8.self)) else {
            output.error("nightshift: cannot read the private key \(state.key); the run is saved: `nightshift resume \(statePath) --key FILE` signs it")
            return 1
        }
        var scenarios: [Certificate.Payload.Scenario] = []
        var grades: [Grade] = []
        var gaps: [Certificate.Payload.Gap] = []
        var played: [String: (grade: Grade, session: Session)] = [:]
        var history: [SessionResult] = []
        for pick in state.picks {
            guard let source = pack.contents.source(pick.id), let scenario = source.instantiate(seed: pick.seed, pack: pack.contents.pack).0,
                  let scenarioPath = pack.path(ofScenario: pick.id) else { return 1 }
            let path = journalPath(pick)
            let bytes = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let grade: Grade
            if !bytes.isEmpty, case .success(let parsed) = Journal.parse(bytes),
               let graded = try? Grader.gradeWithSession(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs, rubric: rubric,
                                                         header: parsed.header, entries: parsed.entries) {
                grade = graded.grade
                played[pick.id] = graded
                let commands = parsed.entries.filter(\.type.isTyped).count
                let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                history.append(ResultRecorder.result(id: "history/certification-\(state.wallStart)-\(name)", gameday: nil, player: state.candidate,
                                                     session: graded.session, header: parsed.header, grade: graded.grade, journalText: bytes,
                                                     commands: commands, startedAt: parsed.header.started))
                for entry in parsed.entries where entry.type == .gap {
                    let clock = ClockFace(pageEpoch: scenario.page.epochSeconds).clock(SimDuration(milliseconds: entry.atMs))
                    gaps.append(.init(scenario: pick.id, afterSequence: entry.seq - 1, wallMilliseconds: entry.wallMs, at: clock))
                }
            } else {
                grade = Certification.notAttempted(scenario, rubric: rubric)
            }
            grades.append(grade)
            scenarios.append(.init(id: pick.id, codename: scenario.codename, title: scenario.title, seed: pick.seed, sha256: pack.sha256(of: scenarioPath),
                                   surface: scenario.truth.surface, journal: bytes, journalSHA256: Digest.sha256(bytes), score: grade.score,
                                   passed: grade.passed, failedBy: grade.failedBy, findings: grade.findings, timeToSurfaceMinutes: grade.timeToSurfaceMinutes))
        }
        let overall = Certification.overall(grades, rubric: rubric)
        let payload = Certificate.Payload(
            candidate: state.candidate, proctor: state.proctor, engine: Engine.version,
            pack: .init(name: pack.contents.pack.name, version: pack.contents.pack.version, sha256: Digest.sha256(PackManifest(pack).encoded())),
            rubric: .init(name: "certification", version: rubric.version, sha256: pack.sha256(of: rubricPath)),
            costs: .init(name: "costs", version: pack.contents.costs.version, sha256: pack.sha256(of: "Scenarios/\(PackLoader.costsFile)")),
            seed: state.seed, wallStart: state.wallStart, wallEnd: PlayRunner.isoNow(), gaps: gaps, scenarios: scenarios,
            overall: .init(score: overall.score, passed: overall.passed, passMark: rubric.pass, minimumPerScenario: rubric.minimumPerScenario,
                           reasons: overall.reasons),
            warnings: state.warnings)
        do {
            let certificate = try Certificate.sign(payload, with: key)
            try certificate.encoded().write(toFile: certificatePath, atomically: true, encoding: .utf8)
            try CertificateReport.markdown(payload, signature: certificate.signature).write(toFile: (folder as NSString).appendingPathComponent("certificate.md"), atomically: true, encoding: .utf8)
            try CertificateReport.html(payload, signature: certificate.signature, played: played).write(toFile: (folder as NSString).appendingPathComponent("certificate.html"), atomically: true, encoding: .utf8)
        } catch {
            output.error("nightshift: cannot sign or write the certificate: \(error)")
            return 1
        }
        // Each scenario also joins the candidate's history, like any finished session.
        let recorder = ResultRecorder(data: data)
        for result in history { for line in recorder.record(result, gamedayStore: nil) { output.line(line) } }
        console.print(CertificateReport.lines(payload, width: console.width))
        output.line(" Certificate: \(certificatePath) (and .md, .html), signed by key \(Signing.fingerprint(key.publicKey))")
        return 0
    }
}

extension String {
    /// This path made absolute against the working folder.
    var absolutePath: String {
        hasPrefix("/") ? self : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(self)
    }
}
