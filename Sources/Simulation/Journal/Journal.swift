import Foundation
import ScenarioFormat

/// The engine's version, written into every journal so a replay can warn when it differs.
public enum Engine {
    public static let version = "0.1.0"
    public static let journalFormat = "nightshift-journal/1"
}

/// The first line of a journal: everything needed to replay it exactly.
public struct JournalHeader: Codable, Equatable, Sendable {
    public var type = "header"
    public var format: String = Engine.journalFormat
    public var engine: String = Engine.version
    public var scenario: String
    public var scenarioSHA256: String
    public var packVersion: String
    public var costsVersion: String
    public var costsSHA256: String
    public var rubric: String?
    public var rubricSHA256: String?
    public var seed: UInt64
    public var mode: String
    public var clock: String
    public var wallScale: Double
    public var width: Int
    /// Wall time the session started (ISO 8601, UTC): journaled, never read by the core.
    public var started: String
    public var player: String?
    public var gameday: String?
    /// In a certification run, the line's seal: a MAC that chains it to the run and to the
    /// line before, made with a key derived from the proctor's (see `RunSeal`). Absent elsewhere.
    public var seal: String?

    enum CodingKeys: String, CodingKey {
        case type, format, engine, scenario, scenarioSHA256 = "scenario_sha256", packVersion = "pack_version", costsVersion = "costs_version"
        case costsSHA256 = "costs_sha256", rubric, rubricSHA256 = "rubric_sha256", seed, mode, clock, wallScale = "wall_scale", width, started
        case player, gameday, seal
    }

    public init(scenario: String, scenarioSHA256: String, packVersion: String, costsVersion: String, costsSHA256: String,
                rubric: String? = nil, rubricSHA256: String? = nil, seed: UInt64, settings: SessionSettings, width: Int, started: String,
                player: String? = nil, gameday: String? = nil) {
        self.scenario = scenario
        self.scenarioSHA256 = scenarioSHA256
        self.packVersion = packVersion
        self.costsVersion = costsVersion
        self.costsSHA256 = costsSHA256
        self.rubric = rubric
        self.rubricSHA256 = rubricSHA256
        self.seed = seed
        self.mode = settings.mode.rawValue
        self.clock = settings.clock.rawValue
        self.wallScale = settings.wallScale
        self.width = width
        self.started = started
        self.player = player
        self.gameday = gameday
    }

    public var settings: SessionSettings? {
        guard let mode = SessionSettings.Mode(rawValue: mode), let clock = SessionSettings.ClockKind(rawValue: clock) else { return nil }
        return SessionSettings(mode: mode, clock: clock, wallScale: wallScale)
    }
}

/// One journaled input, with its sequence number, the simulated time it was applied at,
/// and the wall milliseconds since the previous input.
public struct JournalEntry: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case command, confirm, form, tick, inject, end
        /// A resume after a crash or a closed terminal: wall time passed that the clock did not count.
        case gap

        /// A line the trainee typed (a command, or an answer to a question or the form), as
        /// opposed to time passing or something arriving from outside.
        public var isTyped: Bool { self == .command || self == .confirm || self == .form }
    }

    public var seq: Int
    public var type: Kind
    public var text: String?
    public var from: String?
    public var atMs: Int64
    public var wallMs: Int64
    public var width: Int
    /// In a certification run, the line's seal (see `JournalHeader.seal`).
    public var seal: String?

    enum CodingKeys: String, CodingKey {
        case seq, type, text, from, atMs = "at_ms", wallMs = "wall_ms", width, seal
    }

    public init(seq: Int, type: Kind, text: String? = nil, from: String? = nil, atMs: Int64, wallMs: Int64, width: Int) {
        self.seq = seq
        self.type = type
        self.text = text
        self.from = from
        self.atMs = atMs
        self.wallMs = wallMs
        self.width = width
    }

    /// The session input this entry replays as; nil for gaps, which only record time off.
    public var input: SessionInput? {
        switch type {
        case .command, .confirm, .form: return SessionInput(.line(text ?? ""), wallDelta: wallMs, width: width)
        case .tick: return SessionInput(.tick, wallDelta: wallMs, width: width)
        case .inject: return SessionInput(.inject(from: from ?? "facilitator", text: text ?? ""), wallDelta: wallMs, width: width)
        case .end: return SessionInput(.endOfInput, wallDelta: wallMs, width: width)
        case .gap: return nil
        }
    }
}

/// Reading and writing journal lines (JSON Lines, one object per line, keys sorted).
public enum Journal {
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    public struct Parsed: Sendable {
        public var header: JournalHeader
        public var entries: [JournalEntry]
        /// Lines that could not be read, with their 1-based line numbers. A torn last line
        /// (a crash mid-write) lands here and is otherwise ignored.
        public var problems: [(line: Int, message: String)]
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case badHeader(String)

        public var description: String {
            switch self {
            case .empty: return "the journal is empty"
            case .badHeader(let detail): return "the first line is not a journal header: \(detail)"
            }
        }
    }

    public static func parse(_ text: String) -> Result<Parsed, ParseError> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, !first.isEmpty else { return .failure(.empty) }
        let decoder = JSONDecoder()
        let header: JournalHeader
        do {
            header = try decoder.decode(JournalHeader.self, from: Data(first.utf8))
        } catch {
            return .failure(.badHeader(DecodingProblem.describe(error)))
        }
        guard header.type == "header" else { return .failure(.badHeader("its type is `\(header.type)`")) }
        var entries: [JournalEntry] = [], problems: [(Int, String)] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                entries.append(try decoder.decode(JournalEntry.self, from: Data(line.utf8)))
            } catch {
                problems.append((index + 1, "unreadable entry"))
            }
        }
        return .success(Parsed(header: header, entries: entries, problems: problems))
    }
}
