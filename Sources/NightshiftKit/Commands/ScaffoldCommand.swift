import Foundation
import ScenarioFormat

/// `nightshift scenario new ID`: a new scenario file from the scaffold, linted at once, so an
/// author starts from something that plays and changes it piece by piece.
public enum ScaffoldCommand {
    /// Ids are file names and command arguments: lowercase words joined by hyphens.
    static func isValid(_ id: String) -> Bool {
        let words = id.split(separator: "-", omittingEmptySubsequences: false)
        return !id.isEmpty && id.count <= 60 && words.allSatisfy { word in
            !word.isEmpty && word.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        } && id.first.map { ("a"..."z").contains($0) } == true
    }

    /// The scaffold's text for an id.
    public static func text(id: String) -> String {
        ScenarioScaffold.template.replacingOccurrences(of: ScenarioScaffold.placeholder, with: id)
    }

    public static func run(id: String, folder: String, pack: LoadedPack) throws(NightshiftError) {
        let output = TerminalOutput()
        guard isValid(id) else { throw .notAScenarioID(id) }
        if pack.contents.source(id) != nil { throw .scenarioAlreadyInPack(id, in: pack.origin) }
        let path = (folder as NSString).appendingPathComponent("\(id).yaml")
        guard !FileManager.default.fileExists(atPath: path) else { throw .fileAlreadyThere(path) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try text(id: id).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .cannotWrite(path, error)
        }
        let result = LintCommand.lint(paths: [path], context: pack)
        for diagnostic in result.diagnostics { output.line(diagnostic.description) }
        output.line("Wrote \(path): a whole scenario that lints \(result.errorCount == 0 ? "clean" : "with the problems above") against \(pack.origin.description).")
        output.line("Next: edit each `# TODO:` section (docs/writing-a-scenario.md), then")
        output.line("  nightshift scenario lint \(path)")
        output.line("  nightshift scenario preview \(id) --at 15m --pack .")
        output.line("  nightshift play \(id) --pack .")
        if result.errorCount > 0 { throw .lintFoundErrors(result.errorCount) }
    }
}
