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

    public static func run(id: String, folder: String, pack: LoadedPack) -> Int32 {
        let output = TerminalOutput()
        guard isValid(id) else {
            output.error("nightshift: `\(id.prefix(60))` is not a scenario id: use lowercase letters and digits in words joined by hyphens, such as `cache-poisoning`")
            return 2
        }
        if pack.contents.source(id) != nil {
            output.error("nightshift: \(pack.origin.description) already has a scenario `\(id)`")
            return 2
        }
        let path = (folder as NSString).appendingPathComponent("\(id).yaml")
        guard !FileManager.default.fileExists(atPath: path) else {
            output.error("nightshift: \(path) already exists; nothing was written")
            return 2
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try text(id: id).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            output.error("nightshift: cannot write \(path): \(error)")
            return 1
        }
        let result = LintCommand.lint(paths: [path], context: pack)
        for diagnostic in result.diagnostics { output.line(diagnostic.description) }
        output.line("Wrote \(path): a whole scenario that lints \(result.errorCount == 0 ? "clean" : "with the problems above") against \(pack.origin.description).")
        output.line("Next: edit each `# TODO:` section (docs/writing-a-scenario.md), then")
        output.line("  nightshift scenario lint \(path)")
        output.line("  nightshift scenario preview \(id) --at 15m --pack .")
        output.line("  nightshift play \(id) --pack .")
        return result.errorCount == 0 ? 0 : 1
    }
}
