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

    /// What a session can write, so all a journal may hold: a number outside these was not
    /// written by a session, and reading it anyway could only mislead (or overflow).
    public enum Bounds {
        public static let sequence: ClosedRange<Int> = 1...1_000_000_000
        /// The clock stops at the end of the shift (24 h); up to 7 days is read so that a
        /// journal written before the shift ended sessions replays to its handover.
        public static let simulatedMilliseconds: ClosedRange<Int64> = 0...604_800_000
        /// A hundred years of wall time between two inputs (a resume long after a crash).
        public static let wallMilliseconds: ClosedRange<Int64> = 0...3_155_760_000_000
        /// The columns a session lays screens out for, as `Session` clamps them.
        public static let width: ClosedRange<Int> = 40...400
        public static let wallScale = SessionSettings.wallScales
    }

    public struct Parsed: Sendable {
        public var header: JournalHeader
        public var entries: [JournalEntry]
        /// A torn last line (a crash mid-write: no line break after it, and not JSON), with its
        /// 1-based line number. It is skipped: its input was never applied.
        public var problems: [(line: Int, message: String)]
    }

    /// Why a journal cannot be read, naming the line and field: the wording lives here.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case badHeader(String)
        /// A whole line that is not a journal entry (a torn last line is not an error).
        case badLine(line: Int, String)
        /// A field whose value no session writes.
        case outOfBounds(line: Int, field: String, value: String, allowed: String)
        case unsupportedFormat(String)

        public var description: String {
            switch self {
            case .empty: return "the journal is empty"
            case .badHeader(let detail): return "the first line is not a journal header: \(detail)"
            case .badLine(let line, let detail): return "line \(line) is not a journal entry: \(detail)"
            case .outOfBounds(let line, let field, let value, let allowed): return "line \(line): `\(field)` is \(value); it must be \(allowed)"
            case .unsupportedFormat(let format):
                return "the journal's format is `\(format)`; this nightshift reads `\(Engine.journalFormat)`"
            }
        }
    }

    public static func parse(_ text: String) -> Result<Parsed, ParseError> { parse(Data(text.utf8)) }

    /// Reads a journal's bytes: each line must be strict JSON (see `StrictJSON`: one reading,
    /// no duplicate keys) holding a header or an entry whose numbers a session could write.
    public static func parse(_ data: Data) -> Result<Parsed, ParseError> {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // After the final line break there is nothing, or a line a crash cut short.
        let lastIsTorn = !(lines.last?.isEmpty ?? true)
        guard let first = lines.first, !first.isEmpty else { return .failure(.empty) }
        let decoder = JSONDecoder()
        let header: JournalHeader
        do {
            header = try StrictJSON.decode(JournalHeader.self, from: Data(first), using: decoder)
        } catch {
            return .failure(.badHeader(reason(error)))
        }
        guard header.type == "header" else { return .failure(.badHeader("its type is `\(header.type)`")) }
        guard header.format == Engine.journalFormat else { return .failure(.unsupportedFormat(header.format)) }
        if let problem = check(header) { return .failure(problem) }
        var entries: [JournalEntry] = [], problems: [(Int, String)] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            let entry: JournalEntry
            do {
                entry = try StrictJSON.decode(JournalEntry.self, from: Data(line), using: decoder)
            } catch {
                if lastIsTorn, index == lines.count - 1 {
                    problems.append((index + 1, "a torn last line (\(reason(error)))"))
                    continue
                }
                return .failure(.badLine(line: index + 1, reason(error)))
            }
            if let problem = check(entry, line: index + 1) { return .failure(problem) }
            entries.append(entry)
        }
        return .success(Parsed(header: header, entries: entries, problems: problems))
    }

    private static func reason(_ error: Error) -> String {
        // One journal line is one JSON text: its column is enough.
        if let problem = error as? StrictJSON.Problem { return "column \(problem.column): \(problem.message)" }
        // The text passed the strict check, so Foundation's "not valid JSON" can only be a
        // number it cannot hold in its field (-1 or 1.5 for a count, 1e400 anywhere).
        if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty {
            return "a number does not fit its field (a whole number in the field's range)"
        }
        return DecodingProblem.describe(error)
    }

    private static func check(_ header: JournalHeader) -> ParseError? {
        if SessionSettings.Mode(rawValue: header.mode) == nil {
            return .outOfBounds(line: 1, field: "mode", value: "`\(header.mode)`", allowed: "one of " + SessionSettings.Mode.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))
        }
        if SessionSettings.ClockKind(rawValue: header.clock) == nil {
            return .outOfBounds(line: 1, field: "clock", value: "`\(header.clock)`", allowed: "`sim` or `wall`")
        }
        if !Bounds.wallScale.contains(header.wallScale) {   // NaN is in no range
            let scale = header.wallScale
            let written = scale == scale.rounded() && abs(scale) < 1e15 ? "\(Int64(scale))" : "\(scale)"
            return .outOfBounds(line: 1, field: "wall_scale", value: written,
                                allowed: "from \(Int(Bounds.wallScale.lowerBound)) to \(Int(Bounds.wallScale.upperBound)) simulated seconds per wall second")
        }
        if !Bounds.width.contains(header.width) {
            return .outOfBounds(line: 1, field: "width", value: "\(header.width)", allowed: "from \(Bounds.width.lowerBound) to \(Bounds.width.upperBound) columns")
        }
        return nil
    }

    private static func check(_ entry: JournalEntry, line: Int) -> ParseError? {
        if !Bounds.sequence.contains(entry.seq) {
            return .outOfBounds(line: line, field: "seq", value: "\(entry.seq)", allowed: "from 1 to \(Format.grouped(Int64(Bounds.sequence.upperBound)))")
        }
        if !Bounds.simulatedMilliseconds.contains(entry.atMs) {
            return .outOfBounds(line: line, field: "at_ms", value: "\(entry.atMs)",
                                allowed: "from 0 to \(Format.grouped(Bounds.simulatedMilliseconds.upperBound)) (7 days after the page)")
        }
        if !Bounds.wallMilliseconds.contains(entry.wallMs) {
            return .outOfBounds(line: line, field: "wall_ms", value: "\(entry.wallMs)",
                                allowed: "from 0 to \(Format.grouped(Bounds.wallMilliseconds.upperBound)) (100 years)")
        }
        if !Bounds.width.contains(entry.width) {
            return .outOfBounds(line: line, field: "width", value: "\(entry.width)", allowed: "from \(Bounds.width.lowerBound) to \(Bounds.width.upperBound) columns")
        }
        return nil
    }
}
