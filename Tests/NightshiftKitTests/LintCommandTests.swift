import Foundation
@testable import NightshiftKit
import TestSupport
import Testing

/// `scenario lint` on a pack folder also checks its cost table against the commands.
struct LintCommandTests {
    @Test func aCostTableThatForgotAPriceOrMisspelledOneIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nightshift-lint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for sub in ["Scenarios", "Grading"] {
            try FileManager.default.copyItem(at: Fixture.root.appendingPathComponent(sub), to: folder.appendingPathComponent(sub))
        }
        let costs = folder.appendingPathComponent("Scenarios/costs.yaml")
        let text = try String(contentsOf: costs, encoding: .utf8)
        #expect(text.contains("\n  traces.by: 1m30s\n"))
        try text.replacingOccurrences(of: "\n  traces.by: 1m30s\n", with: "\n  tarces.by: 1m30s\n").write(to: costs, atomically: true, encoding: .utf8)
        let pack = try LoadedPack.load(folder: folder.path, origin: .flag(folder.path))
        let result = LintCommand.lint(paths: [folder.appendingPathComponent("Scenarios").path], context: pack)
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasSuffix("costs.yaml:6:1: error: no price for `traces.by`, which `traces` is charged under; it would cost the `default` price unnoticed") }, "\(messages)")
        #expect(messages.contains { $0.contains("costs.yaml:") && $0.hasSuffix("error: no command is charged under `tarces.by`; did you mean `traces.by`?") }, "\(messages)")
        #expect(result.failed.contains { $0.hasSuffix("costs.yaml") })
        // The shipped table is clean.
        let shipped = LintCommand.lint(paths: [Fixture.root.appendingPathComponent("Scenarios").path], context: pack)
        #expect(shipped.errorCount == 0, "\(shipped.diagnostics)")
    }
}
