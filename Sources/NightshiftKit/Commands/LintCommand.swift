import Foundation
import ScenarioFormat
import Simulation

/// `nightshift scenario lint PATH…`: every problem as `path:line:column: error: message`.
public struct LintCommand {
    /// Seeds checked beyond the canonical variant, so every variant a certification may draw holds.
    public static let variantSeeds: [UInt64] = Array(1...20)

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var checked: [String]
        public var failed: [String]

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    }

    /// Lints scenario files and folders (the working folder's `Scenarios` when none is named):
    /// each problem on standard output, then a count on standard error.
    public static func run(paths: [String], pack: LoadedPack, output: TerminalOutput = TerminalOutput()) throws(NightshiftError) {
        let result = lint(paths: paths.isEmpty ? ["Scenarios"] : paths, context: pack)
        for diagnostic in result.diagnostics { output.line(diagnostic.description) }
        let clean = result.checked.count - result.failed.count
        output.error("\(Format.count(result.checked.count, "file")) checked: \(clean) clean, \(result.failed.count) failed"
                     + (result.failed.isEmpty ? "" : " (" + result.failed.joined(separator: ", ") + ")")
                     + "; \(Format.count(result.errorCount, "error")), \(Format.count(result.warningCount, "warning"))")
        if result.errorCount > 0 { throw .lintFoundErrors(result.errorCount) }
    }

    /// Lints scenario files and folders. Files are checked against `context` (the pack they
    /// will be played with); a folder that is itself a pack is checked against its own pack file.
    public static func lint(paths: [String], context: LoadedPack) -> Result {
        var diagnostics: [Diagnostic] = []
        var checked: [String] = [], failed: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(.error, file: path, at: .start, .unreadable("no such file or folder")))
                checked.append(path)
                failed.append(path)
                continue
            }
            if isDirectory.boolValue {
                if let pack = try? LoadedPack.load(folder: path, origin: .flag(path)) {
                    let result = lint(contents: pack.contents)
                    let costs = costDiagnostics(pack)
                    diagnostics += result.diagnostics + costs
                    checked += result.checked
                    failed += result.failed
                    if let file = costs.first?.file { checked.append(file); failed.append(file) }
                    continue
                }
                // A plain folder of scenario files: each checked against the context pack.
                let files = (FileManager.default.subpaths(atPath: path) ?? []).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                for file in files {
                    let full = (path as NSString).appendingPathComponent(file)
                    let result = lintFile(full, pack: context.contents.pack)
                    diagnostics += result.diagnostics
                    checked.append(full)
                    if result.diagnostics.hasErrors { failed.append(full) }
                }
            } else {
                let result = lintFile(path, pack: context.contents.pack)
                diagnostics += result.diagnostics
                checked.append(path)
                if result.diagnostics.hasErrors { failed.append(path) }
            }
        }
        return Result(diagnostics: unique(diagnostics).sortedForDisplay(), checked: checked, failed: failed)
    }

    /// Lints a loaded pack: its own files, then every scenario and its variants.
    public static func lint(contents: PackContents) -> Result {
        var diagnostics = contents.diagnostics
        var checked: [String] = [], failed: [String] = contents.failures.map(\.file)
        for source in contents.scenarios {
            checked.append(source.file)
            let found = check(source, pack: contents.pack)
            diagnostics += found
            if found.hasErrors { failed.append(source.file) }
        }
        return Result(diagnostics: unique(diagnostics).sortedForDisplay(), checked: checked + contents.failures.map(\.file), failed: Array(Set(failed)).sorted())
    }

    /// The cost table against the commands: a price a command is charged under and the table
    /// lacks (it would silently cost the `default`), or a key no command uses.
    static func costDiagnostics(_ pack: LoadedPack) -> [Diagnostic] {
        let path = "Scenarios/\(PackLoader.costsFile)"
        guard let text = pack.text(of: path) else { return [] }
        let lines = text.components(separatedBy: "\n")
        // Where a key is written, else where the `commands:` mapping starts.
        func location(of key: String) -> SourceLocation {
            let index = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }
                ?? lines.firstIndex { $0.hasPrefix("commands:") } ?? 0
            return SourceLocation(line: index + 1, column: (lines[index].firstIndex { $0 != " " }.map { lines[index].distance(from: lines[index].startIndex, to: $0) } ?? 0) + 1)
        }
        return pack.contents.costs.problemsAgainstCommands().map { problem in
            Diagnostic(.error, file: pack.displayPath(path), at: location(of: problem.key), .inconsistent(problem.message))
        }
    }

    static func lintFile(_ path: String, pack: Pack) -> (diagnostics: [Diagnostic], id: String?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ([Diagnostic(.error, file: path, at: .start, .unreadable("cannot read it"))], nil)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ([Diagnostic(.error, file: path, at: .start, .unreadable("not valid UTF-8"))], nil)
        }
        let (source, found) = ScenarioSource.parse(file: path, text: text)
        guard let source else { return (found, nil) }
        return (check(source, pack: pack), source.id)
    }

    /// The canonical variant in full, then each variant seed's first error.
    static func check(_ source: ScenarioSource, pack: Pack) -> [Diagnostic] {
        let (_, canonical) = source.instantiate(seed: 0, pack: pack)
        guard !canonical.hasErrors else { return canonical }
        var diagnostics = canonical
        var reported = Set<String>()
        for seed in variantSeeds {
            let (_, found) = source.instantiate(seed: seed, pack: pack)
            guard let first = found.first(where: { $0.severity == .error }), !canonical.contains(first) else { continue }
            guard reported.insert(first.message).inserted else { continue }
            diagnostics.append(Diagnostic(.error, file: first.file, at: first.location, .variantFailed(seed: seed, problem: first.message)))
        }
        return diagnostics
    }

    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}
