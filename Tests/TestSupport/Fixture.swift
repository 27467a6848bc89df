import Foundation
import Grading
import ScenarioFormat
import Simulation

/// The repository's own pack files, read from disk, for tests that check real scenarios.
public enum Fixture {
    /// The package root (this file is Tests/TestSupport/Fixture.swift).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func text(_ path: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    /// Every YAML file under Scenarios/ and Grading/, as the loader takes them.
    public static var files: [(path: String, text: String)] {
        var files: [(String, String)] = []
        for folder in ["Scenarios", "Grading"] {
            let base = root.appendingPathComponent(folder)
            let paths = (FileManager.default.subpaths(atPath: base.path) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            files += paths.map { ("\(folder)/\($0)", text("\(folder)/\($0)")) }
        }
        return files
    }

    public static var pack: Pack { contents.pack }

    public static var scenarioIDs: [String] { contents.scenarioIDs }

    /// Loads a scenario's text (possibly edited) against the real pack and returns its diagnostics.
    public static func diagnostics(of text: String, file: String = "test.yaml", seed: UInt64 = 0) -> [Diagnostic] {
        let (source, parsed) = ScenarioSource.parse(file: file, text: text)
        guard let source else { return parsed }
        return source.instantiate(seed: seed, pack: pack).1
    }

    /// The 1-based line and column where `needle` first starts in `text`.
    public static func location(of needle: String, in text: String, offset: Int = 0) -> ScenarioFormat.SourceLocation? {
        guard let range = text.range(of: needle) else { return nil }
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        let column = text[lineStart..<range.lowerBound].unicodeScalars.count + 1
        return ScenarioFormat.SourceLocation(line: line, column: column + offset)
    }
}

extension Fixture {
    /// The pack, loaded once per test process: the files do not change while tests run.
    public static let contents: PackContents = PackLoader.load(files: files)

    /// A scenario of the shipped pack for a seed; fails loudly if it does not load.
    public static func scenario(_ id: String, seed: UInt64 = 0) -> Scenario {
        let contents = self.contents
        guard let source = contents.source(id) else { fatalError("no scenario \(id) in the pack") }
        let (scenario, diagnostics) = source.instantiate(seed: seed, pack: contents.pack)
        guard let scenario else { fatalError("\(id) does not load: \(diagnostics.map(\.description))") }
        return scenario
    }

    /// A fresh session of a shipped scenario.
    public static func session(_ id: String, seed: UInt64 = 0, mode: SessionSettings.Mode = .onboarding) -> Session {
        let contents = self.contents
        return Session(scenario: scenario(id, seed: seed), pack: contents.pack, costs: contents.costs,
                       settings: SessionSettings(mode: mode, clock: .sim))
    }
}

extension Session {
    /// Applies a command line and returns the screen as plain text (for readable assertions).
    @discardableResult
    public mutating func type(_ line: String, width: Int = 100) -> String {
        apply(SessionInput(.line(line), width: width)).plainText
    }
}

extension String {
    /// Runs of spaces and line breaks as one space, so a phrase matches however the screen wrapped it.
    public var flattened: String {
        split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }
}

extension Fixture {
    /// The pack's rubric for a mode.
    public static func rubric(_ mode: String) -> Rubric { rubrics[mode] ?? loadRubric(mode) }

    static let rubrics: [String: Rubric] = Dictionary(uniqueKeysWithValues: ["onboarding", "gameday", "certification"].map { ($0, loadRubric($0)) })

    static func loadRubric(_ mode: String) -> Rubric {
        let (rubric, diagnostics) = RubricLoader.load(file: "Grading/\(mode).yaml", text: text("Grading/\(mode).yaml"))
        guard let rubric else { fatalError("Grading/\(mode).yaml does not load: \(diagnostics.map(\.description))") }
        return rubric
    }

    /// A journal typed line by line with no wall time between lines; `?`-lines answer questions.
    public static func journal(_ scenario: String, seed: UInt64, mode: SessionSettings.Mode = .onboarding, lines: [String]) -> (JournalHeader, [JournalEntry]) {
        let settings = SessionSettings(mode: mode, clock: .sim)
        let contents = self.contents
        var session = Session(scenario: self.scenario(scenario, seed: seed), pack: contents.pack, costs: contents.costs, settings: settings)
        var entries: [JournalEntry] = []
        for (index, line) in lines.enumerated() {
            let kind: JournalEntry.Kind
            switch session.pending {
            case .confirmQuit: kind = .confirm
            case .postmortem: kind = .form
            case nil: kind = .command
            }
            entries.append(JournalEntry(seq: index + 1, type: kind, text: line, atMs: session.now.milliseconds, wallMs: 0, width: 100))
            _ = session.apply(SessionInput(.line(line), width: 100))
            if session.ended != nil { break }
        }
        let header = JournalHeader(scenario: scenario, scenarioSHA256: "-", packVersion: contents.pack.version, costsVersion: contents.costs.version,
                                   costsSHA256: "-", seed: seed, settings: settings, width: 100, started: "2026-11-29T00:00:00Z")
        return (header, entries)
    }

    /// `journal`, played with the clock running (wall_scale 1) and a few wall seconds between
    /// inputs, as a game day or a proctored run at a terminal writes it: wall time is in play.
    public static func wallJournal(_ scenario: String, seed: UInt64, mode: SessionSettings.Mode = .gameday, lines: [String]) -> (JournalHeader, [JournalEntry]) {
        let (typed, entries) = journal(scenario, seed: seed, mode: mode, lines: lines)
        let settings = SessionSettings(mode: mode, clock: .wall, wallScale: 1)
        let header = JournalHeader(scenario: scenario, scenarioSHA256: typed.scenarioSHA256, packVersion: typed.packVersion, costsVersion: typed.costsVersion,
                                   costsSHA256: typed.costsSHA256, seed: seed, settings: settings, width: typed.width, started: typed.started)
        var session = Session(scenario: self.scenario(scenario, seed: seed), pack: contents.pack, costs: contents.costs, settings: settings)
        var timed: [JournalEntry] = []
        for (index, var entry) in entries.enumerated() where session.ended == nil {
            entry.wallMs = Int64(1000 + index * 7919 % 20_000)
            guard let input = entry.input else { continue }
            entry.atMs = session.arrival(of: input).milliseconds
            _ = session.apply(input)
            timed.append(entry)
        }
        return (header, timed)
    }

    /// A script read against one variant: each `${name}` becomes that seed's value of the
    /// scenario's parameter, so one expert script plays every variant from what it must find.
    public static func script(_ path: String, variant scenario: Scenario) -> [String] {
        script(path).map { line in
            var out = ""
            var rest = Substring(line)
            while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
                out += rest[..<open.lowerBound]
                let name = String(rest[open.upperBound..<close])
                guard let value = scenario.variant[name] else {
                    fatalError("\(path): `${\(name)}` is not a parameter of \(scenario.id) (it has \(scenario.variant.keys.sorted().joined(separator: ", ")))")
                }
                out += value
                rest = rest[rest.index(after: close)...]
            }
            return out + rest
        }
    }

    /// Command lines from a file in Tests/, without blank lines or `#` comments (`\#` keeps a literal `#`).
    public static func script(_ path: String) -> [String] {
        text(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.hasPrefix("#") }
            .map { $0.hasPrefix("\\#") ? String($0.dropFirst()) : $0 }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty || false }
    }
}
