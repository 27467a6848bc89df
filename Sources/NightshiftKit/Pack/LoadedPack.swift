import BuiltinPack
import Foundation
import Grading
import Simulation
import ScenarioFormat

/// A pack as found on disk (or in the binary): its files, where they came from, and their
/// contents loaded. Found in the order PRODUCT.md gives: `--pack`, `$NIGHTSHIFT_PACK`,
/// `./Scenarios` and `./Grading`, then the copy built into the binary.
public struct LoadedPack: Sendable {
    public enum Origin: Sendable, Equatable {
        case flag(String), environment(String), workingFolder(String), builtin

        public var description: String {
            switch self {
            case .flag(let path): return "\(path) (from --pack)"
            case .environment(let path): return "\(path) (from $NIGHTSHIFT_PACK)"
            case .workingFolder(let path): return "\(path) (Scenarios/ and Grading/ in the working folder)"
            case .builtin: return "the pack built into this binary"
            }
        }
    }

    public var origin: Origin
    public var files: [(path: String, text: String)]
    public var contents: PackContents

    /// Finds and loads the pack. Throws only when a named folder is not a pack at all.
    /// With `only`, just that scenario is parsed (with the pack, costs and rubrics).
    public static func locate(flag: String?, environment: [String: String], workingFolder: String, only: String? = nil) throws -> LoadedPack {
        if let flag { return try load(folder: flag, origin: .flag(flag), only: only) }
        if let path = environment["NIGHTSHIFT_PACK"], !path.isEmpty { return try load(folder: path, origin: .environment(path), only: only) }
        let local = (workingFolder as NSString).appendingPathComponent("Scenarios")
        if FileManager.default.fileExists(atPath: (local as NSString).appendingPathComponent(PackLoader.packFile)) {
            return try load(folder: workingFolder, origin: .workingFolder(workingFolder), only: only)
        }
        return builtin(only: only)
    }

    public static func builtin(only: String? = nil) -> LoadedPack {
        let files = BuiltinPack.files.map { (path: $0.path, text: $0.text) }
        return LoadedPack(origin: .builtin, files: files, contents: PackLoader.load(files: files, displayPrefix: "(built-in)/", only: only))
    }

    public static func load(folder: String, origin: Origin, only: String? = nil) throws -> LoadedPack {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PackError.notAFolder(folder)
        }
        // A folder holding the scenario files themselves is accepted as the Scenarios folder.
        var root = folder
        if !FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("Scenarios")),
           FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(PackLoader.packFile)) {
            root = (folder as NSString).deletingLastPathComponent
            let name = (folder as NSString).lastPathComponent
            if name != "Scenarios" { throw PackError.notAPack(folder) }
        }
        var files: [(String, String)] = []
        for sub in ["Scenarios", "Grading"] {
            let base = (root as NSString).appendingPathComponent(sub)
            guard let paths = FileManager.default.subpaths(atPath: base) else { continue }
            for path in paths.sorted() where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                let full = (base as NSString).appendingPathComponent(path)
                guard let data = FileManager.default.contents(atPath: full) else { continue }
                files.append(("\(sub)/\(path)", String(decoding: data, as: UTF8.self)))
            }
        }
        guard files.contains(where: { $0.0.hasPrefix("Scenarios/") }) else { throw PackError.notAPack(folder) }
        let prefix = root.isEmpty || root == "." ? "" : (root.hasSuffix("/") ? root : root + "/")
        return LoadedPack(origin: origin, files: files, contents: PackLoader.load(files: files, displayPrefix: prefix, only: only))
    }

    public func text(of path: String) -> String? { files.first { $0.path == path }?.text }

    /// The rubric a mode is graded with: `Grading/MODE.yaml`.
    public func rubric(for mode: SessionSettings.Mode) -> (rubric: Rubric?, path: String, diagnostics: [Diagnostic]) {
        let path = "Grading/\(mode.rawValue).yaml"
        guard let text = text(of: path) else {
            return (nil, path, [Diagnostic(.error, file: path, at: .start, .unreadable("the pack has no rubric for the mode `\(mode.rawValue)`"))])
        }
        let (rubric, diagnostics) = RubricLoader.load(file: displayPath(path), text: text)
        return (rubric, path, diagnostics)
    }

    /// How a pack file is named in diagnostics: the same prefix the loader used.
    func displayPath(_ path: String) -> String {
        switch origin {
        case .builtin: return "(built-in)/" + path
        default: return contents.scenarios.first.map { source in
            let prefix = source.file.components(separatedBy: "Scenarios/").first ?? ""
            return prefix + path
        } ?? path
        }
    }

    /// SHA-256 of a pack file's exact bytes, hex.
    public func sha256(of path: String) -> String {
        Digest.sha256(text(of: path) ?? "")
    }

    /// The source file of a scenario, by id.
    public func path(ofScenario id: String) -> String? {
        guard let source = contents.source(id) else { return nil }
        return files.first { source.file.hasSuffix($0.path) }?.path
    }
}

extension LoadedPack {
    /// Every scenario of the pack at seed 0, as the certification draw reads them.
    var canonicalScenarios: [Scenario] {
        contents.scenarios.compactMap { $0.instantiate(seed: 0, pack: contents.pack).0 }
    }
}

extension LoadedPack {
    /// A scenario's source by id; an unknown id is refused with the closest one suggested.
    func source(_ id: String) throws(NightshiftError) -> ScenarioSource {
        guard let source = contents.source(id) else {
            throw .unknownScenario(id, in: origin, suggestion: Suggestion.closest(to: id, in: contents.scenarioIDs))
        }
        return source
    }

    /// A scenario's variant for a seed; one that does not load is refused with its diagnostics.
    func instantiate(_ source: ScenarioSource, seed: UInt64) throws(NightshiftError) -> Scenario {
        let (built, diagnostics) = source.instantiate(seed: seed, pack: contents.pack)
        guard let built else { throw .scenarioDoesNotLoad(source.id, seed: seed, diagnostics: diagnostics) }
        return built
    }

    /// The rubric a mode is graded with, and its path; one that does not load is refused with
    /// its diagnostics, before any session of that mode starts or any journal is graded.
    func gradingRubric(for mode: SessionSettings.Mode) throws(NightshiftError) -> (Rubric, String) {
        let (loaded, path, diagnostics) = rubric(for: mode)
        guard let loaded else { throw .rubricDoesNotLoad(mode: mode, diagnostics: diagnostics) }
        return (loaded, path)
    }
}
