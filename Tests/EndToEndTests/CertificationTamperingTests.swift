import Foundation
import Grading
import Reports
import ScenarioFormat
import TestSupport
import Testing

/// The attacks on a local certification run that once bought a signed certificate with a text
/// editor: each is now refused by `resume` or caught by `verify`, with a sentence saying which
/// file and line, and the untouched run still finishes.
struct CertificationTamperingTests {
    struct KilledRun {
        var folder: URL
        var environment: [String: String]
        var picks: [Certification.Pick]
        var second: [String]
        var answered: Int
        var run: URL { folder.appendingPathComponent("run") }
        var state: URL { run.appendingPathComponent("run.json") }
        func journal(_ number: Int) throws -> URL {
            let journals = run.appendingPathComponent("journals")
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: journals.path).first { $0.hasPrefix("\(number)-") })
            return journals.appendingPathComponent(name)
        }
    }

    /// `certify --scenarios 2 --seed 42`, the first scenario played by the expert, SIGKILL
    /// five commands into the second.
    static func killedRun() throws -> KilledRun {
        let folder = try Binary.temporaryFolder()
        let environment = Binary.environment(folder)
        _ = try Binary.run(["keys", "new", "keys"], environment: environment, in: folder)
        let picks = CertificationTests.picks(count: 2)
        let first = CertificationTests.expert(picks[0]), second = CertificationTests.expert(picks[1])
        let process = try RunningBinary(["certify", "--candidate", "Ada Lovelace", "--proctor", "Grace Hopper", "--key", "keys/nightshift.key",
                                         "--scenarios", "2", "--seed", "\(CertificationTests.seed)", "--out", "run", "--pack", Fixture.root.path],
                                        environment: environment, in: folder)
        process.send(first + Array(second.prefix(5)))
        let journals = folder.appendingPathComponent("run/journals")
        func secondJournal() -> String? {
            (try? FileManager.default.contentsOfDirectory(atPath: journals.path))?.first { $0.hasPrefix("2-") }.map { journals.appendingPathComponent($0).path }
        }
        #expect(RunningBinary.wait { secondJournal().map { Binary.journalInputs($0).inputs >= 5 } ?? false }, "the run never reached the second scenario")
        process.kill()
        let answered = secondJournal().map { Binary.journalInputs($0).inputs } ?? 0
        return KilledRun(folder: folder, environment: environment, picks: picks, second: second, answered: answered)
    }

    static func resume(_ run: KilledRun, key: String? = nil) throws -> Binary.Run {
        try Binary.run(["resume", "run/run.json", "--pack", Fixture.root.path] + (key.map { ["--key", $0] } ?? []),
                       input: run.second.dropFirst(run.answered).joined(separator: "\n") + "\n", environment: run.environment, in: run.folder)
    }

    /// After a refusal the original files still finish the run: a refusal changes nothing.
    static func expectStillFinishes(_ run: KilledRun, key: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let finished = try resume(run, key: key)
        #expect(finished.status == 0, "\(finished.stderr)", sourceLocation: sourceLocation)
        #expect(finished.stdout.contains("Certification: Ada Lovelace · PASSED"), sourceLocation: sourceLocation)
        let verified = try CertificationTests.verify(run.run.appendingPathComponent("certificate.json"),
                                                     key: run.folder.appendingPathComponent("keys/nightshift.pub"), environment: run.environment)
        #expect(verified.status == 0, "\(verified.stdout)", sourceLocation: sourceLocation)
    }

    @Test func aJournalSwappedForOnePlayedAtHomeIsRefused() throws {
        let run = try Self.killedRun()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        // At home: the same variant in certification mode, the header's player set to the candidate.
        let home = run.folder.appendingPathComponent("home.jsonl")
        let played = try Binary.run(["play", run.picks[0].id, "--seed", "\(run.picks[0].seed)", "--mode", "certification", "--journal", home.path,
                                     "--player", "Ada Lovelace", "--pack", Fixture.root.path],
                                    input: CertificationTests.expert(run.picks[0]).joined(separator: "\n") + "\n", environment: run.environment)
        #expect(played.status == 0, "\(played.stderr)")
        let journal = try run.journal(1)
        let original = try Data(contentsOf: journal)
        try Data(contentsOf: home).write(to: journal)

        let refused = try Self.resume(run)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(journal.lastPathComponent) does not hold what the run recorded: its header carries no seal of this run"), "\(refused.stderr)")
        #expect(!refused.stdout.contains("Scenario 2 of 2"), "nothing is played after a refusal")
        #expect(!FileManager.default.fileExists(atPath: run.run.appendingPathComponent("certificate.json").path))

        try original.write(to: journal)
        try Self.expectStillFinishes(run)
    }

    @Test func journalsEditedWhileTheKeyWasAwayAreRefusedWhenItReturns() throws {
        let run = try Self.killedRun()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        // The proctor takes the key away; the candidate edits the files; the proctor comes back with it.
        let away = run.folder.appendingPathComponent("usb")
        try FileManager.default.createDirectory(at: away, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: run.folder.appendingPathComponent("keys/nightshift.key"), to: away.appendingPathComponent("nightshift.key"))
        let withoutKey = try Self.resume(run)
        #expect(withoutKey.status == 2 && withoutKey.stderr.contains("cannot read the proctor's private key"), "\(withoutKey.stderr)")
        let key = away.appendingPathComponent("nightshift.key").path

        let journal = try run.journal(1)
        let original = try String(contentsOf: journal, encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        // A line removed (a wrong declaration, a harmful action, whatever it was).
        var removed = lines
        removed.remove(at: 2)
        try removed.joined(separator: "\n").write(to: journal, atomically: true, encoding: .utf8)
        let refusedRemoval = try Self.resume(run, key: key)
        #expect(refusedRemoval.status == 1)
        #expect(refusedRemoval.stderr.contains("line 3's seal does not hold"), "\(refusedRemoval.stderr)")

        // A command rewritten in place, its seal kept.
        let index = try #require(lines.firstIndex { $0.contains("\"type\":\"command\"") && $0.contains("declare ") })
        lines[index] = lines[index].replacingOccurrences(of: "declare ", with: "declare infra --evidence x # ")
        try lines.joined(separator: "\n").write(to: journal, atomically: true, encoding: .utf8)
        let refusedEdit = try Self.resume(run, key: key)
        #expect(refusedEdit.status == 1)
        #expect(refusedEdit.stderr.contains("line \(index + 1)'s seal does not hold"), "\(refusedEdit.stderr)")

        // A line appended to the unfinished journal, unsealed.
        try original.write(to: journal, atomically: true, encoding: .utf8)
        let second = try run.journal(2)
        let secondText = try String(contentsOf: second, encoding: .utf8)
        try (secondText + "{\"at_ms\":0,\"seq\":99,\"text\":\"status\",\"type\":\"command\",\"wall_ms\":0,\"width\":100}\n").write(to: second, atomically: true, encoding: .utf8)
        let refusedAppend = try Self.resume(run, key: key)
        #expect(refusedAppend.status == 1)
        #expect(refusedAppend.stderr.contains("carries no seal: it was added after the run wrote the journal"), "\(refusedAppend.stderr)")

        try secondText.write(to: second, atomically: true, encoding: .utf8)
        try Self.expectStillFinishes(run, key: key)
    }

    @Test func aRewrittenDrawIsRefused() throws {
        let run = try Self.killedRun()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let original = try Data(contentsOf: run.state)
        var state = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
        // One rehearsed scenario instead of the two drawn, the seed left as it was.
        state["picks"] = Array((state["picks"] as? [Any] ?? []).prefix(1))
        try JSONSerialization.data(withJSONObject: state).write(to: run.state)
        let refused = try Self.resume(run)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("run.json was changed after the run began"), "\(refused.stderr)")

        try original.write(to: run.state)
        try Self.expectStillFinishes(run)
    }

    @Test func aKeyOthersCanReadIsRefusedWithTheChmodThatFixesIt() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        _ = try Binary.run(["keys", "new", "keys"], environment: environment, in: folder)
        let key = folder.appendingPathComponent("keys/nightshift.key").path
        #expect(chmod(key, 0o644) == 0)
        let refused = try Binary.run(["certify", "--candidate", "A", "--proctor", "P", "--key", "keys/nightshift.key", "--out", "run",
                                      "--pack", Fixture.root.path], environment: environment, in: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("can be read by others (mode 644)") && refused.stderr.contains("Run `chmod 600 keys/nightshift.key`"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("run").path), "nothing was started")
    }

    @Test func aFullDiskLeavesNoEmptyKeyToBlockTheNextAttempt() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A file-size limit of zero fails every write as a full disk would (SIGXFSZ ignored, so the write returns an error).
        let binary = try Binary.path()
        let full = try Binary.run(["-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\" keys new keys", binary], environment: Binary.environment(folder), in: folder,
                                  executable: "/bin/bash")
        #expect(full.status != 0)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("keys").path)) ?? []
        #expect(left.isEmpty, "a failed `keys new` left \(left)")
        let again = try Binary.run(["keys", "new", "keys"], environment: Binary.environment(folder), in: folder)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func verifyRecomputesTheDrawAndReadsEveryJournalLine() throws {
        let run = try CertificationTests.certify()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        func expectMismatch(_ file: URL, _ needle: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let result = try CertificationTests.verify(file, key: run.publicKey, environment: run.environment)
            #expect(result.status == 1, "verify passed a forged certificate", sourceLocation: sourceLocation)
            #expect(result.stdout.contains(needle), "\(result.stdout)", sourceLocation: sourceLocation)
        }
        // Re-signed with the proctor's own key (a proctor's key left on the candidate's machine):
        // only what the certificate can be checked against catches these.
        let subset = try CertificationTests.forge(run, signingWith: run.privateKey, to: "subset.json") { payload in
            payload.scenarios = [payload.scenarios[1]]
            payload.overall.score = payload.scenarios[0].score
        }
        try expectMismatch(subset, "the certified scenarios are not what seed \(CertificationTests.seed) draws")
        let otherPlayer = try CertificationTests.forge(run, signingWith: run.privateKey, to: "player.json") { payload in
            payload.candidate = "Mallory"
        }
        try expectMismatch(otherPlayer, "its header names the player `Ada Lovelace`, not the candidate")
        let dropped = try CertificationTests.forge(run, signingWith: run.privateKey, to: "dropped.json") { payload in
            var lines = payload.scenarios[0].journal.split(separator: "\n").map(String.init)
            lines.remove(at: 3)
            payload.scenarios[0].journal = lines.joined(separator: "\n") + "\n"
            payload.scenarios[0].journalSHA256 = Signing.sha256(Data(payload.scenarios[0].journal.utf8))
        }
        try expectMismatch(dropped, "line 4 has sequence number 4, not 3: a line is missing, repeated or out of order")
    }

    @Test func verifyChecksTheSignatureFirstAndPrintsNothingUnsignedRaw() throws {
        let run = try CertificationTests.certify(scenarios: 1)
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let text = try String(contentsOf: run.certificate, encoding: .utf8)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])

        // An escape sequence in the unsigned format field cannot reach the terminal.
        var escaped = object
        escaped["format"] = "\u{1B}[2J\u{1B}[Hverified: Ana Silva"
        let escapedFile = run.folder.appendingPathComponent("escape.json")
        try JSONSerialization.data(withJSONObject: escaped).write(to: escapedFile)
        let escapedRun = try CertificationTests.verify(escapedFile, key: run.publicKey, environment: run.environment)
        #expect(escapedRun.status == 1)
        #expect(!escapedRun.stdout.contains("\u{1B}") && !escapedRun.stderr.contains("\u{1B}"), "raw escape printed: \(escapedRun.stdout.debugDescription)")
        #expect(escapedRun.stdout.contains("unknown certificate format `␛[2J␛[Hverified: Ana Silva`"), "\(escapedRun.stdout)")

        // A fingerprint edited to zeros is named, and the one shown is the key's own.
        var signature = try #require(object["signature"] as? [String: Any])
        signature["fingerprint"] = String(repeating: "0", count: 16)
        object["signature"] = signature
        let zeroed = run.folder.appendingPathComponent("zeroed.json")
        try JSONSerialization.data(withJSONObject: object).write(to: zeroed)
        let zeroedRun = try CertificationTests.verify(zeroed, key: run.publicKey, environment: run.environment)
        #expect(zeroedRun.status == 1)
        #expect(zeroedRun.stdout.contains("unsigned `fingerprint` field was edited"), "\(zeroedRun.stdout)")

        // A file that says two things (two `payload` keys: nightshift once read the first, jq and
        // Python the last) is refused outright.
        let twice = text.replacingOccurrences(of: "\n  \"payload\" :", with: "\n  \"payload\" : \"{}\",\n  \"payload\" :")
        #expect(twice != text)
        let twiceFile = run.folder.appendingPathComponent("twice.json")
        try twice.write(to: twiceFile, atomically: true, encoding: .utf8)
        let twiceRun = try CertificationTests.verify(twiceFile, key: run.publicKey, environment: run.environment)
        #expect(twiceRun.status == 1)
        #expect(twiceRun.stdout.contains("is not a nightshift certificate") && twiceRun.stdout.contains("duplicate key `payload`"), "\(twiceRun.stdout)")

        // A broken signature stops verify before any journal is read: a hostile one cannot crash it.
        let certificate = try Certificate.decode(text)
        var payload = try certificate.decodedPayload()
        payload.scenarios[0].journal = payload.scenarios[0].journal.replacingOccurrences(of: "\"wall_scale\":0", with: "\"wall_scale\":1e300")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var forged = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        forged["payload"] = String(decoding: try encoder.encode(payload), as: UTF8.self)
        let forgedFile = run.folder.appendingPathComponent("hostile.json")
        try JSONSerialization.data(withJSONObject: forged).write(to: forgedFile)
        let forgedRun = try CertificationTests.verify(forgedFile, key: run.publicKey, environment: run.environment)
        #expect(forgedRun.status == 1)
        #expect(forgedRun.stdout == "mismatch: the signature does not match the certificate's contents: it was edited after signing\n", "\(forgedRun.stdout)")
    }
}
