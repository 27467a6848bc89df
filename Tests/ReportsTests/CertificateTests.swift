import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// The signature covers the exact payload bytes: any edit, however small, and any other key, fail.
struct CertificateTests {
    /// A two-scenario payload: one played (from `grade`), one never reached.
    static func payload(grade: Grade) -> Certificate.Payload {
        let played = Certificate.Payload.Scenario(
            id: grade.scenario, codename: grade.codename, title: grade.title, seed: grade.seed, sha256: String(repeating: "a", count: 64),
            surface: grade.surface, journal: "{\"journal\":1}\n", journalSHA256: String(repeating: "b", count: 64), score: grade.score,
            passed: grade.passed, failedBy: grade.failedBy, findings: grade.findings, timeToSurfaceMinutes: grade.timeToSurfaceMinutes)
        let unplayed = Certificate.Payload.Scenario(
            id: "retrieval-replica-loss", codename: "Later", title: "Never reached", seed: 9, sha256: String(repeating: "c", count: 64),
            surface: "retrieval", journal: "", journalSHA256: Signing.sha256(Data()), score: 0, passed: false, failedBy: nil,
            findings: [Finding(part: .notAttempted, points: 0, explanation: .notAttempted)], timeToSurfaceMinutes: nil)
        return Certificate.Payload(
            candidate: "Ada Lovelace", proctor: "Grace Hopper", engine: "test", pack: .init(name: "p", version: "1", sha256: "d"),
            rubric: .init(name: "certification", version: "1", sha256: "e"), costs: .init(name: "costs", version: "1", sha256: "f"),
            seed: 42, wallStart: "2026-11-29T10:00:00Z", wallEnd: "2026-11-29T11:00:00Z",
            gaps: [.init(scenario: grade.scenario, afterSequence: 4, wallMilliseconds: 90_000, at: "02:55")],
            scenarios: [played, unplayed], overall: .init(score: grade.score / 2, passed: false, passMark: 70, minimumPerScenario: 50, reasons: ["r"]),
            warnings: [])
    }

    static let grade: Grade = HTMLReportTests.played().grade

    @Test func aSignedCertificateVerifiesAfterARoundTripThroughItsFile() throws {
        let key = Signing.KeyPair()
        let certificate = try Certificate.sign(Self.payload(grade: Self.grade), with: key)
        let reread = try Certificate.decode(certificate.encoded())
        #expect(reread.isSigned(by: key.publicKey))
        #expect(try reread.decodedPayload() == Self.payload(grade: Self.grade))
        // The keys survive their files too.
        let publicKey = try Signing.readPublic(key.publicText)
        let privateKey = try Signing.readPrivate(key.privateText)
        #expect(reread.isSigned(by: publicKey))
        #expect(privateKey.publicKey.rawRepresentation == key.publicKey.rawRepresentation)
    }

    /// Every byte of the payload is covered: flipping any one character breaks the signature.
    @Test func everyEditToThePayloadBreaksTheSignature() throws {
        let key = Signing.KeyPair()
        let certificate = try Certificate.sign(Self.payload(grade: Self.grade), with: key)
        let edits: [(String, String)] = [
            ("\"candidate\":\"Ada Lovelace\"", "\"candidate\":\"Ada Lovelacf\""),
            ("\"score\":\(Self.grade.score)", "\"score\":\(Self.grade.score + 1)"),
            ("\"passed\":false", "\"passed\":true"),
            (Self.grade.findings[0].reason, Self.grade.findings[0].reason + "!"),
            ("{\\\"journal\\\":1}", "{\\\"journal\\\":2}"),
            (String(repeating: "a", count: 64), String(repeating: "a", count: 63) + "0"),
            ("\"wall_ms\":90000", "\"wall_ms\":9000"),
        ]
        for (from, to) in edits {
            var forged = certificate
            #expect(forged.payload.contains(from), "the payload lacks \(from)")
            forged.payload = forged.payload.replacingOccurrences(of: from, with: to)
            #expect(!forged.isSigned(by: key.publicKey), "editing \(from) went unnoticed")
        }
    }

    @Test func aCertificateSignedByAnotherKeyDoesNotVerify() throws {
        let proctor = Signing.KeyPair(), impostor = Signing.KeyPair()
        let forged = try Certificate.sign(Self.payload(grade: Self.grade), with: impostor)
        #expect(!forged.isSigned(by: proctor.publicKey))
        // Swapping in the proctor's public key text does not help: the signature is the impostor's.
        var swapped = forged
        swapped.signature.publicKey = proctor.publicKey.rawRepresentation.base64EncodedString()
        #expect(!swapped.isSigned(by: proctor.publicKey))
    }

    @Test func keyFilesThatAreNotKeysAreRefused() {
        #expect(throws: Signing.Failure.notAKey("private")) { try Signing.readPrivate("nightshift-ed25519-private-key-v1\nnot base64\n") }
        #expect(throws: Signing.Failure.notAKey("public")) { try Signing.readPublic(Signing.KeyPair().privateText) }
        #expect(throws: Signing.Failure.notAKey("public")) { try Signing.readPublic("") }
    }
}
