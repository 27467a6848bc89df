import CFuzzerDriver
import Foundation
import Grading
import ScenarioFormat
import Simulation

// A libFuzzer target for runs longer than the test suite can afford (docs/fuzzing.md).
// The first byte of an input picks what the rest is fed to:
//   0 a scenario file (parsed, then instantiated against the pack),
//   1 the pack's `pack.yaml`, `costs.yaml` or `learn.yaml` (loaded as a pack),
//   2 a rubric,
//   3 command lines typed into a live session of a shipped scenario.
// The second byte picks which file or scenario. A broken invariant is a trap, which
// libFuzzer reports as a crash and saves the input that caused it.
//
// Built normally (no FUZZING) it is a replayer: `NightshiftFuzz FILE|DIR...` runs each input
// once, and `NightshiftFuzz --write-corpus DIR` writes the seed corpus for libFuzzer. With
// FUZZING its `main` runs libFuzzer's driver (SwiftPM renames an executable's entry point,
// so libFuzzer's own `main` cannot be the one).

/// What stays the same from input to input: the pack and a pristine session of each
/// scenario, opened once (sessions are values, so each input starts from a copy).
enum Target {
    /// The repository's pack, read from disk (`$NIGHTSHIFT_PACK` names another): the
    /// built-in pack would need the EmbedPack plugin, whose tool cannot link with libFuzzer.
    static let files: [(path: String, text: String)] = {
        let root = ProcessInfo.processInfo.environment["NIGHTSHIFT_PACK"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files: [(String, String)] = []
        for folder in ["Scenarios", "Grading"] {
            let base = root.appendingPathComponent(folder)
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []).sorted() where name.hasSuffix(".yaml") {
                if let text = try? String(contentsOf: base.appendingPathComponent(name), encoding: .utf8) { files.append(("\(folder)/\(name)", text)) }
            }
        }
        if files.isEmpty { fatalError("no pack in \(root.path); set NIGHTSHIFT_PACK to a folder holding Scenarios/ and Grading/") }
        return files
    }()
    static let contents = PackLoader.load(files: files)
    static let sessions: [Session] = contents.scenarios.compactMap { source in
        guard let scenario = source.instantiate(seed: 0, pack: contents.pack).0 else { return nil }
        var session = Session(scenario: scenario, pack: contents.pack, costs: contents.costs, settings: SessionSettings(mode: .onboarding, clock: .sim))
        _ = session.opening(width: 100)
        return session
    }
    static let reserved = [PackLoader.packFile, PackLoader.costsFile, PackLoader.learnFile].map { "Scenarios/\($0)" }
    static let rubrics = files.filter { $0.path.hasPrefix("Grading/") }.map(\.path)
    /// Lines past this are dropped: a long script explores no more than a short one, only slower.
    static let maximumLines = 64

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let mode = bytes.first else { return }
        let choice = Int(bytes.count > 1 ? bytes[1] : 0)
        let body = String(decoding: bytes.dropFirst(2), as: UTF8.self)
        switch mode % 4 {
        case 0: scenario(body)
        case 1: packFile(reserved[choice % reserved.count], body)
        case 2: rubric(rubrics[choice % rubrics.count], body)
        default: commands(choice, body)
        }
    }

    static func scenario(_ text: String) {
        let file = "Scenarios/fuzz.yaml"
        let (source, parsed) = ScenarioSource.parse(file: file, text: text)
        guard let source else { return check(nil as Int?, parsed, file: file, text: text) }
        let (scenario, diagnostics) = source.instantiate(seed: 0, pack: contents.pack)
        check(scenario, diagnostics, file: file, text: text)
    }

    static func packFile(_ path: String, _ text: String) {
        let loaded = PackLoader.load(files: reserved.map { name in (name, name == path ? text : files.first { $0.path == name }?.text ?? "") })
        let failed = loaded.failures.contains { $0.file == path }
        check(failed ? nil : 1, loaded.diagnostics, file: path, text: text)
    }

    static func rubric(_ path: String, _ text: String) {
        let (rubric, diagnostics) = RubricLoader.load(file: path, text: text)
        check(rubric, diagnostics, file: path, text: text)
    }

    /// A value or an error, and every diagnostic inside the file it names.
    static func check<Value>(_ value: Value?, _ diagnostics: [Diagnostic], file: String, text: String) {
        if value == nil, !diagnostics.hasErrors { fatalError("\(file): refused without an error") }
        let lines = text.unicodeScalars.reduce(into: 1) { count, scalar in if scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}" { count += 1 } }
        for diagnostic in diagnostics {
            guard diagnostic.file == file, diagnostic.location.line >= 1, diagnostic.location.line <= lines + 1, diagnostic.location.column >= 1,
                  !diagnostic.message.isEmpty else {
                fatalError("a diagnostic outside \(file) (\(lines) lines): \(diagnostic.description.prefix(500))")
            }
        }
    }

    /// Every non-blank line is answered and the simulated clock never runs backwards.
    static func commands(_ choice: Int, _ text: String) {
        guard !sessions.isEmpty else { return }
        var session = sessions[choice % sessions.count]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(maximumLines) {
            let before = session.now
            let screen = session.apply(SessionInput(.line(String(line)), width: 20 + choice))
            if !line.trimmingCharacters(in: .whitespaces).isEmpty, screen.allLines.isEmpty { fatalError("no answer to \(line.prefix(200))") }
            if session.now < before { fatalError("the clock went backwards after \(line.prefix(200))") }
            if session.ended != nil { break }
        }
    }

    /// Seeds for libFuzzer: every shipped file in its mode, and a few sessions' worth of commands.
    static func seeds() -> [(name: String, bytes: [UInt8])] {
        var seeds: [(String, [UInt8])] = []
        for file in files {
            let name = file.path.replacingOccurrences(of: "/", with: "-")
            if let index = reserved.firstIndex(of: file.path) {
                seeds.append((name, [1, UInt8(index)] + Array(file.text.utf8)))
            } else if let index = rubrics.firstIndex(of: file.path) {
                seeds.append((name, [2, UInt8(index)] + Array(file.text.utf8)))
            } else if file.path.hasPrefix("Scenarios/") {
                seeds.append((name, [0, 0] + Array(file.text.utf8)))
            }
        }
        for (index, session) in sessions.enumerated() {
            let scenario = session.scenario
            let lines = ["status", "dash overview", "traces --limit 5", "traces --where feedback=down --limit 3", "traces --by region", "samples 2", "models",
                         "logs \(scenario.world.services.first?.id ?? "x")", "declare \(scenario.truth.surface)", scenario.truth.mitigations.first?.action.value.description ?? "help",
                         "update \"mitigating\"", "wait 10m", "resolve", "postmortem", "quit", "y"]
            seeds.append(("commands-\(scenario.id)", [3, UInt8(index)] + Array(lines.joined(separator: "\n").utf8)))
        }
        return seeds
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Target.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// With FUZZING, hands the command line to libFuzzer's driver. Without it, replays inputs
/// (files, or every file in folders), or writes the seed corpus.
@main
enum Replayer {
    static func main() throws {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            guard let data else { return 0 }
            return fuzz(data, size)
        })
        #else
        try replay(Array(CommandLine.arguments.dropFirst()))
        #endif
    }

    static func replay(_ arguments: [String]) throws {
        var arguments = arguments
        if arguments.first == "--write-corpus", arguments.count == 2 {
            let folder = URL(fileURLWithPath: arguments[1])
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let seeds = Target.seeds()
            for seed in seeds { try Data(seed.bytes).write(to: folder.appendingPathComponent(seed.name)) }
            print("wrote \(seeds.count) seeds to \(folder.path)")
            return
        }
        if arguments.isEmpty || arguments.contains("--help") {
            print("usage: NightshiftFuzz FILE|DIR...   replay inputs (a crash is a failure)\n       NightshiftFuzz --write-corpus DIR   write the seed corpus")
            arguments = []
        }
        var count = 0
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else { throw Missing(path: argument) }
            let paths = isFolder.boolValue
                ? (try FileManager.default.contentsOfDirectory(atPath: argument)).sorted().map { (argument as NSString).appendingPathComponent($0) }
                : [argument]
            for path in paths {
                let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
                bytes.withUnsafeBufferPointer { Target.run($0) }
                count += 1
            }
        }
        if !arguments.isEmpty { print("replayed \(count) inputs, no failure") }
    }

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "no such file or folder: \(path)" }
    }
}
