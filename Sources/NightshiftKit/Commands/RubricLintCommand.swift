import Foundation
import Grading
import ScenarioFormat

/// `nightshift rubric lint`: every problem in rubric files as `path:line:column: error: message`,
/// then a count on standard error.
public enum RubricLintCommand {
    /// Lints each rubric file (or every one in a folder), or the pack's when none is named.
    public static func run(paths: [String], pack: LoadedPack, output: TerminalOutput = TerminalOutput()) throws(NightshiftError) {
        var files: [(String, String)] = []
        if paths.isEmpty {
            files = pack.files.filter { $0.path.hasPrefix("Grading/") }.map { (pack.displayPath($0.path), $0.text) }
        } else {
            for path in paths {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    output.line("\(path):1:1: error: no such file or folder")
                    continue
                }
                let targets = isDirectory.boolValue
                    ? (FileManager.default.subpaths(atPath: path) ?? []).filter { $0.hasSuffix(".yaml") }.sorted().map { (path as NSString).appendingPathComponent($0) }
                    : [path]
                for target in targets {
                    guard let data = FileManager.default.contents(atPath: target) else { continue }
                    files.append((target, String(decoding: data, as: UTF8.self)))
                }
            }
        }
        var errors = 0, warnings = 0
        for (file, text) in files {
            let (_, diagnostics) = RubricLoader.load(file: file, text: text)
            for diagnostic in diagnostics.sortedForDisplay() {
                output.line(diagnostic.description)
                if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
            }
        }
        output.error("\(files.count) rubric\(files.count == 1 ? "" : "s") checked; \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 { throw .lintFoundErrors(errors) }
    }
}
