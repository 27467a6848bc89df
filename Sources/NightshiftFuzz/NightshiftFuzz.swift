import CFuzzerDriver
import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation

// A libFuzzer target for runs longer than the test suite can afford (docs/fuzzing.md).
// The first byte of an input picks what the rest is fed to:
//   0 a scenario file (parsed, then instantiated against the pack),
//   1 the pack's `pack.yaml`, `costs.yaml` or `learn.yaml` (loaded as a pack),
//   2 a rubric,
//   3 command lines typed into a live session of a shipped scenario,
//   4 a journal (read, then graded and replayed as `grade` and `replay` do),
//   5 a certificate (read, its signature checked, each embedded journal regraded as `verify` does).
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
        switch mode % 6 {
        case 0: scenario(body)
        case 1: packFile(reserved[choice % reserved.count], body)
        case 2: rubric(rubrics[choice % rubrics.count], body)
        case 3: commands(choice, body)
        case 4: journal(Data(bytes.dropFirst(2)))
        default: certificate(body)
        }
    }

    /// The rubric of each mode, loaded once.
    static let rubricsByMode: [String: Rubric] = Dictionary(uniqueKeysWithValues: SessionSettings.Mode.allCases.compactMap { mode in
        let path = "Grading/\(mode.rawValue).yaml"
        return files.first { $0.path == path }.flatMap { RubricLoader.load(file: path, text: $0.text).0 }.map { (mode.rawValue, $0) }
    })

    /// A journal is refused with a sentence, or graded into a score its findings add up to,
    /// and neither the grade's nor the replay's clock passes the end of the shift.
    static func journal(_ bytes: Data) {
        let parsed: Journal.Parsed
        switch Journal.parse(bytes) {
        case .failure(let error):
            if "\(error)".isEmpty { fatalError("a journal refused without a reason") }
            return
        case .success(let value): parsed = value
        }
        let header = parsed.header
        guard let source = contents.source(header.scenario), let scenario = source.instantiate(seed: header.seed, pack: contents.pack).0,
              let rubric = rubricsByMode[header.mode] else { return }
        guard let (grade, session) = try? Grader.gradeWithSession(scenario: scenario, pack: contents.pack, costs: contents.costs, rubric: rubric,
                                                                  header: header, entries: parsed.entries) else {
            fatalError("a journal that was read could not be graded (mode \(header.mode), clock \(header.clock))")
        }
        let total = grade.findings.reduce(0) { $0 + $1.points }
        if !(0...100).contains(grade.score) || total != grade.score { fatalError("score \(grade.score), findings adding up to \(total)") }
        guard let replay = Replay.run(scenario: scenario, pack: contents.pack, costs: contents.costs, header: header, entries: parsed.entries) else { return }
        if session.now > Session.shift || replay.session.now > Session.shift { fatalError("a journal replayed past the end of the shift") }
    }

    /// The proctor's key for the fuzzer's certificates: fixed, so a saved input replays.
    static let key = try! Signing.readPrivate("nightshift-ed25519-private-key-v1\n" + Data(repeating: 7, count: 32).base64EncodedString() + "\n")

    /// What `verify` reads, short of comparing the pack's hashes: the file, the signature, the
    /// payload, and every embedded journal, regraded.
    static func certificate(_ text: String) {
        guard let certificate = try? Certificate.decode(text) else { return }
        _ = certificate.isSigned(by: key.publicKey)
        guard let payload = try? certificate.decodedPayload() else { return }
        for scenario in payload.scenarios where !scenario.journal.isEmpty { journal(Data(scenario.journal.utf8)) }
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
        var journals: [String] = []
        for (index, session) in sessions.enumerated() {
            let scenario = session.scenario
            let lines = ["status", "dash overview", "traces --limit 5", "traces --where feedback=down --limit 3", "traces --by region", "samples 2", "models",
                         "logs \(scenario.world.services.first?.id ?? "x")", "declare \(scenario.truth.surface)", scenario.truth.mitigations.first?.action.value.description ?? "help",
                         "update \"mitigating\"", "wait 10m", "resolve", "postmortem", "quit", "y"]
            seeds.append(("commands-\(scenario.id)", [3, UInt8(index)] + Array(lines.joined(separator: "\n").utf8)))
            let journal = recorded(session, lines: lines)
            journals.append(journal)
            seeds.append(("journal-\(scenario.id)", [4, 0] + Array(journal.utf8)))
        }
        if sessions.count >= 2, let signed = try? signedCertificate(sessions: Array(sessions.prefix(2)), journals: Array(journals.prefix(2))) {
            seeds.append(("certificate", [5, 0] + Array(signed.utf8)))
        }
        return seeds
    }

    /// The journal a session typing `lines` writes (with the clock running, so wall time counts).
    static func recorded(_ pristine: Session, lines: [String]) -> String {
        let settings = SessionSettings(mode: .certification, clock: .wall, wallScale: 1)
        var session = Session(scenario: pristine.scenario, pack: pristine.pack, costs: pristine.costs, settings: settings)
        let header = JournalHeader(scenario: session.scenario.id, scenarioSHA256: "-", packVersion: contents.pack.version, costsVersion: contents.costs.version,
                                   costsSHA256: "-", seed: 0, settings: settings, width: 100, started: "2026-11-29T10:00:00Z")
        var entries: [JournalEntry] = []
        for (index, line) in lines.enumerated() where session.ended == nil {
            let kind: JournalEntry.Kind = session.pending == .confirmQuit ? .confirm : (session.pending == nil ? .command : .form)
            let input = SessionInput(.line(line), wallDelta: Int64(2000 + index * 1500), width: 100)
            entries.append(JournalEntry(seq: index + 1, type: kind, text: line, atMs: session.arrival(of: input).milliseconds, wallMs: input.wallDelta, width: 100))
            _ = session.apply(input)
        }
        return ([Journal.encode(header)] + entries.map { Journal.encode($0) }).joined(separator: "\n") + "\n"
    }

    /// A certificate of two recorded sessions, signed with the fuzzer's key.
    static func signedCertificate(sessions: [Session], journals: [String]) throws -> String {
        var scenarios: [Certificate.Payload.Scenario] = [], grades: [Grade] = []
        guard let rubric = rubricsByMode["certification"] else { return "" }
        for (session, journal) in zip(sessions, journals) {
            guard case .success(let parsed) = Journal.parse(journal) else { continue }
            let grade = try Grader.grade(scenario: session.scenario, pack: contents.pack, costs: contents.costs, rubric: rubric, header: parsed.header, entries: parsed.entries)
            grades.append(grade)
            scenarios.append(.init(id: session.scenario.id, codename: session.scenario.codename, title: session.scenario.title, seed: 0, sha256: "-",
                                   surface: session.scenario.truth.surface, journal: journal, journalSHA256: "-", score: grade.score, passed: grade.passed,
                                   failedBy: grade.failedBy, findings: grade.findings, timeToSurfaceMinutes: grade.timeToSurfaceMinutes))
        }
        let overall = Certification.overall(grades, rubric: rubric)
        let payload = Certificate.Payload(
            candidate: "Ada Lovelace", proctor: "Grace Hopper", engine: Engine.version, pack: .init(name: contents.pack.name, version: contents.pack.version, sha256: "-"),
            rubric: .init(name: "certification", version: rubric.version, sha256: "-"), costs: .init(name: "costs", version: contents.costs.version, sha256: "-"),
            seed: 0, wallStart: "2026-11-29T10:00:00Z", wallEnd: "2026-11-29T11:00:00Z", gaps: [], scenarios: scenarios,
            overall: .init(score: overall.score, passed: overall.passed, passMark: rubric.pass, minimumPerScenario: rubric.minimumPerScenario, reasons: overall.reasons),
            warnings: [])
        return try Certificate.sign(payload, with: key).encoded()
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
