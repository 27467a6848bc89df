import Foundation
import ScenarioFormat
import TestSupport
import Testing

/// The JSON Schemas in docs/ are the loader's own schemas written out, and every shipped
/// pack file validates against them with the reference `jsonschema` library.
struct JSONSchemaTests {
    @Test(arguments: JSONSchemaWriter.FileKind.allCases)
    func theCommittedSchemaIsTheGeneratedOne(_ kind: JSONSchemaWriter.FileKind) {
        let committed = Fixture.text("docs/schema/\(kind.rawValue).schema.json")
        #expect(committed == JSONSchemaWriter.schema(for: kind),
                "docs/schema/\(kind.rawValue).schema.json is stale: regenerate with `nightshift scenario schema --kind \(kind.rawValue) > docs/schema/\(kind.rawValue).schema.json`")
    }

    @Test func everyShippedFileValidatesWithJSONSchema() throws {
        let files = Fixture.files.map { Fixture.root.appendingPathComponent($0.path).path }.filter { $0.contains("/Scenarios/") }
        #expect(files.count >= 5)
        let run = try Self.validate(files)
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func theSchemaRejectsWhatTheLoaderRejects() throws {
        let bad = Fixture.text("Scenarios/silent-alias-upgrade.yaml")
            .replacingOccurrences(of: "  severity: SEV-2", with: "  severty: SEV-2")
            .replacingOccurrences(of: "minutes: 20", with: "minutes: lots")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString).yaml")
        try bad.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let run = try Self.validate([path.path])
        #expect(run.status == 1)
        #expect(run.output.contains("page: Additional properties are not allowed ('severty' was unexpected)"))
        #expect(run.output.contains("minutes: 'lots' is not valid"))
    }

    static func validate(_ files: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixture.root.appendingPathComponent("Tests/Tools/validate_schema.py").path,
                             Fixture.root.appendingPathComponent("docs/schema").path] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if process.terminationStatus == 2 || process.terminationStatus == 127 {
            Issue.record("python3 with jsonschema and PyYAML is needed to check the schema: \(output)")
        }
        return (process.terminationStatus, output)
    }
}
