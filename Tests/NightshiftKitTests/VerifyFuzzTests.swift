import Foundation
import Grading
import NightshiftKit
import Reports
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// `verify` on damaged certificates: a real one (two drawn scenarios played by the expert,
/// signed with a fresh key), its file damaged as a disk or an editor would, its payload
/// rewritten and signed again as a key holder could, and its embedded journals damaged and
/// signed again, so the regrade reads them. Nothing crashes or hangs; an edit that verifies
/// left the signed bytes as they were; a journal whose bytes changed never verifies.
struct VerifyFuzzTests {
    /// Per target: every kind of damage once, and one more.
    static let copies = 16

    struct Signed: Sendable {
        var certificate: Certificate
        var text: String
        var key: Signing.KeyPair
        var pack: LoadedPack
    }

    /// What `certify` writes, built in-process from the same parts.
    static let signed: Signed = {
        let pack = try! LoadedPack.load(folder: Fixture.root.path, origin: .flag(Fixture.root.path))
        let manifest = PackManifest(pack)
        let (rubric, rubricPath, _) = pack.rubric(for: .certification)
        let canonical = pack.contents.scenarios.compactMap { $0.instantiate(seed: 0, pack: pack.contents.pack).0 }
        var scenarios: [Certificate.Payload.Scenario] = [], grades: [Grade] = []
        for (number, pick) in Certification.draw(canonical, seed: 42, count: 2).enumerated() {
            let variant = Fixture.scenario(pick.id, seed: pick.seed)
            let lines = Fixture.script("Tests/GradingTests/Journals/\(pick.id)/expert.txt", variant: variant)
            // One piped (simulated clock), one at a terminal (the clock running), as candidates play.
            var (header, entries) = number == 0 ? Fixture.journal(pick.id, seed: pick.seed, mode: .certification, lines: lines)
                : Fixture.wallJournal(pick.id, seed: pick.seed, mode: .certification, lines: lines)
            header.player = "Ada Lovelace"
            header.rubricSHA256 = manifest.sha256(of: rubricPath)
            let journal = ([Journal.encode(header)] + entries.map { Journal.encode($0) }).joined(separator: "\n") + "\n"
            let grade = try! Grader.grade(scenario: variant, pack: pack.contents.pack, costs: pack.contents.costs, rubric: rubric!, header: header, entries: entries)
            grades.append(grade)
            scenarios.append(.init(id: pick.id, codename: variant.codename, title: variant.title, seed: pick.seed,
                                   sha256: manifest.sha256(of: pack.path(ofScenario: pick.id)!)!, surface: variant.truth.surface, journal: journal,
                                   journalSHA256: Digest.sha256(journal), score: grade.score, passed: grade.passed, failedBy: grade.failedBy,
                                   findings: grade.findings, timeToSurfaceMinutes: grade.timeToSurfaceMinutes))
        }
        let overall = Certification.overall(grades, rubric: rubric!)
        var payload = Certificate.Payload(
            candidate: "Ada Lovelace", proctor: "Grace Hopper", engine: Engine.version,
            pack: .init(name: pack.contents.pack.name, version: pack.contents.pack.version, sha256: Digest.sha256(manifest.encoded())),
            rubric: .init(name: "certification", version: rubric!.version, sha256: manifest.sha256(of: rubricPath)!),
            costs: .init(name: "costs", version: pack.contents.costs.version, sha256: manifest.sha256(of: "Scenarios/\(PackLoader.costsFile)")!),
            seed: 42, wallStart: "2026-11-29T10:00:00Z", wallEnd: "2026-11-29T11:00:00Z", gaps: [], scenarios: scenarios,
            overall: .init(score: overall.score, passed: overall.passed, passMark: rubric!.pass, minimumPerScenario: rubric!.minimumPerScenario, reasons: overall.reasons),
            warnings: [])
        // As a proctored run's: its journals were received line by line, so they carry no seals.
        payload.custody = "proctor-store"
        let key = Signing.KeyPair()
        let certificate = try! Certificate.sign(payload, with: key)
        return Signed(certificate: certificate, text: certificate.encoded(), key: key, pack: pack)
    }()

    static func verify(_ text: String) -> VerifyCommand.Outcome {
        VerifyCommand.verify(certificateText: text, publicKeyText: signed.key.publicText, pack: signed.pack)
    }

    /// `certificate` with `payload` as its signed bytes, signed by the same key.
    static func resigned(_ payload: [UInt8]) -> String {
        var certificate = signed.certificate
        certificate.payload = String(decoding: payload, as: UTF8.self)
        certificate.signature.value = (try! Signing.sign(Data(certificate.payload.utf8), with: signed.key)).base64EncodedString()
        return certificate.encoded()
    }

    @Test func theUndamagedCertificateVerifies() {
        let outcome = Self.verify(Self.signed.text)
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches)")
        #expect(outcome.summary.hasPrefix("verified: Ada Lovelace, 2 scenarios"))
    }

    /// Found by hand: an embedded journal whose header says `wall_scale` 1e300, signed by the
    /// key holder, trapped `verify` in the regrade. It is now not regraded: its line is wrong.
    @Test(arguments: ["\"wall_scale\":1e300", "\"wall_scale\":-1e300", "\"width\":9223372036854775807"])
    func aHostileEmbeddedJournalIsRefusedNotRegraded(_ hostile: String) throws {
        var payload = try Self.signed.certificate.decodedPayload()
        let journal = payload.scenarios[1].journal
        let field = String(hostile.prefix { $0 != ":" }) + ":"
        let header = try #require(journal.split(separator: "\n").first.map(String.init))
        let value = try #require(header.range(of: field + "[^,}]*", options: .regularExpression))
        payload.scenarios[1].journal = journal.replacingOccurrences(of: String(header[value]), with: hostile)
        payload.scenarios[1].journalSHA256 = Digest.sha256(payload.scenarios[1].journal)
        let text = try Certificate.sign(payload, with: Self.signed.key).encoded()
        let outcome = Watchdog("verify-hostile-embedded", seconds: 30).run(hostile, input: Array(text.utf8)) { Self.verify(text) }
        guard case .finished(let verified) = outcome else {
            Issue.record("verify did not finish: \(outcome)")
            return
        }
        #expect(verified.mismatches.contains { $0.contains(": the journal is not readable (line 1: ") }, "\(verified.mismatches)")
    }

    enum Target: String, CaseIterable, Sendable { case file, payload, journal }

    @Test(arguments: Target.allCases)
    func damagedCertificatesNeverCrashOrHang(_ target: Target) throws {
        let watchdog = Watchdog("verify-fuzz-\(target.rawValue)")
        var mutator = JSONMutator(seed: StableHash.fnv1a("verify/\(target.rawValue)"))
        let signed = Self.signed
        let payload = try signed.certificate.decodedPayload()
        var rejected = 0
        for index in 0..<Self.copies {
            let label = "\(target.rawValue) mutation \(index)"
            let text: String, kinds: [JSONMutator.Kind]
            var changedJournal = false
            switch target {
            case .file:
                let damaged = mutator.mutate(Array(signed.text.utf8), index: index)
                (text, kinds) = (String(decoding: damaged.bytes, as: UTF8.self), damaged.kinds)
            case .payload:
                let damaged = mutator.mutate(Array(signed.certificate.payload.utf8), index: index)
                (text, kinds) = (Self.resigned(damaged.bytes), damaged.kinds)
            case .journal:
                var edited = payload
                let which = index % edited.scenarios.count
                let damaged = mutator.mutate(Array(edited.scenarios[which].journal.utf8), index: index)
                let journal = String(decoding: damaged.bytes, as: UTF8.self)
                changedJournal = journal != edited.scenarios[which].journal
                edited.scenarios[which].journal = journal
                (text, kinds) = (try Certificate.sign(edited, with: signed.key).encoded(), damaged.kinds)
            }
            let described = "\(label) (\(kinds.map(\.rawValue).joined(separator: " + ")))"
            switch watchdog.run(described, input: Array(text.utf8), { Self.verify(text) }) {
            case .hung(let kept):
                Issue.record("\(described): still running after \(watchdog.seconds) s; input kept at \(kept)")
                return
            case .finished(let outcome):
                if !outcome.mismatches.isEmpty { rejected += 1 }
                #expect(outcome.mismatches.allSatisfy { !$0.isEmpty })
                if changedJournal { #expect(!outcome.mismatches.isEmpty, "\(described): a changed journal verified") }
                if target == .file, outcome.mismatches.isEmpty {
                    // Whatever changed in the file, the signed bytes and the signature did not.
                    let reread = try? Certificate.decode(text)
                    #expect(reread?.payload == signed.certificate.payload && reread?.signature == signed.certificate.signature, "\(described) verified")
                }
            }
        }
        // Damage outside the signed bytes (a repeated line, CRLF) can leave a certificate that verifies.
        #expect(rejected >= Self.copies / 4, "only \(rejected) of \(Self.copies) damaged copies were rejected")
    }
}
