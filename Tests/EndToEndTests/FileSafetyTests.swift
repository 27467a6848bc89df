import Foundation
import TestSupport
import Testing

/// Files stay where they belong: a pack cannot name a path outside its folders, a planted link
/// is never written through, and two sessions never share a journal.
struct FileSafetyTests {
    /// A copy of the repository's pack with one scenario's id replaced.
    static func packWithScenarioID(_ id: String, in folder: URL) throws -> URL {
        let pack = folder.appendingPathComponent("pack")
        for sub in ["Scenarios", "Grading"] {
            try FileManager.default.copyItem(at: Fixture.root.appendingPathComponent(sub), to: pack.appendingPathComponent(sub))
        }
        let file = pack.appendingPathComponent("Scenarios/silent-alias-upgrade.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\nid: silent-alias-upgrade\n", with: "\nid: \"\(id)\"\n").write(to: file, atomically: true, encoding: .utf8)
        return pack
    }

    @Test func aScenarioIdThatIsAPathIsALintErrorAndNothingIsWrittenOutsideTheDataFolder() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let escape = "../../../../../escape/pwned"
        let pack = try Self.packWithScenarioID(escape, in: folder)
        let lint = try Binary.run(["scenario", "lint", pack.appendingPathComponent("Scenarios").path, "--pack", pack.path], environment: environment)
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("silent-alias-upgrade.yaml:2:5: error: `\(escape)` is not an identifier"), "\(lint.stdout)")
        // The rest of the pack still loads and plays; the bad scenario does not.
        let other = try Binary.run(["play", "stale-eval-set", "--seed", "1", "--pack", pack.path], input: "quit\ny\n", environment: environment)
        #expect(other.status == 0, "\(other.stderr)")
        let bad = try Binary.run(["play", escape, "--seed", "1", "--pack", pack.path], input: "quit\ny\n", environment: environment)
        #expect(bad.status != 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("escape").path))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/escape/pwned"))
    }

    @Test func aLinkPlantedWhereAJournalOrReportGoesIsNeverWrittenThrough() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let victim = folder.appendingPathComponent("victim.txt")
        try "precious\n".write(to: victim, atomically: true, encoding: .utf8)

        // `play --journal LINK`, the link pointing at an empty file (an empty file there is taken as the journal's own).
        let empty = folder.appendingPathComponent("empty.txt")
        #expect(FileManager.default.createFile(atPath: empty.path, contents: Data()))
        let link = folder.appendingPathComponent("journal.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: empty)
        let play = try Binary.run(["play", "silent-alias-upgrade", "--seed", "1", "--journal", link.path, "--pack", Fixture.root.path],
                                  input: "quit\ny\n", environment: environment)
        #expect(play.status != 0)
        #expect(play.stderr.contains("journal.jsonl is not a regular file (a link or a device); nightshift does not write through it"), "\(play.stderr)")
        #expect(try Data(contentsOf: empty).isEmpty)

        // `play --out DIR` with a link at report.md: the link is replaced, its target untouched.
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("report.md"), withDestinationURL: victim)
        let reported = try Binary.run(["play", "silent-alias-upgrade", "--seed", "1", "--out", out.path, "--pack", Fixture.root.path],
                                      input: "quit\ny\n", environment: environment)
        #expect(reported.status == 0, "\(reported.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8).contains("Score"))

        // `certify --out OUT` with a journal name planted in OUT/journals, or OUT/journals itself a link.
        _ = try Binary.run(["keys", "new", "keys"], environment: environment, in: folder)
        let picks = CertificationTests.picks(count: 2)
        let planted = folder.appendingPathComponent("run/journals")
        try FileManager.default.createDirectory(at: planted, withIntermediateDirectories: true)
        let journalName = "1-" + Fixture.scenario(picks[0].id).codename.lowercased().replacingOccurrences(of: " ", with: "-") + ".jsonl"
        try FileManager.default.createSymbolicLink(at: planted.appendingPathComponent(journalName), withDestinationURL: victim)
        let certify = ["certify", "--candidate", "Ada", "--proctor", "Pat", "--key", "keys/nightshift.key", "--scenarios", "2", "--seed", "42",
                       "--pack", Fixture.root.path]
        let plantedRun = try Binary.run(certify + ["--out", "run"], input: "quit\ny\n", environment: environment, in: folder)
        #expect(plantedRun.status == 2)
        #expect(plantedRun.stderr.contains("already holds files; give each run a new --out folder"), "\(plantedRun.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")

        let elsewhere = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("run2"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("run2/journals"), withDestinationURL: elsewhere)
        let linkedRun = try Binary.run(certify + ["--out", "run2"], input: "quit\ny\n", environment: environment, in: folder)
        #expect(linkedRun.status != 0)
        #expect(linkedRun.stderr.contains("is not a folder (it may be a link)"), "\(linkedRun.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func twoSessionsStartedInTheSameSecondWithTheSameSeedKeepTheirOwnJournals() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let journals = folder.appendingPathComponent("xdg/nightshift/journals")
        try FileManager.default.createDirectory(at: journals, withIntermediateDirectories: true)
        // Another session's journal already has the name this one would take, for each of the
        // next few seconds: the new session must take a name of its own and leave it alone.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let now = Date()
        var taken: [URL] = []
        for second in 0..<30 {
            let name = "\(formatter.string(from: now.addingTimeInterval(Double(second))))-silent-alias-upgrade-1.jsonl"
            let file = journals.appendingPathComponent(name)
            try "another session's journal\n".write(to: file, atomically: true, encoding: .utf8)
            taken.append(file)
        }
        let play = try Binary.run(["play", "silent-alias-upgrade", "--seed", "1", "--pack", Fixture.root.path], input: "status\nquit\ny\n", environment: environment)
        #expect(play.status == 0, "\(play.stderr)")
        for file in taken { #expect(try String(contentsOf: file, encoding: .utf8) == "another session's journal\n") }
        let all = try FileManager.default.contentsOfDirectory(atPath: journals.path)
        let own = all.filter { $0.hasSuffix("-silent-alias-upgrade-1-2.jsonl") }
        #expect(own.count == 1, "\(all.sorted())")
        #expect(play.stdout.contains("Journal: \(journals.appendingPathComponent(own.first ?? "?").path)"))
    }
}
