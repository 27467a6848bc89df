import Simulation

/// Everything that can go wrong with a results store, worded once. Each message says what
/// happened and what to do; none of these paths writes anything.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A row of a store, named for a message.
    public enum Row: Equatable, Sendable {
        case session(id: String)
        case gameday(String)
        case player(gameday: String, player: String)
        case inject(gameday: String, id: String)
    }

    /// What a column must hold for nightshift to use its row.
    public enum Expected: Equatable, Sendable {
        case text
        case injectText(characters: Int, lines: Int)
        case wholeNumber(ClosedRange<Int>)
        case flag
        case seed
        case time
        case oneOf([String])
        case gamedayName
        case playerName
        case scenarioList
        case json(String)
    }

    case badLocation(String, reason: String)
    case missing(String)
    case notAStore(String, reason: String)
    case foreignDatabase(String)
    case olderSchema(String, found: Int, current: Int)
    case newerSchema(String, found: Int, current: Int)
    case unreachable(String, reason: String)
    case failed(String, reason: String)
    case unknownGameday(String, store: String, known: [String])
    case gamedayExists(String)
    case gamedayEnded(String)
    case badGamedayName(String)
    case scenarioNotInGameday(scenario: String, gameday: String, scenarios: [String])
    case playerTaken(player: String, gameday: String)
    case badPlayerName(String)
    case unknownPlayer(player: String, gameday: String, players: [String])
    case proctoredNeedsServer(String)
    case unknownRun(String, store: String)
    case lineTaken(run: String, pick: Int, line: Int)
    case badRoleName(String)
    case unknownRole(String)
    /// A row nightshift would never have written (written by hand, by another program, or
    /// damaged): it is left out of what is read, and said once.
    case unreadableRow(store: String, row: Row, column: String, found: StoreValue, expected: Expected)

    /// True when the store could not be reached or failed (try again later); false when the
    /// input was wrong (fix the command).
    public var isEnvironmental: Bool {
        switch self {
        case .unreachable, .failed, .unreadableRow: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .badLocation(let text, let reason):
            return "`\(text)` is not a results store location: \(reason) (give a file path or postgres://USER:PASSWORD@HOST:PORT/DATABASE)"
        case .missing(let path):
            return "there is no results store at \(path); `nightshift gameday start` creates one"
        case .notAStore(let location, let reason):
            return "\(location) is not a Nightshift results store (\(reason)); nothing was written to it"
        case .foreignDatabase(let location):
            return "\(location) is a database that holds other tables and no Nightshift results; nothing was written to it (choose an empty database or a new file)"
        case .olderSchema(let location, let found, let current):
            return "\(location) has results schema version \(found) and this nightshift uses \(current); nothing was written. Upgrade it once with `nightshift store migrate --store \(location)` (every player then needs this version of nightshift)"
        case .newerSchema(let location, let found, let current):
            return "\(location) has results schema version \(found), newer than this nightshift's \(current); nothing was written. Upgrade nightshift"
        case .unreachable(let location, let reason):
            return "cannot reach the results store \(location): \(reason)"
        case .failed(let location, let reason):
            return "the results store \(location) failed: \(reason)"
        case .unknownGameday(let name, let store, let known):
            let list = known.isEmpty ? "it holds no game days" : "game days there: " + known.joined(separator: ", ")
            return "no game day `\(name)` in \(store) (\(list)); `nightshift gameday start` creates one"
        case .gamedayExists(let name):
            return "a game day `\(name)` already exists in this store; choose another name"
        case .gamedayEnded(let name):
            return "the game day `\(name)` has ended; `nightshift gameday report \(name) --out DIR` writes the debrief"
        case .badGamedayName(let name):
            return "`\(name)` is not a usable game day name: use letters, digits, `-`, `_` and `.`, at most 64 characters"
        case .scenarioNotInGameday(let scenario, let gameday, let scenarios):
            return "`\(scenario)` is not in the game day `\(gameday)`; its scenarios are \(scenarios.joined(separator: ", "))"
        case .playerTaken(let player, let gameday):
            return "the player name `\(player)` is already taken in the game day `\(gameday)` (by another terminal); choose another with --player"
        case .badPlayerName(let name):
            return "`\(name)` is not a usable player name: 1 to 40 characters, no control characters or `/`, not starting with = + - or @"
        case .unknownPlayer(let player, let gameday, let players):
            let list = players.isEmpty ? "nobody has joined yet" : "players: " + players.joined(separator: ", ")
            return "no player `\(player)` in the game day `\(gameday)` (\(list))"
        case .proctoredNeedsServer(let location):
            return "\(location) is a SQLite file: a proctored run needs a PostgreSQL store, where the candidate's role can insert lines but never change them"
        case .unknownRun(let code, let store):
            return "no certification run `\(code)` in \(store); the proctor's `nightshift certify open` prints the code"
        case .lineTaken(let run, let pick, let line):
            return "line \(line) of scenario \(pick + 1) of the run \(run) is already in the store with other text; lines are never replaced"
        case .badRoleName(let role):
            return "`\(role)` is not a plain PostgreSQL role name (lowercase letters, digits and _)"
        case .unknownRole(let role):
            return "there is no role `\(role)`; create it first (psql: CREATE ROLE \(role) LOGIN PASSWORD '…'), then grant it"
        case .unreadableRow(let store, let row, let column, let found, let expected):
            return "\(store) holds \(Self.describe(row)) that nightshift did not write: its `\(column)` is \(Self.describe(found)), "
                + "not \(Self.describe(expected)); it is left out (fix or delete that row)"
        }
    }

    static func describe(_ row: Row) -> String {
        switch row {
        case .session(let id): return "the session `\(shown(id))`"
        case .gameday(let name): return "the game day `\(shown(name))`"
        case .player(let gameday, let player): return "the player `\(shown(player))` of the game day `\(shown(gameday))`"
        case .inject(let gameday, let id): return "the inject #\(shown(id)) of the game day `\(shown(gameday))`"
        }
    }

    /// A row's key as it is, whatever its type, to name the row.
    static func key(_ value: StoreValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .text(let text): return text
        }
    }

    static func describe(_ value: StoreValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let number): return String(number)
        case .real(let number): return "the real number \(number)"
        case .text(let text): return "`\(shown(text))`"
        }
    }

    static func describe(_ expected: Expected) -> String {
        switch expected {
        case .text: return "text"
        case .injectText(let characters, let lines): return Self.injectRule(characters: characters, lines: lines)
        case .wholeNumber(let range): return "a whole number from \(Format.grouped(Int64(range.lowerBound))) to \(Format.grouped(Int64(range.upperBound)))"
        case .flag: return "0 or 1"
        case .seed: return "a seed (a whole number from 0 to 18446744073709551615, as text)"
        case .time: return "an ISO 8601 time such as 2026-11-29T10:00:00Z"
        case .oneOf(let values): return "one of " + values.joined(separator: ", ")
        case .gamedayName: return "a game day name (letters, digits, `-`, `_` and `.`, at most 64 characters)"
        case .playerName: return "a player name (1 to 40 characters, no control characters or `/`, not starting with = + - or @)"
        case .scenarioList: return "scenario ids separated by commas"
        case .json(let shape): return "JSON: \(shape)"
        }
    }

    /// What an inject may be: the facilitator's `inject` says it, and a row is checked against it.
    public static func injectRule(characters: Int = ResultsStore.injectLength, lines: Int = ResultsStore.injectLines) -> String {
        "text of at most \(Format.grouped(Int64(characters))) characters and \(lines) lines, with no control characters but line breaks"
    }

    /// Text from the row, shown: control characters visible, and short.
    static func shown(_ text: String) -> String { VisibleText.of(text).truncated(to: 60) }
}
