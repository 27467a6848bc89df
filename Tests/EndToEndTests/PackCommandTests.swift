import Foundation
import TestSupport
import Testing

/// `list`, `scenario lint` and finding the pack, from any folder.
struct PackCommandTests {
    @Test func lintIsCleanOnTheShippedPack() throws {
        let data = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let run = try Binary.run(["scenario", "lint", Fixture.root.appendingPathComponent("Scenarios").path], environment: Binary.environment(data))
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        #expect(run.stderr.contains("0 failed; 0 errors"))
    }

    @Test func lintNamesEachProblemWithFileLineAndColumnAndTheRestStillLoad() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenarios = folder.appendingPathComponent("Scenarios")
        try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
        for name in ["pack.yaml", "costs.yaml", "learn.yaml", "silent-alias-upgrade.yaml"] {
            try FileManager.default.copyItem(at: Fixture.root.appendingPathComponent("Scenarios/\(name)"), to: scenarios.appendingPathComponent(name))
        }
        let broken = Fixture.text("Scenarios/silent-alias-upgrade.yaml")
            .replacingOccurrences(of: "id: silent-alias-upgrade", with: "id: broken-copy")
            .replacingOccurrences(of: "  severity: SEV-2", with: "  severty: SEV-2")
        try broken.write(to: scenarios.appendingPathComponent("broken-copy.yaml"), atomically: true, encoding: .utf8)
        let run = try Binary.run(["scenario", "lint", "Scenarios"], environment: Binary.environment(folder), in: folder)
        #expect(run.status == 1)
        #expect(run.stdout == """
            Scenarios/broken-copy.yaml:26:3: error: missing required key `severity` in page
            Scenarios/broken-copy.yaml:27:3: error: unknown key `severty` in page; did you mean `severity`?

            """)
        #expect(run.stderr.contains("2 files checked: 1 clean, 1 failed (Scenarios/broken-copy.yaml)"))
        // The pack still plays the good scenario and says which pack it used.
        let list = try Binary.run(["list"], environment: Binary.environment(folder), in: folder)
        #expect(list.stdout.contains("Scenarios/ and Grading/ in the working folder"))
        #expect(list.stdout.contains("silent-alias-upgrade"))
        #expect(!list.stdout.contains("broken-copy"))
    }

    @Test func theBuiltInPackWorksFromAnyFolder() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = try Binary.run(["list"], environment: Binary.environment(folder), in: folder)
        #expect(list.status == 0)
        #expect(list.stdout.contains("the pack built into this binary"))
        for id in Fixture.scenarioIDs { #expect(list.stdout.contains(id)) }
        let fromEnvironment = try Binary.run(["list"], environment: Binary.environment(folder, extra: ["NIGHTSHIFT_PACK": Fixture.root.path]), in: folder)
        #expect(fromEnvironment.stdout.contains("(from $NIGHTSHIFT_PACK)"))
        let missing = try Binary.run(["list", "--pack", folder.appendingPathComponent("nowhere").path], environment: Binary.environment(folder), in: folder)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("is not a folder"))
    }
}
