import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation

/// A proctored certification on one machine: scenarios drawn from the seed, played back to
/// back with the certification rubric, then a certificate signed over its exact bytes. Its
/// state is saved before each scenario, so a crash or a closed terminal costs the candidate
/// nothing; and it is sealed with a key derived from the proctor's (see `RunSeal`), so what
/// is signed is what was played, whatever happened to the files while the key was away.
public struct CertificationRun {
    /// What a run is, saved as `run.json` in its folder.
    struct State: Codable {
        struct Pick: Codable, Equatable {
            var id: String
            var seed: UInt64
            var journal: String
        }

        static let currentFormat = "nightshift-certification-run/2"

        var format = State.currentFormat
        var candidate: String
        var proctor: String
        /// Where the private key was; not sealed, since a proctor may bring it back from elsewhere.
        var key: String
        var seed: UInt64
        var picks: [Pick]
        var wallStart: String
        var warnings: [String]
        /// Random per run: the seal key is derived from it and the private key.
        var nonce: String?
        var seal: String?

        /// The sealed text: everything but the key's path and the seal itself.
        var canonical: String {
            var copy = self
            copy.key = ""
            copy.seal = nil
            return Journal.encode(copy)
        }
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

    /// Why a run cannot go on or be signed: each a sentence for the proctor.
    public enum Refusal: Error, CustomStringConvertible {
        case notARun(String)
        case oldFormat(String)
        case stateEdited(String)
        case notTheDraw(seed: UInt64)
        case journalNotRegular(String)
        case journalTampered(String, String)
        case journalOutOfOrder(String)

        public var description: String {
            switch self {
            case .notARun(let path): return "\(path) is not a certification run"
            case .oldFormat(let path):
                return "\(path) was started by an earlier nightshift that did not seal its runs; it cannot be resumed or signed. Start a new run"
            case .stateEdited(let path):
                return "\(path) was changed after the run began (its candidate, proctor, seed, draw or warnings no longer match its seal), "
                    + "or this is not the key it was started with; nothing is played or signed"
            case .notTheDraw(let seed):
                return "the run's scenarios are not what seed \(seed) draws from this pack: the pack has changed since the run began; "
                    + "resume it with the pack it began with"
            case .journalNotRegular(let path): return "\(path) is not a regular file (a link?); nothing is played or signed"
            case .journalTampered(let path, let why): return "\(path) does not hold what the run recorded: \(why); nothing is played or signed"
            case .journalOutOfOrder(let path): return "\(path) exists although an earlier scenario of the run is unfinished; nothing is played or signed"
            }
        }
    }

    // MARK: Starting and finding runs

    public static func start(_ options: Options, pack: LoadedPack, environment: [String: String]) throws(NightshiftError) {
        let output = TerminalOutput()
        let data = DataFolder(environment: environment)
        let key: Signing.KeyPair
        do {
            key = try ProctorKey.read(options.key)
        } catch {
            throw .proctorKey(error, .starting)
        }
        let folder = options.out
        if SafeFile.kind((folder as NSString).appendingPathComponent("run.json")) != nil { throw .runAlreadyThere(folder) }
        let journals = (folder as NSString).appendingPathComponent("journals")
        if SafeFile.kind(journals) != nil, ((try? FileManager.default.contentsOfDirectory(atPath: journals)) ?? ["?"]).isEmpty == false {
            throw .runJournalsAlreadyThere(journals)
        }
        guard (1...12).contains(options.scenarios) else { throw .scenarioCountOutOfRange }
        // The rubric must load before anything is written, or the run would be half started.
        _ = try pack.gradingRubric(for: .certification)
        let canonical = pack.canonicalScenarios
        let seed = options.seed ?? UInt64.random(in: 1...999_999_999)
        let picks = Certification.draw(canonical, seed: seed, count: options.scenarios)
        guard !picks.isEmpty else { throw .nothingToCertify(pack.origin) }
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
        var state = State(candidate: options.candidate, proctor: options.proctor, key: (options.key as NSString).standardizingPath.absolutePath,
                          seed: seed, picks: journalNames(picks, canonical: canonical), wallStart: PlayRunner.isoNow(), warnings: warnings,
                          nonce: RunSeal.newNonce())
        state.seal = RunSeal(privateKey: key.privateKey, nonce: state.nonce!).sealState(state.canonical)
        let run = CertificationRun(folder: folder, state: state)
        do {
            try SafeFile.ensureFolder(journals)
            try run.save(replacing: false)
            try register(run, data: data)
        } catch {
            throw .runNotStarted(folder: folder, error)
        }
        output.line("Certification run for \(state.candidate), proctored by \(state.proctor): \(Format.count(state.picks.count, "scenario")), no hints or primer.")
        for warning in warnings { output.line("warning: \(warning)") }
        try run.play(pack: pack, key: key, environment: environment)
    }

    /// Each pick's journal file, named by its place and its codename (made file-safe).
    static func journalNames(_ picks: [Certification.Pick], canonical: [Scenario]) -> [State.Pick] {
        picks.enumerated().map { index, pick in
            let codename = canonical.first { $0.id == pick.id }?.codename ?? pick.id
            return State.Pick(id: pick.id, seed: pick.seed, journal: "journals/\(index + 1)-\(SafeFile.nameComponent(codename)).jsonl")
        }
    }

    /// The onboarding surfaces a trainee has practised: from their results history, and from
    /// reports in the data folder written before the history existed.
    static func practisedSurfaces(data: DataFolder) -> Set<String> {
        var surfaces = Set(ResultsCommand.history(data: data).filter { $0.mode == .onboarding && $0.isFinished }.map(\.surface))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: data.reports)) ?? [] {
            let path = (data.reports as NSString).appendingPathComponent("\(name)/report.json")
            guard let contents = FileManager.default.contents(atPath: path),
                  let report = try? StrictJSON.decode(OnboardingReport.self, from: contents),
                  report.mode == "onboarding", let surface = report.surface else { continue }
            surfaces.insert(surface)
        }
        return surfaces
    }

    /// The two fields of an old report.json that say what it practised.
    private struct OnboardingReport: Decodable {
        var mode: String?
        var surface: String?
    }

    func save(replacing: Bool = true) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try SafeFile.write(String(decoding: try encoder.encode(state), as: UTF8.self) + "\n", to: statePath, mode: 0o600, replacing: replacing)
    }

    static func register(_ run: CertificationRun, data: DataFolder) throws {
        let runs = (data.root as NSString).appendingPathComponent("runs")
        try DataFolder.ensure(runs)
        let pointer = (runs as NSString).appendingPathComponent("\(PlayRunner.fileStamp())-\(Digest.sha256(run.statePath.absolutePath).prefix(8)).path")
        try SafeFile.write(run.statePath.absolutePath + "\n", to: pointer, mode: 0o600)
    }

    static func registered(in data: DataFolder) -> [CertificationRun] {
        let runs = (data.root as NSString).appendingPathComponent("runs")
        return ((try? FileManager.default.contentsOfDirectory(atPath: runs)) ?? []).sorted().compactMap { name in
            guard let text = try? String(contentsOfFile: (runs as NSString).appendingPathComponent(name), encoding: .utf8) else { return nil }
            return try? load(statePath: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    static func load(statePath: String) throws(Refusal) -> CertificationRun {
        guard SafeFile.kind(statePath) == S_IFREG, let data = FileManager.default.contents(atPath: statePath),
              let state = try? StrictJSON.decode(State.self, from: data) else { throw .notARun(statePath) }
        return CertificationRun(folder: (statePath as NSString).deletingLastPathComponent, state: state)
    }

    static func resume(statePath: String, keyPath: String?, pack: LoadedPack, environment: [String: String]) throws(NightshiftError) {
        var run: CertificationRun
        do {
            run = try load(statePath: statePath)
        } catch {
            throw .runRefused(error)
        }
        if SafeFile.kind(run.certificatePath) != nil { throw .runAlreadySigned(certificate: run.certificatePath) }
        if let keyPath { run.state.key = (keyPath as NSString).standardizingPath.absolutePath }
        // The key is checked before anything is played, not after the candidate has finished.
        let key: Signing.KeyPair
        do {
            key = try ProctorKey.read(run.state.key)
        } catch {
            throw .proctorKey(error, .resuming(statePath: statePath))
        }
        try run.checkedState(key: key, pack: pack)
        if keyPath != nil { try? run.save() }
        TerminalOutput().line("Resuming the certification run of \(run.state.candidate), proctored by \(run.state.proctor).")
        try run.play(pack: pack, key: key, environment: environment)
    }

    // MARK: Checking what is on disk

    /// `checkState`, refused as a command stops.
    func checkedState(key: Signing.KeyPair, pack: LoadedPack) throws(NightshiftError) {
        do {
            try checkState(key: key, pack: pack)
        } catch {
            throw .runRefused(error)
        }
    }

    /// run.json as it was sealed, and its draw still the seed's.
    func checkState(key: Signing.KeyPair, pack: LoadedPack) throws(Refusal) {
        guard state.format == State.currentFormat, let nonce = state.nonce, let seal = state.seal else { throw .oldFormat(statePath) }
        guard RunSeal.same(seal, RunSeal(privateKey: key.privateKey, nonce: nonce).sealState(state.canonical)) else { throw .stateEdited(statePath) }
        let canonical = pack.canonicalScenarios
        let drawn = Self.journalNames(Certification.draw(canonical, seed: state.seed, count: state.picks.count), canonical: canonical)
        guard drawn == state.picks else { throw .notTheDraw(seed: state.seed) }
    }

    /// A pick's journal as recorded: read once, its seals and lines checked. Nil when the run
    /// has not reached it. The bytes returned are the ones checked, so what is signed is what was.
    struct Recorded {
        var journal: OpenedJournal
        var lastSeal: String
        var session: Session
    }

    func recorded(_ index: Int, seal: RunSeal, scenario: Scenario, pack: LoadedPack) throws(NightshiftError) -> Recorded? {
        do {
            return try recordedJournal(index, seal: seal, scenario: scenario, pack: pack)
        } catch {
            throw .runRefused(error)
        }
    }

    private func recordedJournal(_ index: Int, seal: RunSeal, scenario: Scenario, pack: LoadedPack) throws(Refusal) -> Recorded? {
        let pick = state.picks[index]
        let path = journalPath(pick)
        guard let kind = SafeFile.kind(path) else { return nil }
        guard kind == S_IFREG else { throw .journalNotRegular(path) }
        let recovered: OpenedJournal
        do {
            recovered = try OpenedJournal.recover(path, repair: true)
        } catch {
            throw .journalTampered(path, error.description)
        }
        let lastSeal: String
        do {
            lastSeal = try seal.verify(journal: recovered.text, pick: index, scenario: pick.id, seed: pick.seed)
        } catch {
            throw .journalTampered(path, error.description)
        }
        let problems = CertifiedJournal.problems(recovered, expected: .init(scenario: pick.id, seed: pick.seed, candidate: state.candidate),
                                                 scenario: scenario, pack: pack)
        if let first = problems.first { throw .journalTampered(path, first) }
        guard let session = try? recovered.replay(scenario, pack: pack).session else { throw .journalTampered(path, "it does not replay") }
        return Recorded(journal: recovered, lastSeal: lastSeal, session: session)
    }

    // MARK: Playing

    func journalPath(_ pick: State.Pick) -> String { (folder as NSString).appendingPathComponent(pick.journal) }

    func scenario(_ pick: State.Pick, pack: LoadedPack) throws(NightshiftError) -> Scenario {
        guard let scenario = pack.contents.source(pick.id)?.instantiate(seed: pick.seed, pack: pack.contents.pack).0 else {
            throw .pickDoesNotLoad(pick.id, in: pack.origin, proctored: false)
        }
        return scenario
    }

    /// Plays every pick not yet finished, in order, then signs the certificate.
    func play(pack: LoadedPack, key: Signing.KeyPair, environment: [String: String]) throws(NightshiftError) {
        let data = DataFolder(environment: environment)
        let output = TerminalOutput()
        let console = PlayerConsole(environment: environment, data: data)
        let (rubric, rubricPath) = try pack.gradingRubric(for: .certification)
        let seal = RunSeal(privateKey: key.privateKey, nonce: state.nonce ?? "")
        var gaveUp = false
        for (index, pick) in state.picks.enumerated() {
            let scenario = try self.scenario(pick, pack: pack)
            let path = journalPath(pick)
            let existing = try recorded(index, seal: seal, scenario: scenario, pack: pack)
            // Giving up (or closing the input) ends the run: the rest are recorded as not attempted.
            if gaveUp {
                guard existing == nil else { throw .runRefused(.journalOutOfOrder(path)) }
                continue
            }
            var session = RunScenarioPlayer.session(scenario, pack: pack, console: console)
            var entries: [JournalEntry] = []
            let journal: JournalFile
            var gap: Int64?
            if let existing {
                if existing.session.ended != nil {
                    if existing.session.ended == .gaveUp { gaveUp = true }
                    continue
                }
                session = existing.session
                entries = existing.journal.entries
                gap = existing.journal.idleMilliseconds
                do {
                    journal = try JournalFile(appendingTo: path, lastSequence: existing.journal.lastSequence,
                                              sealer: JournalSealer(seal: seal, previous: existing.lastSeal))
                } catch {
                    throw .journalNotOpened(error)
                }
            } else {
                let header = PlayRunner.header(pack: pack, scenario: scenario, rubric: rubric, rubricPath: rubricPath, settings: session.settings,
                                               width: console.width, player: state.candidate)
                do {
                    journal = try JournalFile(path: path, header: header, sealer: JournalSealer(seal: seal, previous: seal.start(pick: index, scenario: pick.id, seed: pick.seed)),
                                              allowEmpty: false)
                } catch {
                    throw .journalNotOpened(error)
                }
            }
            let played = try RunScenarioPlayer.play(index, of: state.picks.count, session: session, journal: journal, entries: entries, gap: gap, console: console)
            if played.ended == .gaveUp { gaveUp = true }
            output.line(" Scenario \(index + 1) recorded.")
        }
        try sign(pack: pack, key: key, seal: seal, rubric: rubric, rubricPath: rubricPath, console: console, data: data)
    }

    // MARK: Signing

    func sign(pack: LoadedPack, key: Signing.KeyPair, seal: RunSeal, rubric: Rubric, rubricPath: String, console: PlayerConsole, data: DataFolder) throws(NightshiftError) {
        let output = TerminalOutput()
        // Checked again here, from the bytes that are then embedded: the files may have been
        // touched between the last scenario and signing.
        try checkedState(key: key, pack: pack)
        var played: [CertificateSigner.Played] = []
        var ended = false
        for (index, pick) in state.picks.enumerated() {
            let scenario = try self.scenario(pick, pack: pack)
            guard let scenarioPath = pack.path(ofScenario: pick.id) else { throw .pickDoesNotLoad(pick.id, in: pack.origin, proctored: false) }
            let recorded = try self.recorded(index, seal: seal, scenario: scenario, pack: pack)
            if let recorded {
                guard !ended, recorded.session.ended != nil else { throw .runRefused(.journalOutOfOrder(journalPath(pick))) }
                if recorded.session.ended == .gaveUp { ended = true }
            } else {
                ended = true
            }
            played.append(.init(id: pick.id, seed: pick.seed, scenario: scenario, scenarioPath: scenarioPath,
                                journal: recorded?.journal))
        }
        let signed: CertificateSigner.Signed
        do {
            signed = try CertificateSigner(pack: pack, rubric: rubric, rubricPath: rubricPath, key: key)
                .sign(candidate: state.candidate, proctor: state.proctor, seed: state.seed, wallStart: state.wallStart, warnings: state.warnings,
                      custody: "sealed", played: played)
            _ = try CertificateSigner.write(signed, to: folder)
        } catch {
            throw .certificateNotSigned(error)
        }
        // Each scenario also joins the candidate's history, like any finished session.
        let recorder = ResultRecorder(data: data)
        for pick in state.picks {
            guard let graded = signed.graded[pick.id] else { continue }
            let name = ((journalPath(pick) as NSString).lastPathComponent as NSString).deletingPathExtension
            let result = ResultRecorder.result(id: "history/certification-\(state.wallStart)-\(name)", gameday: nil, player: state.candidate,
                                               session: graded.session, header: graded.header, grade: graded.grade, journalText: graded.journal,
                                               commands: graded.commands, startedAt: graded.header.started)
            for line in recorder.record(result, gamedayStore: nil) { output.line(line) }
        }
        console.print(CertificateReport.lines(signed.payload, width: console.width))
        output.line(" Certificate: \(certificatePath) (and .md, .html), signed by key \(Signing.fingerprint(key.publicKey))")
    }
}
