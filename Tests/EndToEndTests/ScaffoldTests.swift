import Foundation
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// An author's first hour: `scenario new` writes a scenario that lints clean and plays as a
/// real one does (the expert passes, the classic runbook fails), and `scenario preview`
/// shows its screens and where its evidence is without playing.
struct ScaffoldTests {
    /// A copy of the shipped pack in a temporary folder, as an author's checkout would be.
    static func packCopy() throws -> URL {
        let folder = try Binary.temporaryFolder()
        for name in ["Scenarios", "Grading"] {
            try FileManager.default.copyItem(at: Fixture.root.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// The scaffold's scripted session, with seed 0's parameter values filled in.
    static func script(_ persona: String, scenario file: URL, id: String) throws -> String {
        let contents = PackLoader.load(files: [("Scenarios/\(id).yaml", try String(contentsOf: file, encoding: .utf8))]
                                       + Fixture.files.filter { !$0.path.hasPrefix("Scenarios/") || $0.path.hasSuffix("pack.yaml") || $0.path.hasSuffix("costs.yaml") })
        guard let source = contents.source(id), let scenario = source.instantiate(seed: 0, pack: contents.pack).0 else {
            throw Binary.Failure("the scaffold does not load")
        }
        var text = Fixture.text("Tests/EndToEndTests/Scaffold/\(persona).txt")
        for (name, value) in scenario.variant { text = text.replacingOccurrences(of: "${\(name)}", with: value) }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n") + "\n"
    }

    @Test func aNewScenarioLintsCleanAndPlaysLikeAShippedOne() throws {
        let folder = try Self.packCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let made = try Binary.run(["scenario", "new", "reranker-skipped"], environment: environment, in: folder)
        #expect(made.status == 0, "\(made.stdout)\(made.stderr)")
        #expect(made.stdout.contains("Wrote Scenarios/reranker-skipped.yaml: a whole scenario that lints clean"))
        let file = folder.appendingPathComponent("Scenarios/reranker-skipped.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("id: reranker-skipped\n"))
        #expect(text.components(separatedBy: "# TODO:").count > 10, "each section says what to change")

        let lint = try Binary.run(["scenario", "lint", "Scenarios"], environment: environment, in: folder)
        #expect(lint.status == 0 && lint.stdout.isEmpty, "\(lint.stdout)")
        let list = try Binary.run(["list"], environment: environment, in: folder)
        #expect(list.stdout.contains("reranker-skipped"))

        let expert = try Binary.run(["play", "reranker-skipped", "--seed", "0"], input: try Self.script("expert", scenario: file, id: "reranker-skipped"),
                                    environment: environment, in: folder)
        #expect(expert.status == 0, "\(expert.stderr)")
        let expertScore = Int(expert.stdout.components(separatedBy: " Score ").last?.prefix(while: \.isNumber) ?? "") ?? -1
        #expect(expertScore >= 85, "\(expert.stdout.suffix(2000))")
        let runbook = try Binary.run(["play", "reranker-skipped", "--seed", "0"], input: try Self.script("runbook", scenario: file, id: "reranker-skipped"),
                                     environment: environment, in: folder)
        let runbookScore = Int(runbook.stdout.components(separatedBy: " Score ").last?.prefix(while: \.isNumber) ?? "") ?? -1
        #expect((0...40).contains(runbookScore), "\(runbook.stdout.suffix(2000))")
    }

    @Test func badIdsAndExistingScenariosAreRefusedAndNothingIsWritten() throws {
        let folder = try Self.packCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Scenarios").path).sorted()
        for id in ["Bad_ID", "trailing-", "two--hyphens", "with space", "../escape", ""] {
            let made = try Binary.run(["scenario", "new", id], environment: environment, in: folder)
            #expect(made.status == 2, "\(id) was accepted")
            #expect(made.stderr.contains("is not a scenario id"), "\(made.stderr)")
        }
        let existing = try Binary.run(["scenario", "new", "silent-alias-upgrade"], environment: environment, in: folder)
        #expect(existing.status == 2 && existing.stderr.contains("already has a scenario `silent-alias-upgrade`"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Scenarios").path).sorted() == before)
    }

    @Test func previewRendersTheScreensAtAMomentAndSaysWhereTheEvidenceIs() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let preview = try Binary.run(["scenario", "preview", "retrieval-replica-loss", "--at", "20m", "--seed", "3", "--registries", "--pack", Fixture.root.path],
                                     environment: Binary.environment(folder))
        #expect(preview.status == 0, "\(preview.stderr)")
        let scenario = Fixture.scenario("retrieval-replica-loss", seed: 3)
        let at = ClockFace(pageEpoch: scenario.page.epochSeconds).clock(.minutes(20))
        for dashboard in Fixture.pack.dashboards { #expect(preview.stdout.contains(" \(at) ▸ dash \(dashboard.id)")) }
        #expect(preview.stdout.contains("▸ traces --limit 8"))
        #expect(preview.stdout.contains("▸ index"))
        #expect(preview.stdout.contains("Author's check (hidden from trainees)"))
        #expect(preview.stdout.contains("✓ replica:\(scenario.variant["lost.replica"] ?? "?") on index"), "\(preview.stdout.suffix(1500))")
        let missing = try Binary.run(["scenario", "preview", "silent-alias-upgrad", "--pack", Fixture.root.path], environment: Binary.environment(folder))
        #expect(missing.status == 2 && missing.stderr.contains("did you mean `silent-alias-upgrade`?"))
        let late = try Binary.run(["scenario", "preview", "silent-alias-upgrade", "--at", "30h", "--pack", Fixture.root.path], environment: Binary.environment(folder))
        #expect(late.status == 2 && late.stderr.contains("--at takes a time from 0m to 24h"))
    }
}
