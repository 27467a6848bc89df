import Foundation
@testable import NightshiftKit
import Simulation
import TestSupport
import Testing

/// The one journal opener `grade`, `replay`, `resume` and certification read through: what it
/// refuses, and the warnings all three commands print from it.
struct OpenedJournalTests {
    static let pack = try! LoadedPack.load(folder: Fixture.root.path, origin: .flag(Fixture.root.path))
    static let scenario = "silent-alias-upgrade"

    /// A journal as a session writes it: the pack's real hashes in its header.
    static func played(_ lines: [String] = ["dash overview", "traces --limit 3"]) -> (JournalHeader, [JournalEntry]) {
        let (written, entries) = Fixture.journal(scenario, seed: 1, lines: lines)
        let rubric = pack.rubric(for: .onboarding)
        let header = PlayRunner.header(pack: pack, scenario: Fixture.scenario(scenario, seed: 1), rubric: rubric.rubric!, rubricPath: rubric.path,
                                       settings: written.settings!, width: written.width, player: nil)
        return (header, entries)
    }

    static func text(_ header: JournalHeader, _ entries: [JournalEntry]) -> String {
        ([Journal.encode(header)] + entries.map { Journal.encode($0) }).joined(separator: "\n") + "\n"
    }

    /// A file of its own in a fresh folder, removed with it.
    static func file(_ text: String, _ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nightshift-opened-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("j.jsonl").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try body(path)
    }

    @Test func aJournalPlayedWithThisPackOpensWithoutAWord() throws {
        let (header, entries) = Self.played()
        try Self.file(Self.text(header, entries)) { path in
            let journal = try OpenedJournal.read(path)
            #expect(journal.entries == entries)
            #expect(journal.warnings(against: Self.pack).isEmpty)
            let replay = try journal.replay(in: Self.pack)
            #expect(OpenedJournal.warnings(after: replay).isEmpty)
            #expect(replay.session.scenario.id == Self.scenario)
        }
    }

    /// Everything that changed is named in one sentence, whichever command reads the journal.
    @Test(arguments: [
        (["engine"], "the engine (0.0.9 then, \(Engine.version) now) has changed"),
        (["scenario"], "the scenario silent-alias-upgrade has changed"),
        (["costs", "rubric"], "the cost table and the onboarding rubric have changed"),
        (["engine", "scenario", "costs", "rubric"],
         "the engine (0.0.9 then, \(Engine.version) now), the scenario silent-alias-upgrade, the cost table and the onboarding rubric have changed"),
    ])
    func whatChangedIsSaidOnce(_ changed: [String], _ said: String) throws {
        var (header, _) = Self.played()
        if changed.contains("engine") { header.engine = "0.0.9" }
        if changed.contains("scenario") { header.scenarioSHA256 = String(repeating: "0", count: 64) }
        if changed.contains("costs") { header.costsSHA256 = String(repeating: "1", count: 64) }
        if changed.contains("rubric") { header.rubricSHA256 = String(repeating: "2", count: 64) }
        let journal = try OpenedJournal(text: Self.text(header, []), name: "j.jsonl")
        #expect(journal.warnings(against: Self.pack) == ["warning: \(said) since this journal was written: screens, times and grades may differ"])
    }

    /// Bench and test journals record `-` for a hash they do not know: nothing to compare.
    @Test func aDashRecordsNoHash() throws {
        var (header, entries) = Self.played()
        header.scenarioSHA256 = "-"
        header.costsSHA256 = "-"
        header.rubricSHA256 = "-"
        #expect(try OpenedJournal(text: Self.text(header, entries), name: "j").warnings(against: Self.pack).isEmpty)
        header.rubricSHA256 = nil
        #expect(try OpenedJournal(text: Self.text(header, entries), name: "j").warnings(against: Self.pack).isEmpty)
    }

    /// A torn last line: skipped and said when read to grade or replay; dropped without a word
    /// when recovered to continue, and cut from the file only when repairing it.
    @Test func aTornLineIsSkippedOrCut() throws {
        let (header, entries) = Self.played()
        let whole = Self.text(header, entries)
        try Self.file(whole + #"{"at_ms":120000,"seq":3,"te"#) { path in
            let read = try OpenedJournal.read(path)
            #expect(read.entries == entries)
            let warnings = read.warnings(against: Self.pack)
            #expect(warnings.count == 1)
            #expect(warnings.first?.hasPrefix("warning: \(path):4: a torn last line (") == true, "\(warnings)")
            #expect(warnings.first?.hasSuffix("; skipped (a crash mid-write leaves one)") == true, "\(warnings)")

            let looked = try OpenedJournal.recover(path, repair: false)
            #expect(looked.text == whole && looked.warnings(against: Self.pack).isEmpty && looked.lastSequence == 2)
            #expect(try String(contentsOfFile: path, encoding: .utf8) != whole, "a look must not cut")

            let repaired = try OpenedJournal.recover(path, repair: true)
            #expect(repaired.text == whole)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == whole)
        }
    }

    @Test func anEntryThatReplaysAtAnotherTimeIsSaid() throws {
        let header = Self.played().0
        var entries = Self.played().1
        entries[1].atMs += 5000
        let journal = try OpenedJournal(text: Self.text(header, entries), name: "j")
        let replay = try journal.replay(in: Self.pack)
        #expect(OpenedJournal.warnings(after: replay)
                == ["warning: entry 2 was applied at \(entries[1].atMs) ms in the journal and \(entries[1].atMs - 5000) ms in this replay"])
    }

    @Test func whatIsRefused() throws {
        // A file that is not there is a wrong argument (2); one that is not a journal, or whose
        // scenario this pack lacks, cannot be worked with (1).
        #expect(throws: NightshiftError.self) { try OpenedJournal.read("/nonexistent/j.jsonl") }
        do throws(NightshiftError) {
            _ = try OpenedJournal.read("/nonexistent/j.jsonl")
        } catch {
            #expect(error.lines == ["nightshift: cannot read /nonexistent/j.jsonl"] && error.exitStatus == 2)
        }
        try Self.file("{}\n") { path in
            do throws(NightshiftError) {
                _ = try OpenedJournal.recover(path, repair: true)
                Issue.record("read a journal without a header")
            } catch {
                guard case .notAJournal(path, _) = error else { Issue.record("\(error)"); return }
                #expect(error.exitStatus == 1)
            }
        }
        var (header, _) = Self.played()
        header.scenario = "no-such-scenario"
        let journal = try OpenedJournal(text: Self.text(header, []), name: "j")
        do throws(NightshiftError) {
            _ = try journal.scenario(in: Self.pack)
            Issue.record("found a scenario the pack lacks")
        } catch {
            #expect(error.lines == ["nightshift: the journal's scenario `no-such-scenario` is not in \(Fixture.root.path) (from --pack)"])
        }
    }
}
