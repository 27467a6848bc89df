import Foundation
import Grading
import Reports
import ResultsStore
import ScenarioFormat
import Simulation

/// A proctored certification in which the candidate's machine never holds the key: the
/// proctor opens the run in their PostgreSQL store, the candidate's terminal sends every
/// journal line to it as it is played (a role that may insert lines and never change one),
/// and the proctor signs on their own machine from what the server received.
public struct ProctoredCertification {
    let pack: LoadedPack
    let environment: [String: String]
    let output = TerminalOutput()

    public init(pack: LoadedPack, environment: [String: String]) {
        self.pack = pack
        self.environment = environment
    }

    public enum Refusal: Error, CustomStringConvertible {
        case signed(String)
        case notTheCandidate(String)
        case rewritable(run: String, roles: [String])
        case lines(run: String, pick: Int, problem: String)
        case outOfOrder(run: String, pick: Int)
        case empty(String)

        public var description: String {
            switch self {
            case .signed(let code): return "the run \(code) is signed already; `nightshift verify` checks its certificate"
            case .notTheCandidate(let code): return "the run \(code) was opened for another candidate"
            case .rewritable(let run, let roles):
                return "lines of the run \(run) were sent by \(roles.map { "`\(UntrustedText.plain($0))`" }.joined(separator: ", ")), "
                    + "which can also change or delete lines; a certificate needs a candidate role that can only insert "
                    + "(`nightshift certify grant ROLE`). Nothing was signed"
            case .lines(let run, let pick, let problem): return "scenario \(pick + 1) of the run \(run): \(problem); nothing was signed"
            case .outOfOrder(let run, let pick):
                return "scenario \(pick + 1) of the run \(run) has lines although an earlier scenario is unfinished; nothing was signed"
            case .empty(let run): return "nobody has played the run \(run) yet; nothing was signed"
            }
        }
    }

    /// Runs `body` with the proctor's store open; any failure is lifted into `NightshiftError`
    /// (a store's own errors keep their status, a refusal is status 1).
    func withStore<T>(_ flag: String?, mode: ResultsStore.OpenMode, _ body: (ResultsStore) throws -> T) throws(NightshiftError) -> T {
        let location = try DataFolder(environment: environment).storeLocation(flag: flag, environment: environment)
        do {
            let store = try ResultsStore.open(location, mode: mode)
            defer { store.close() }
            return try body(store)
        } catch {
            throw NightshiftError(error)
        }
    }


    // MARK: The proctor opens a run

    public func open(store flag: String?, candidate: String, proctor: String, scenarios: Int, seed: UInt64?) throws(NightshiftError) {
        guard (1...12).contains(scenarios) else { throw .scenarioCountOutOfRange }
        _ = try pack.gradingRubric(for: .certification)
        let seed = seed ?? UInt64.random(in: 1...999_999_999)
        let picks = Certification.draw(pack.canonicalScenarios, seed: seed, count: scenarios)
        guard !picks.isEmpty else { throw .nothingToCertify(pack.origin) }
        try withStore(flag, mode: .create) { store in
            let code = ResultsStore.newRunCode()
            try store.createProctoredRun(ProctoredRunRecord(code: code, candidate: candidate, proctor: proctor, seed: seed,
                                                            picks: picks.map { .init(id: $0.id, seed: $0.seed) }, createdAt: PlayRunner.isoNow()))
            output.line("Opened the certification run \(code) for \(UntrustedText.plain(candidate)), proctored by \(UntrustedText.plain(proctor)): "
                        + "\(Format.count(picks.count, "scenario")), seed \(seed).")
            output.line("The candidate plays it with: nightshift certify join \(code) --store postgres://CANDIDATE-ROLE@…")
            output.line("Then sign it here with: nightshift certify sign \(code) --key FILE --out DIR --store …")
        }
    }

    public func grant(store flag: String?, role: String) throws(NightshiftError) {
        try withStore(flag, mode: .create) { store in
            try store.grantCandidate(role: role)
            output.line("The role \(role) may now read certification runs and insert journal lines in \(store.displayName), and never change one.")
        }
    }

    // MARK: The candidate plays it

    /// The lines the store holds for one pick, as a journal; nil when none. Every line was
    /// received whole, so unlike a file's, a last line that does not read is refused.
    static func journal(_ lines: [ProctoredLine], run: String, pick: Int) throws(Refusal) -> OpenedJournal? {
        guard !lines.isEmpty else { return nil }
        for (index, line) in lines.enumerated() where line.line != index {
            throw .lines(run: run, pick: pick, problem: "line \(index) is missing from the store (the next one there is \(line.line))")
        }
        let journal: OpenedJournal
        do {
            journal = try OpenedJournal(text: lines.map(\.text).joined(separator: "\n") + "\n", name: "scenario \(pick + 1) of the run \(run)")
        } catch {
            throw .lines(run: run, pick: pick, problem: "\(error)")
        }
        if let bad = journal.parsed.problems.first { throw .lines(run: run, pick: pick, problem: "line \(bad.line - 1) is not a journal line") }
        return journal
    }

    public func join(code: String, store flag: String?) throws(NightshiftError) {
        let data = DataFolder(environment: environment)
        let console = PlayerConsole(environment: environment, data: data)
        let (rubric, rubricPath) = try pack.gradingRubric(for: .certification)
        try withStore(flag, mode: .existing) { store in
            let run = try store.proctoredRun(code)
            guard run.state == .open else { throw Refusal.signed(code) }
            output.line("Certification run \(code) for \(UntrustedText.plain(run.candidate)), proctored by \(UntrustedText.plain(run.proctor)): "
                        + "\(Format.count(run.picks.count, "scenario")), no hints or primer. Every line goes to the proctor's store as you play.")
            var gaveUp = false
            for (index, pick) in run.picks.enumerated() {
                guard let scenario = pack.contents.source(pick.id)?.instantiate(seed: pick.seed, pack: pack.contents.pack).0 else {
                    throw NightshiftError.pickDoesNotLoad(pick.id, in: pack.origin, proctored: true)
                }
                let lines = try store.proctoredLines(run: code, pick: index)
                let existing = try Self.journal(lines, run: code, pick: index)
                if gaveUp {
                    guard existing == nil else { throw Refusal.outOfOrder(run: code, pick: index) }
                    continue
                }
                var session = RunScenarioPlayer.session(scenario, pack: pack, console: console)
                let journal: ProctoredJournal
                var entries: [JournalEntry] = []
                var gap: Int64?
                if let existing {
                    let problems = CertifiedJournal.problems(existing, expected: .init(scenario: pick.id, seed: pick.seed, candidate: run.candidate),
                                                             scenario: scenario, pack: pack)
                    if let first = problems.first { throw Refusal.lines(run: code, pick: index, problem: first) }
                    guard let replayed = try? existing.replay(scenario, pack: pack).session else {
                        throw Refusal.lines(run: code, pick: index, problem: "it does not replay")
                    }
                    if replayed.ended != nil {
                        if replayed.ended == .gaveUp { gaveUp = true }
                        continue
                    }
                    session = replayed
                    entries = existing.entries
                    gap = Self.milliseconds(since: lines.last?.receivedAt)
                    journal = ProctoredJournal(store: store, run: code, pick: index, lastSequence: entries.last?.seq ?? 0)
                } else {
                    let header = PlayRunner.header(pack: pack, scenario: scenario, rubric: rubric, rubricPath: rubricPath, settings: session.settings,
                                                   width: console.width, player: run.candidate)
                    journal = try ProctoredJournal(store: store, run: code, pick: index, header: header)
                }
                let played = try RunScenarioPlayer.play(index, of: run.picks.count, session: session, journal: journal, entries: entries, gap: gap,
                                                        console: console)
                if played.ended == .gaveUp { gaveUp = true }
                output.line(" Scenario \(index + 1) recorded in the proctor's store.")
            }
            output.line(" Every scenario is recorded. Your proctor grades and signs the certificate (`nightshift certify sign \(code)`).")
        }
    }

    /// Wall milliseconds since a server time stamp, 0 when it cannot be read.
    static func milliseconds(since stamp: String?) -> Int64 {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let stamp, let date = formatter.date(from: stamp) else { return 0 }
        return max(0, Int64((Date().timeIntervalSince(date) * 1000).rounded()))
    }

    // MARK: The proctor signs it

    public func sign(code: String, store flag: String?, keyPath: String, out folder: String) throws(NightshiftError) {
        let key: Signing.KeyPair
        do {
            key = try ProctorKey.read(keyPath)
        } catch {
            throw .proctorKey(error, .signing)
        }
        let (rubric, rubricPath) = try pack.gradingRubric(for: .certification)
        try withStore(flag, mode: .existing) { store in
            let run = try store.proctoredRun(code)
            guard run.state == .open else { throw Refusal.signed(code) }
            let lines = try store.proctoredLines(run: code)
            guard !lines.isEmpty else { throw Refusal.empty(code) }
            let rewriters = try store.rolesThatCanRewrite(run: code)
            guard rewriters.isEmpty else { throw Refusal.rewritable(run: code, roles: rewriters) }
            let drawn = Certification.draw(pack.canonicalScenarios, seed: run.seed, count: run.picks.count)
            guard drawn.map(\.id) == run.picks.map(\.id), drawn.map(\.seed) == run.picks.map(\.seed) else {
                throw CertificationRun.Refusal.notTheDraw(seed: run.seed)
            }
            var played: [CertificateSigner.Played] = []
            var ended = false
            for (index, pick) in run.picks.enumerated() {
                guard let scenario = pack.contents.source(pick.id)?.instantiate(seed: pick.seed, pack: pack.contents.pack).0,
                      let scenarioPath = pack.path(ofScenario: pick.id) else {
                    throw NightshiftError.pickDoesNotLoad(pick.id, in: pack.origin, proctored: false)
                }
                let journal = try Self.journal(lines.filter { $0.pick == index }, run: code, pick: index)
                if let journal {
                    let problems = CertifiedJournal.problems(journal, expected: .init(scenario: pick.id, seed: pick.seed, candidate: run.candidate),
                                                             scenario: scenario, pack: pack)
                    if let first = problems.first { throw Refusal.lines(run: code, pick: index, problem: first) }
                    if journal.header.scenarioSHA256 != pack.sha256(of: scenarioPath) {
                        throw Refusal.lines(run: code, pick: index, problem: "it was played with another version of the scenario than this pack's")
                    }
                    let session = try? journal.replay(scenario, pack: pack, drawingScreens: false).session
                    guard !ended, session?.ended != nil else { throw Refusal.outOfOrder(run: code, pick: index) }
                    if session?.ended == .gaveUp { ended = true }
                } else {
                    ended = true
                }
                played.append(.init(id: pick.id, seed: pick.seed, scenario: scenario, scenarioPath: scenarioPath, journal: journal))
            }
            let signed: CertificateSigner.Signed, path: String
            do {
                signed = try CertificateSigner(pack: pack, rubric: rubric, rubricPath: rubricPath, key: key)
                    .sign(candidate: run.candidate, proctor: run.proctor, seed: run.seed, wallStart: run.createdAt, warnings: [],
                          custody: "proctor-store", played: played)
                try SafeFile.ensureFolder(folder, mode: 0o755)
                path = try CertificateSigner.write(signed, to: folder)
            } catch {
                throw NightshiftError.certificateNotSigned(error)
            }
            try store.markSigned(code)
            let console = PlayerConsole(environment: environment, data: DataFolder(environment: environment))
            console.print(CertificateReport.lines(signed.payload, width: console.width))
            output.line(" Certificate: \(path) (and .md, .html), signed by key \(Signing.fingerprint(key.publicKey)) from the lines \(store.displayName) received")
        }
    }
}
