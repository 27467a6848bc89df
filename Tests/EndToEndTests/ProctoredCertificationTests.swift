import Foundation
import Grading
import Reports
import ResultsStore
import TestSupport
import Testing

/// The proctored mode against the real PostgreSQL server: the candidate's machine never holds
/// the key, every line reaches the proctor's store as it is played, the candidate's role can
/// insert lines and never change one, and the certificate is signed from what was received.
struct ProctoredCertificationTests {
    struct Setup {
        var folder: URL
        var environment: [String: String]
        var proctorStore: StoreLocation
        var candidateStore: StoreLocation
        var code: String
    }

    /// A fresh database, a proctor's key, a candidate role granted by `certify grant`, and an opened run.
    static func open(scenarios: Int = 2) throws -> Setup? {
        guard TestStores.postgresURL != nil else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("CI must test the proctored mode: set NIGHTSHIFT_TEST_POSTGRES") }
            return nil
        }
        let folder = try Binary.temporaryFolder()
        let environment = Binary.environment(folder)
        let proctor = try TestStores.fresh(.postgres)
        _ = try Binary.run(["keys", "new", "keys"], environment: environment, in: folder)
        let opened = try Binary.run(["certify", "open", "--candidate", "Ada Lovelace", "--proctor", "Grace Hopper", "--scenarios", "\(scenarios)",
                                     "--seed", "\(CertificationTests.seed)", "--store", proctor.text, "--pack", Fixture.root.path],
                                    environment: environment, in: folder)
        #expect(opened.status == 0, "\(opened.stderr)")
        let code = try #require(opened.stdout.firstMatch(of: /run ([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})/)?.1).description
        let role = try TestStores.role(in: proctor)
        let granted = try Binary.run(["certify", "grant", role.name, "--store", proctor.text, "--pack", Fixture.root.path], environment: environment)
        #expect(granted.status == 0, "\(granted.stderr)")
        return Setup(folder: folder, environment: environment, proctorStore: proctor, candidateStore: role.location, code: code)
    }

    @Test func aProctoredRunIsSignedOnTheProctorsMachineFromWhatTheStoreReceived() throws {
        guard let setup = try Self.open() else { return }
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let picks = CertificationTests.picks(count: 2)
        let first = CertificationTests.expert(picks[0]), second = CertificationTests.expert(picks[1])
        // The candidate's machine: its own data folder, no key, the candidate role's URL.
        let candidate = setup.folder.appendingPathComponent("candidate")
        try FileManager.default.createDirectory(at: candidate, withIntermediateDirectories: true)
        let candidateEnvironment = Binary.environment(candidate)
        let join = ["certify", "join", setup.code, "--store", setup.candidateStore.text, "--pack", Fixture.root.path]

        // Killed partway through the second scenario, then joined again: it goes on from the store.
        let process = try RunningBinary(join, environment: candidateEnvironment, in: candidate)
        process.send(first + Array(second.prefix(4)))
        let store = try ResultsStore.open(setup.proctorStore, mode: .existing)
        defer { store.close() }
        #expect(RunningBinary.wait { ((try? store.proctoredLines(run: setup.code, pick: 1)) ?? []).count >= 5 }, "the second scenario never reached the store")
        process.kill()
        let sent = try store.proctoredLines(run: setup.code, pick: 1).filter { $0.text.contains("\"type\":\"command\"") }.count
        let rejoined = try Binary.run(join, input: second.dropFirst(sent).joined(separator: "\n") + "\n", environment: candidateEnvironment, in: candidate)
        #expect(rejoined.status == 0, "\(rejoined.stderr)")
        #expect(rejoined.stdout.contains("Every scenario is recorded."), "\(rejoined.stdout.suffix(800))")

        // Lines carry the server's time and the role that sent them, which the candidate cannot set.
        let lines = try store.proctoredLines(run: setup.code)
        #expect(Set(lines.map(\.insertedBy)) == [setup.candidateStore.server?.user ?? "?"])
        #expect(lines.allSatisfy { !$0.receivedAt.isEmpty })
        for statement in ["UPDATE certification_lines SET text = 'x'", "DELETE FROM certification_lines",
                          "INSERT INTO certification_lines (run, pick, line, text, received_at) VALUES ('\(setup.code)', 0, 999, 'x', '2020-01-01')",
                          "UPDATE certification_runs SET seed = '1'"] {
            #expect(throws: (any Error).self, "the candidate's role could run: \(statement)") { try TestStores.execute(statement, at: setup.candidateStore) }
        }

        // The proctor signs; the certificate verifies anywhere and says how its journals were kept.
        let signed = try Binary.run(["certify", "sign", setup.code, "--key", "keys/nightshift.key", "--out", "cert", "--store", setup.proctorStore.text,
                                     "--pack", Fixture.root.path], environment: setup.environment, in: setup.folder)
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(signed.stdout.contains("Certification: Ada Lovelace · PASSED"), "\(signed.stdout.suffix(1500))")
        let certificateFile = setup.folder.appendingPathComponent("cert/certificate.json")
        let payload = try Certificate.decode(String(contentsOf: certificateFile, encoding: .utf8)).decodedPayload()
        #expect(payload.custody == "proctor-store")
        #expect(payload.scenarios.map(\.id) == picks.map(\.id))
        #expect(payload.gaps.count == 1 && payload.gaps.first?.scenario == picks[1].id)
        let verified = try CertificationTests.verify(certificateFile, key: setup.folder.appendingPathComponent("keys/nightshift.pub"), environment: setup.environment)
        #expect(verified.status == 0, "\(verified.stdout)")
        let again = try Binary.run(["certify", "sign", setup.code, "--key", "keys/nightshift.key", "--out", "cert2", "--store", setup.proctorStore.text,
                                    "--pack", Fixture.root.path], environment: setup.environment, in: setup.folder)
        #expect(again.status == 1 && again.stderr.contains("is signed already"), "\(again.stderr)")
    }

    @Test func linesSentByARoleThatCouldRewriteThemAreNotSigned() throws {
        guard let setup = try Self.open(scenarios: 1) else { return }
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        // The candidate was given the proctor's own URL: the owner of the tables.
        let played = try Binary.run(["certify", "join", setup.code, "--store", setup.proctorStore.text, "--pack", Fixture.root.path],
                                    input: "status\nquit\ny\n", environment: setup.environment, in: setup.folder)
        #expect(played.status == 0, "\(played.stderr)")
        let signed = try Binary.run(["certify", "sign", setup.code, "--key", "keys/nightshift.key", "--out", "cert", "--store", setup.proctorStore.text,
                                     "--pack", Fixture.root.path], environment: setup.environment, in: setup.folder)
        #expect(signed.status == 1)
        #expect(signed.stderr.contains("which can also change or delete lines"), "\(signed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: setup.folder.appendingPathComponent("cert/certificate.json").path))
    }

    @Test func aProctoredRunNeedsAServerThatCanDenyTheCandidate() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let opened = try Binary.run(["certify", "open", "--candidate", "A", "--proctor", "P", "--store", folder.appendingPathComponent("r.sqlite").path,
                                     "--pack", Fixture.root.path], environment: Binary.environment(folder))
        #expect(opened.status == 2)
        #expect(opened.stderr.contains("a proctored run needs a PostgreSQL store"), "\(opened.stderr)")
    }
}
