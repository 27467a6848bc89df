import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation

/// `nightshift verify`: the signature, the scenarios against the pack, and every journal
/// regraded. Any edit to the certificate, or a different key, is named.
public enum VerifyCommand {
    public struct Outcome: Sendable {
        public var summary: String
        public var mismatches: [String]
    }

    public static func verify(certificateText: String, publicKeyText: String, pack: LoadedPack) -> Outcome {
        var mismatches: [String] = []
        let certificate: Certificate
        do {
            certificate = try Certificate.decode(certificateText)
        } catch {
            return Outcome(summary: "", mismatches: ["the file is not a nightshift certificate (\(DecodingProblem.describe(error)))"])
        }
        guard certificate.format == Certificate.format else {
            return Outcome(summary: "", mismatches: ["unknown certificate format `\(certificate.format)`; this nightshift reads `\(Certificate.format)`"])
        }
        let key: Signing.PublicKey
        do {
            key = try Signing.readPublic(publicKeyText)
        } catch {
            return Outcome(summary: "", mismatches: ["the public key file: \(error)"])
        }
        if certificate.signature.publicKey != key.rawRepresentation.base64EncodedString() {
            mismatches.append("signed by another key (fingerprint \(certificate.signature.fingerprint)), not by \(Signing.fingerprint(key))")
        } else if !certificate.isSigned(by: key) {
            mismatches.append("the signature does not match the certificate's contents: it was edited after signing")
        }
        let payload: Certificate.Payload
        do {
            payload = try certificate.decodedPayload()
        } catch {
            return Outcome(summary: "", mismatches: mismatches + ["the signed payload is not readable"])
        }
        let manifest = PackManifest(pack)
        let (loadedRubric, rubricPath, _) = pack.rubric(for: "certification")
        if manifest.sha256(of: rubricPath) != payload.rubric.sha256 {
            mismatches.append("the certification rubric in \(pack.origin.description) differs from the one certified (\(payload.rubric.version))")
        }
        if manifest.sha256(of: "Scenarios/\(PackLoader.costsFile)") != payload.costs.sha256 {
            mismatches.append("the cost table in \(pack.origin.description) differs from the one certified (version \(payload.costs.version))")
        }
        var regraded: [Grade] = []
        for certified in payload.scenarios {
            let name = "\(certified.codename) (\(certified.id))"
            guard let source = pack.contents.source(certified.id), let path = pack.path(ofScenario: certified.id) else {
                mismatches.append("\(name): not in \(pack.origin.description)")
                continue
            }
            if manifest.sha256(of: path) != certified.sha256 {
                mismatches.append("\(name): the pack's scenario file differs from the one certified (sha256 \(certified.sha256.prefix(12))…)")
                continue
            }
            if Digest.sha256(certified.journal) != certified.journalSHA256 {
                mismatches.append("\(name): the journal's bytes do not match their recorded hash")
            }
            if certified.journal.isEmpty {
                // Never reached: it can only be zero, with the one finding that says so.
                if certified.score != 0 || certified.passed || certified.findings.map(\.reason) != [Certification.notAttemptedReason] {
                    mismatches.append("\(name): not attempted, yet the certificate gives it a result")
                }
                if let scenario = source.instantiate(seed: certified.seed, pack: pack.contents.pack).0, let rubric = loadedRubric {
                    regraded.append(Certification.notAttempted(scenario, rubric: rubric))
                }
                continue
            }
            guard case .success(let journal) = Journal.parse(certified.journal) else {
                mismatches.append("\(name): the journal is not readable")
                continue
            }
            if journal.header.scenario != certified.id || journal.header.seed != certified.seed || journal.header.mode != "certification" {
                mismatches.append("\(name): the journal is for \(journal.header.scenario) seed \(journal.header.seed) in \(journal.header.mode) mode")
                continue
            }
            guard let rubric = loadedRubric, let scenario = source.instantiate(seed: certified.seed, pack: pack.contents.pack).0,
                  let grade = try? Grader.grade(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs, rubric: rubric,
                                                header: journal.header, entries: journal.entries) else {
                mismatches.append("\(name): cannot be regraded with this pack")
                continue
            }
            if grade.score != certified.score { mismatches.append("\(name): the journal grades \(grade.score), the certificate says \(certified.score)") }
            if grade.passed != certified.passed { mismatches.append("\(name): the journal grades \(grade.passed ? "passed" : "not passed"), the certificate says otherwise") }
            if grade.findings != certified.findings { mismatches.append("\(name): the findings differ from the journal's regrade") }
            regraded.append(grade)
        }
        if let rubric = loadedRubric, regraded.count == payload.scenarios.count {
            let overall = Certification.overall(regraded, rubric: rubric)
            if overall.score != payload.overall.score {
                mismatches.append("the overall score is \(payload.overall.score), but the regraded scenarios give \(overall.score)")
            }
            if overall.passed != payload.overall.passed {
                mismatches.append("the certificate says \(payload.overall.passed ? "passed" : "not passed"), but the regraded run \(overall.passed ? "passes" : "does not pass")")
            }
        }
        let verdict = payload.overall.passed ? "passed" : "not passed"
        let summary = "verified: \(payload.candidate), \(Format.count(payload.scenarios.count, "scenario")), score \(payload.overall.score)/100, \(verdict); "
            + "proctored by \(payload.proctor), signed by key \(certificate.signature.fingerprint)"
        return Outcome(summary: summary, mismatches: mismatches)
    }

    public static func run(certificatePath: String, publicKeyPath: String, pack: LoadedPack, output: TerminalOutput = TerminalOutput()) -> Int32 {
        guard let certificate = FileManager.default.contents(atPath: certificatePath) else {
            output.error("nightshift: cannot read \(certificatePath)")
            return 2
        }
        guard let key = FileManager.default.contents(atPath: publicKeyPath) else {
            output.error("nightshift: cannot read \(publicKeyPath)")
            return 2
        }
        // A key file that is not a key is a wrong argument, like a missing file, not a failed check.
        guard (try? Signing.readPublic(String(decoding: key, as: UTF8.self))) != nil else {
            output.error("nightshift: \(publicKeyPath) is not a public key from `nightshift keys new` (nightshift.pub)")
            return 2
        }
        let outcome = verify(certificateText: String(decoding: certificate, as: UTF8.self), publicKeyText: String(decoding: key, as: UTF8.self), pack: pack)
        if outcome.mismatches.isEmpty {
            output.line(outcome.summary)
            return 0
        }
        for mismatch in outcome.mismatches { output.line("mismatch: \(mismatch)") }
        output.error("\(certificatePath): \(outcome.mismatches.count) mismatch\(outcome.mismatches.count == 1 ? "" : "es"); the certificate does not verify")
        return 1
    }
}
