/// Everything that can go wrong with a results store, worded once. Each message says what
/// happened and what to do; none of these paths writes anything.
public enum StoreError: Error, Equatable, CustomStringConvertible {
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

    /// True when the store could not be reached or failed (try again later); false when the
    /// input was wrong (fix the command).
    public var isEnvironmental: Bool {
        switch self {
        case .unreachable, .failed: return true
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
        }
    }
}
