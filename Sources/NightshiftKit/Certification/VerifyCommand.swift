import Crypto
import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation

/// `nightshift verify`: the signature first (nothing unsigned is believed or printed raw),
/// then the scenarios against the pack and the seed's draw, every journal's lines, and every
/// journal regraded. Any edit to the certificate, or a different key, is named.
public enum VerifyCommand {
    public struct Outcome: Sendable {
        public var summary: String
        public var mismatches: [String]
    }

    public static func verify(certificateText: String, publicKeyText: String, pack: LoadedPack) -> Outcome {
        let signed: (certificate: Certificate, key: Signing.PublicKey, payload: Certificate.Payload)
        switch signedPayload(certificateText: certificateText, publicKeyText: publicKeyText) {
        case .failure(let refusal): return Outcome(summary: "", mismatches: [refusal.message])
        case .success(let value): signed = value
        }
        let (certificate, key, payload) = signed
        var mismatches: [String] = []
        // Outside the signature, so an edit there is named even though nothing is read from it.
        if certificate.signature.fingerprint != Signing.fingerprint(key) {
            mismatches.append("the certificate's unsigned `fingerprint` field was edited: it does not match the key that signed it (\(Signing.fingerprint(key)))")
        }
        mismatches += packMismatches(payload, pack: pack)
        let rubric = pack.rubric(for: .certification).rubric
        var regraded: [Grade] = []
        var reachedEnd = false
        for certified in payload.scenarios {
            let checked = check(certified, of: payload, rubric: rubric, reachedEnd: &reachedEnd, pack: pack)
            mismatches += checked.mismatches
            if let grade = checked.grade { regraded.append(grade) }
        }
        if let rubric, regraded.count == payload.scenarios.count {
            let overall = Certification.overall(regraded, rubric: rubric)
            if overall.score != payload.overall.score {
                mismatches.append("the overall score is \(payload.overall.score), but the regraded scenarios give \(overall.score)")
            }
            if overall.passed != payload.overall.passed {
                mismatches.append("the certificate says \(payload.overall.passed ? "passed" : "not passed"), but the regraded run \(overall.passed ? "passes" : "does not pass")")
            }
        }
        let verdict = payload.overall.passed ? "passed" : "not passed"
        let summary = "verified: \(UntrustedText.plain(payload.candidate)), \(Format.count(payload.scenarios.count, "scenario")), score \(payload.overall.score)/100, \(verdict); "
            + "proctored by \(UntrustedText.plain(payload.proctor)), signed by key \(Signing.fingerprint(key))"
        return Outcome(summary: summary, mismatches: mismatches)
    }

    /// Why a certificate cannot be read at all, in the one mismatch it gets.
    struct Refusal: Error { var message: String }

    /// The certificate read, its signature checked first: when the key or the signed bytes
    /// differ, nothing else in the file is believed or read.
    static func signedPayload(certificateText: String, publicKeyText: String) -> Result<(Certificate, Signing.PublicKey, Certificate.Payload), Refusal> {
        let certificate: Certificate
        do {
            certificate = try Certificate.decode(certificateText)
        } catch {
            return .failure(Refusal(message: "the file is not a nightshift certificate (\(DecodingProblem.describe(error)))"))
        }
        guard certificate.format == Certificate.format else {
            return .failure(Refusal(message: "unknown certificate format \(UntrustedText.quoted(certificate.format)); this nightshift reads `\(Certificate.format)`"))
        }
        let key: Signing.PublicKey
        do {
            key = try Signing.readPublic(publicKeyText)
        } catch {
            return .failure(Refusal(message: "the public key file: \(error)"))
        }
        // The fingerprint shown is computed from the key the file carries, never taken from it.
        guard certificate.signature.publicKey == key.rawRepresentation.base64EncodedString() else {
            let claimed = Data(base64Encoded: certificate.signature.publicKey).flatMap { try? Signing.PublicKey(rawRepresentation: $0) }
            return .failure(Refusal(message: "signed by another key (" + (claimed.map { "fingerprint \(Signing.fingerprint($0))" } ?? "not a readable key")
                                    + "), not by \(Signing.fingerprint(key))"))
        }
        guard certificate.isSigned(by: key) else {
            return .failure(Refusal(message: "the signature does not match the certificate's contents: it was edited after signing"))
        }
        do {
            return .success((certificate, key, try certificate.decodedPayload()))
        } catch {
            return .failure(Refusal(message: "the signed payload is not readable (\(DecodingProblem.describe(error)))"))
        }
    }

    /// The rubric, cost table and draw the certificate names, against this pack.
    static func packMismatches(_ payload: Certificate.Payload, pack: LoadedPack) -> [String] {
        var mismatches: [String] = []
        let manifest = PackManifest(pack)
        if manifest.sha256(of: pack.rubric(for: .certification).path) != payload.rubric.sha256 {
            mismatches.append("the certification rubric in \(pack.origin.description) differs from the one certified (\(UntrustedText.plain(payload.rubric.version)))")
        }
        if manifest.sha256(of: "Scenarios/\(PackLoader.costsFile)") != payload.costs.sha256 {
            mismatches.append("the cost table in \(pack.origin.description) differs from the one certified (version \(UntrustedText.plain(payload.costs.version)))")
        }
        // The scenarios must be the seed's draw: a run cannot choose what it is certified on.
        let drawn = Certification.draw(pack.canonicalScenarios, seed: payload.seed, count: payload.scenarios.count)
        if drawn.map(\.id) != payload.scenarios.map(\.id) || drawn.map(\.seed) != payload.scenarios.map(\.seed) {
            mismatches.append("the certified scenarios are not what seed \(payload.seed) draws from \(pack.origin.description): "
                              + "the draw was changed, or the pack differs from the one certified")
        }
        return mismatches
    }

    /// One certified scenario: its file, its journal's lines and custody, and its regrade.
    static func check(_ certified: Certificate.Payload.Scenario, of payload: Certificate.Payload, rubric: Rubric?, reachedEnd: inout Bool,
                      pack: LoadedPack) -> (mismatches: [String], grade: Grade?) {
        var mismatches: [String] = []
        let name = "\(UntrustedText.plain(certified.codename, limit: 40)) (\(UntrustedText.plain(certified.id, limit: 60)))"
        let manifest = PackManifest(pack)
        guard let source = pack.contents.source(certified.id), let path = pack.path(ofScenario: certified.id) else {
            return (["\(name): not in \(pack.origin.description)"], nil)
        }
        if manifest.sha256(of: path) != certified.sha256 {
            return (["\(name): the pack's scenario file differs from the one certified (sha256 \(UntrustedText.plain(String(certified.sha256.prefix(12))))…)"], nil)
        }
        if Digest.sha256(certified.journal) != certified.journalSHA256 {
            mismatches.append("\(name): the journal's bytes do not match their recorded hash")
        }
        guard let rubric, let scenario = source.instantiate(seed: certified.seed, pack: pack.contents.pack).0 else {
            return (mismatches + ["\(name): cannot be regraded with this pack"], nil)
        }
        if certified.journal.isEmpty {
            // Never reached: it can only be zero, with the one finding that says so.
            if certified.score != 0 || certified.passed || certified.findings.map(\.reason) != [Certification.notAttemptedReason] {
                mismatches.append("\(name): not attempted, yet the certificate gives it a result")
            }
            reachedEnd = true
            return (mismatches, Certification.notAttempted(scenario, rubric: rubric))
        }
        if reachedEnd { mismatches.append("\(name): played after a scenario the run never reached") }
        let journal: OpenedJournal
        do {
            journal = try OpenedJournal(text: certified.journal, name: name)
        } catch {
            return (mismatches + ["\(name): the journal is not readable (\(error))"], nil)
        }
        let problems = CertifiedJournal.problems(journal, expected: .init(scenario: certified.id, seed: certified.seed, candidate: payload.candidate),
                                                 scenario: scenario, pack: pack)
        guard problems.isEmpty else { return (mismatches + problems.map { "\(name): the journal: \($0)" }, nil) }
        // A local run seals every line; a proctored one was received line by line by the proctor's server instead.
        let sealed = journal.header.seal != nil && !journal.entries.contains { $0.seal == nil }
        switch payload.custody {
        case "sealed"?:
            if !sealed { mismatches.append("\(name): the journal's lines are not all sealed, although the run says it sealed them") }
        case "proctor-store"?:
            break
        default:
            mismatches.append("\(name): the certificate does not say how its journals were kept (made before runs were sealed): "
                              + "nothing shows they were not edited before signing; certify again")
        }
        if journal.header.rubricSHA256 != payload.rubric.sha256 {
            mismatches.append("\(name): the journal was played under another rubric than the one certified")
        }
        guard let session = try? journal.replay(scenario, pack: pack, drawingScreens: false).session else {
            return (mismatches + ["\(name): cannot be regraded with this pack"], nil)
        }
        let grade = Grader.grade(session: session, rubric: rubric, entries: journal.entries)
        if grade.score != certified.score { mismatches.append("\(name): the journal grades \(grade.score), the certificate says \(certified.score)") }
        if grade.passed != certified.passed { mismatches.append("\(name): the journal grades \(grade.passed ? "passed" : "not passed"), the certificate says otherwise") }
        if grade.findings != certified.findings { mismatches.append("\(name): the findings differ from the journal's regrade") }
        if session.ended == nil { mismatches.append("\(name): the journal stops before the scenario ended") }
        return (mismatches, grade)
    }

    public static func run(certificatePath: String, publicKeyPath: String, pack: LoadedPack, output: TerminalOutput = TerminalOutput()) throws(NightshiftError) {
        guard let certificate = FileManager.default.contents(atPath: certificatePath) else { throw .cannotRead(certificatePath) }
        guard let key = FileManager.default.contents(atPath: publicKeyPath) else { throw .cannotRead(publicKeyPath) }
        // A key file that is not a key is a wrong argument, like a missing file, not a failed check.
        guard (try? Signing.readPublic(String(decoding: key, as: UTF8.self))) != nil else { throw .notAPublicKey(publicKeyPath) }
        let outcome = verify(certificateText: String(decoding: certificate, as: UTF8.self), publicKeyText: String(decoding: key, as: UTF8.self), pack: pack)
        if outcome.mismatches.isEmpty {
            output.line(outcome.summary)
            return
        }
        for mismatch in outcome.mismatches { output.line("mismatch: \(mismatch)") }
        output.error("\(certificatePath): \(outcome.mismatches.count) mismatch\(outcome.mismatches.count == 1 ? "" : "es"); the certificate does not verify")
        throw .certificateDoesNotVerify(mismatches: outcome.mismatches.count)
    }
}
