import Foundation
import Grading
import Reports
import ScenarioFormat
import TestSupport
import Testing

/// A proctored run through the real binary: keys, a drawn run played by an expert, the signed
/// certificate, `verify` in another process and folder, and every kind of tampering caught.
struct CertificationTests {
    static let seed: UInt64 = 42

    /// The scenarios `certify --seed 42` draws from the repository's pack, with their variant seeds.
    static func picks(count: Int) -> [Certification.Pick] {
        let canonical = Fixture.contents.scenarios.compactMap { $0.instantiate(seed: 0, pack: Fixture.contents.pack).0 }
        return Certification.draw(canonical, seed: seed, count: count)
    }

    /// The expert's lines for one drawn scenario, read against its variant.
    static func expert(_ pick: Certification.Pick) -> [String] {
        Fixture.script("Tests/GradingTests/Journals/\(pick.id)/expert.txt", variant: Fixture.scenario(pick.id, seed: pick.seed))
    }

    /// A folder with a proctor's keys and a finished two-scenario run played by the expert.
    struct Run {
        var folder: URL
        var environment: [String: String]
        var certificate: URL { folder.appendingPathComponent("run/certificate.json") }
        var publicKey: URL { folder.appendingPathComponent("keys/nightshift.pub") }
        var privateKey: URL { folder.appendingPathComponent("keys/nightshift.key") }
        var output: String
    }

    /// Keys, then a run; by default the expert plays every drawn scenario.
    static func certify(scenarios: Int = 2, seed: UInt64 = seed, input: String? = nil) throws -> Run {
        let folder = try Binary.temporaryFolder()
        let environment = Binary.environment(folder)
        let keys = try Binary.run(["keys", "new", "keys"], environment: environment, in: folder)
        #expect(keys.status == 0, "\(keys.stderr)")
        let played = input ?? picks(count: scenarios).flatMap(expert).joined(separator: "\n") + "\n"
        let run = try Binary.run(["certify", "--candidate", "Ada Lovelace", "--proctor", "Grace Hopper", "--key", "keys/nightshift.key",
                                  "--scenarios", "\(scenarios)", "--seed", "\(seed)", "--out", "run", "--pack", Fixture.root.path],
                                 input: played, environment: environment, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        return Run(folder: folder, environment: environment, output: run.stdout)
    }

    static func verify(_ certificate: URL, key: URL, pack: URL = Fixture.root, environment: [String: String], in folder: URL? = nil) throws -> Binary.Run {
        try Binary.run(["verify", certificate.path, "--public-key", key.path, "--pack", pack.path], environment: environment, in: folder)
    }

    /// Rewrites the certificate's payload and signs it again with `key`: what someone holding a
    /// key (the proctor's, or their own) could do. Only the regrade can catch it.
    static func forge(_ run: Run, signingWith keyFile: URL, to name: String, _ edit: (inout Certificate.Payload) -> Void) throws -> URL {
        let certificate = try Certificate.decode(String(contentsOf: run.certificate, encoding: .utf8))
        var payload = try certificate.decodedPayload()
        edit(&payload)
        let key = try Signing.readPrivate(String(contentsOf: keyFile, encoding: .utf8))
        let forged = run.folder.appendingPathComponent(name)
        try Certificate.sign(payload, with: key).encoded().write(to: forged, atomically: true, encoding: .utf8)
        return forged
    }

    @Test func keysAreWrittenWithThePrivateOneReadableByItsOwnerOnlyAndNeverOverwritten() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try Binary.run(["keys", "new", "proctor"], environment: Binary.environment(folder), in: folder)
        #expect(made.status == 0)
        #expect(made.stdout.contains("fingerprint "))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("proctor/nightshift.key").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let publicAttributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("proctor/nightshift.pub").path)
        #expect((publicAttributes[.posixPermissions] as? Int) == 0o644)
        let before = try String(contentsOf: folder.appendingPathComponent("proctor/nightshift.key"), encoding: .utf8)
        let again = try Binary.run(["keys", "new", "proctor"], environment: Binary.environment(folder), in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists; keys are never overwritten"))
        #expect(try String(contentsOf: folder.appendingPathComponent("proctor/nightshift.key"), encoding: .utf8) == before)
    }

    @Test func anExpertRunIsCertifiedAndVerifiesInAnotherProcessAndFolder() throws {
        let run = try Self.certify()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        #expect(run.output.contains("Certification: Ada Lovelace · PASSED"), "\(run.output.suffix(1500))")
        for file in ["certificate.json", "certificate.md", "certificate.html"] {
            #expect(FileManager.default.fileExists(atPath: run.folder.appendingPathComponent("run/\(file)").path), "\(file) is missing")
        }
        // What the certificate holds, in the clear.
        let certificate = try Certificate.decode(String(contentsOf: run.certificate, encoding: .utf8))
        let payload = try certificate.decodedPayload()
        #expect(payload.candidate == "Ada Lovelace" && payload.proctor == "Grace Hopper" && payload.seed == Self.seed)
        #expect(payload.scenarios.map(\.id) == Self.picks(count: 2).map(\.id))
        #expect(payload.scenarios.allSatisfy { !$0.journal.isEmpty && $0.passed && $0.sha256.count == 64 })
        #expect(payload.rubric.sha256.count == 64 && !payload.engine.isEmpty && !payload.wallStart.isEmpty && !payload.wallEnd.isEmpty)
        // Elsewhere: only the certificate and the public key travel.
        let elsewhere = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.copyItem(at: run.certificate, to: elsewhere.appendingPathComponent("certificate.json"))
        try FileManager.default.copyItem(at: run.publicKey, to: elsewhere.appendingPathComponent("proctor.pub"))
        let verified = try Binary.run(["verify", "certificate.json", "--public-key", "proctor.pub", "--pack", Fixture.root.path],
                                      environment: Binary.environment(elsewhere), in: elsewhere)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.hasPrefix("verified: Ada Lovelace, 2 scenarios, score \(payload.overall.score)/100, passed; proctored by Grace Hopper, signed by key "))
        #expect(verified.stdout.split(separator: "\n").count == 1)
        // Each scenario is in the candidate's history too, with the certificate's score.
        let history = try Binary.run(["results", "--pack", Fixture.root.path], environment: run.environment, in: run.folder)
        for scenario in payload.scenarios {
            #expect(history.stdout.contains(scenario.id) && history.stdout.contains("certification  \(scenario.score)"), "\(history.stdout)")
        }
        // A run in the same folder is refused, not overwritten.
        let again = try Binary.run(["certify", "--candidate", "X", "--proctor", "Y", "--key", "keys/nightshift.key", "--out", "run", "--pack", Fixture.root.path],
                                   environment: run.environment, in: run.folder)
        #expect(again.status == 2 && again.stderr.contains("already holds a certification run"))
    }

    @Test func everyKindOfTamperingIsCaughtAndNamed() throws {
        let run = try Self.certify()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let text = try String(contentsOf: run.certificate, encoding: .utf8)
        let certificate = try Certificate.decode(text)
        let payload = try certificate.decodedPayload()
        let first = payload.scenarios[0]

        func expectMismatch(_ file: URL, key: URL? = nil, pack: URL = Fixture.root, _ needle: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let result = try Self.verify(file, key: key ?? run.publicKey, pack: pack, environment: run.environment)
            #expect(result.status == 1, "verify passed a tampered certificate", sourceLocation: sourceLocation)
            #expect(result.stdout.contains(needle), "\(result.stdout)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains("does not verify"), sourceLocation: sourceLocation)
        }
        func edited(_ name: String, _ from: String, _ to: String) throws -> URL {
            #expect(text.contains(from), "the certificate lacks \(from)")
            let file = run.folder.appendingPathComponent(name)
            try text.replacingOccurrences(of: from, with: to).write(to: file, atomically: true, encoding: .utf8)
            return file
        }

        // Edits by hand, without any key: the signature no longer matches.
        let edited1 = try edited("name.json", "Ada Lovelace", "Ada Lovelacf")
        try expectMismatch(edited1, "edited after signing")
        let scoreText = "\\\"score\\\":\(first.score)"
        try expectMismatch(try edited("score.json", scoreText, "\\\"score\\\":\(first.score == 100 ? 99 : first.score + 1)"), "edited after signing")
        let reason = first.findings[0].reason.replacingOccurrences(of: "\"", with: "\\\"")
        try expectMismatch(try edited("finding.json", reason, reason + " (reviewed)"), "edited after signing")
        try expectMismatch(try edited("hash.json", first.sha256, String(first.sha256.reversed())), "edited after signing")

        // Another key.
        let other = run.folder.appendingPathComponent("other")
        _ = try Binary.run(["keys", "new", other.path], environment: run.environment)
        try expectMismatch(run.certificate, key: other.appendingPathComponent("nightshift.pub"), "signed by another key")
        let selfSigned = try Self.forge(run, signingWith: other.appendingPathComponent("nightshift.key"), to: "self-signed.json") { $0.candidate = "Mallory" }
        try expectMismatch(selfSigned, "signed by another key")

        // Re-signed with the proctor's own key: the regrade catches what the signature cannot.
        let inflated = try Self.forge(run, signingWith: run.privateKey, to: "inflated.json") { payload in
            payload.scenarios[0].score = min(100, first.score + 5) == first.score ? first.score - 5 : min(100, first.score + 5)
        }
        try expectMismatch(inflated, "the journal grades \(first.score), the certificate says")
        let declaration = "declare \(first.surface)"
        let rewritten = try Self.forge(run, signingWith: run.privateKey, to: "journal.json") { payload in
            #expect(payload.scenarios[0].journal.contains(declaration))
            payload.scenarios[0].journal = payload.scenarios[0].journal.replacingOccurrences(of: declaration, with: "declare infra")
            payload.scenarios[0].journalSHA256 = Signing.sha256(Data(payload.scenarios[0].journal.utf8))
        }
        try expectMismatch(rewritten, "the findings differ from the journal's regrade")
        let unhashed = try Self.forge(run, signingWith: run.privateKey, to: "unhashed.json") { payload in
            payload.scenarios[1].journal += "{\"seq\":999,\"type\":\"command\",\"text\":\"status\",\"at_ms\":0,\"wall_ms\":0,\"width\":100}\n"
        }
        try expectMismatch(unhashed, "the journal's bytes do not match their recorded hash")
        let verdict = try Self.forge(run, signingWith: run.privateKey, to: "verdict.json") { $0.overall.score = 100 }
        try expectMismatch(verdict, "the overall score is 100, but the regraded scenarios give \(payload.overall.score)")

        // A pack whose scenario or rubric differs from the one certified.
        let pack = run.folder.appendingPathComponent("pack")
        for folder in ["Scenarios", "Grading"] {
            try FileManager.default.copyItem(at: Fixture.root.appendingPathComponent(folder), to: pack.appendingPathComponent(folder))
        }
        let scenarioFile = pack.appendingPathComponent("Scenarios/\(first.id).yaml")
        try (String(contentsOf: scenarioFile, encoding: .utf8) + "\n# edited after the run\n").write(to: scenarioFile, atomically: true, encoding: .utf8)
        let rubricFile = pack.appendingPathComponent("Grading/certification.yaml")
        try (String(contentsOf: rubricFile, encoding: .utf8) + "\n# edited after the run\n").write(to: rubricFile, atomically: true, encoding: .utf8)
        let changed = try Self.verify(run.certificate, key: run.publicKey, pack: pack, environment: run.environment)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("\(first.codename) (\(first.id)): the pack's scenario file differs from the one certified"), "\(changed.stdout)")
        #expect(changed.stdout.contains("the certification rubric in"), "\(changed.stdout)")

        // Not a certificate at all.
        let junk = run.folder.appendingPathComponent("junk.json")
        try "{\"hello\": 1}".write(to: junk, atomically: true, encoding: .utf8)
        try expectMismatch(junk, "is not a nightshift certificate")
        // And the original still verifies.
        #expect(try Self.verify(run.certificate, key: run.publicKey, environment: run.environment).status == 0)
    }

    @Test func hintsAndThePrimerAreRefusedInACertificationRun() throws {
        let run = try Self.certify(scenarios: 1, seed: 7, input: "hint\nlearn\nquit\ny\n")
        defer { try? FileManager.default.removeItem(at: run.folder) }
        #expect(run.output.contains("Hints are not available in a certification run."))
        #expect(run.output.contains("`learn` is not available in a certification run."))
        #expect(run.output.contains("warning: Ada Lovelace has never practised the surfaces"), "the run warns about unpractised surfaces")
        let certificate = try Certificate.decode(String(contentsOf: run.certificate, encoding: .utf8))
        #expect(try certificate.decodedPayload().warnings.contains { $0.contains("never practised") })
    }

    @Test func givingUpEndsTheRunAndTheRestAreNotAttempted() throws {
        // The input ends in the first scenario: the candidate gave up.
        let run = try Self.certify(scenarios: 3, seed: 7, input: "status\n")
        defer { try? FileManager.default.removeItem(at: run.folder) }
        #expect(run.output.contains("NOT PASSED"))
        let payload = try Certificate.decode(String(contentsOf: run.certificate, encoding: .utf8)).decodedPayload()
        #expect(payload.scenarios.count == 3)
        #expect(payload.scenarios.dropFirst().allSatisfy { $0.journal.isEmpty && $0.score == 0 && $0.findings.map(\.reason) == [Certification.notAttemptedReason] })
        let markdown = try String(contentsOf: run.folder.appendingPathComponent("run/certificate.md"), encoding: .utf8)
        #expect(markdown.contains("not attempted"))
        let verified = try Self.verify(run.certificate, key: run.publicKey, environment: run.environment)
        #expect(verified.status == 0, "\(verified.stdout)")
    }
}
