import Foundation
import Reports

/// The results store: a trainee's history and every game day's entries, on SQLite or
/// PostgreSQL behind one schema. Writes are idempotent (an entry is keyed, so a retried or
/// resumed write lands once) and each runs in one transaction.
public final class ResultsStore {
    public enum OpenMode: Sendable {
        /// The store must exist at the current schema version (players, boards, reports).
        case existing
        /// Creates the schema in an empty database or new file; refuses an older schema.
        case create
        /// As `create`, and migrates an older schema (a trainee's own history; `store migrate`).
        case upgrade
    }

    public let location: StoreLocation
    let engine: any StoreEngine

    public var displayName: String { engine.displayName }

    init(location: StoreLocation, engine: any StoreEngine) {
        self.location = location
        self.engine = engine
    }

    /// `privateFile`: a new SQLite file (and its folder) is made readable by its owner only,
    /// as a trainee's own history must be; otherwise the umask decides, as a shared store needs.
    public static func open(_ location: StoreLocation, mode: OpenMode, privateFile: Bool = false) throws -> ResultsStore {
        let engine: any StoreEngine
        switch location.kind {
        case .sqlite: engine = try SQLiteEngine(path: location.path ?? location.text, create: mode != .existing, privateFile: privateFile)
        case .postgres: engine = try PostgresEngine(location: location)
        }
        let store = ResultsStore(location: location, engine: engine)
        do {
            try store.prepare(mode)
        } catch {
            engine.close()
            throw error
        }
        return store
    }

    public func close() { engine.close() }

    /// Checks what the database holds before anything is written to it.
    func prepare(_ mode: OpenMode) throws {
        let tables = try engine.tableNames()
        let current = StoreSchema.currentVersion
        if tables.isEmpty {
            guard mode != .existing else {
                throw StoreError.notAStore(engine.displayName, reason: "it holds no results yet; `nightshift gameday start` makes it a store")
            }
        } else if !tables.contains("nightshift_schema") {
            throw StoreError.foreignDatabase(engine.displayName)
        } else {
            let version = try schemaVersion()
            if version > current { throw StoreError.newerSchema(engine.displayName, found: version, current: current) }
            if version < current, mode != .upgrade { throw StoreError.olderSchema(engine.displayName, found: version, current: current) }
        }
        try migrate()
        if let sqlite = engine as? SQLiteEngine { try sqlite.enableWAL() }
    }

    public func schemaVersion() throws -> Int {
        guard try engine.tableNames().contains("nightshift_schema") else { return 0 }
        return try engine.rows("SELECT MAX(version) FROM nightshift_schema", []).first?[0].int ?? 0
    }

    /// Applies the migrations this store lacks, up to `target`, under the migration lock
    /// (checked again inside it: another process may have just done the work).
    @discardableResult
    public func migrate(upTo target: Int = StoreSchema.currentVersion) throws -> [StoreSchema.Migration] {
        try engine.transaction {
            try engine.lockForMigration()
            let version = try schemaVersion()
            let due = StoreSchema.migrations.filter { $0.version > version && $0.version <= target }
            for migration in due {
                for statement in migration.statements { try engine.execute(statement) }
                if engine.kind == .postgres { for statement in migration.postgres { try engine.execute(statement) } }
                try engine.execute("INSERT INTO nightshift_schema (version, name, applied_at) VALUES (?, ?, ?)",
                                   [.integer(Int64(migration.version)), .text(migration.name), .text(Self.now())])
            }
            return due
        }
    }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    // MARK: Sessions

    static let sessionColumns = """
        id, gameday, player, scenario, codename, title, surface, seed, mode, state, started_at, updated_at, finished_at, \
        sim_seconds, declared, evidence_seen, commands, score, passed, time_to_surface_seconds, found_with_evidence, mitigated, \
        wrong_surfaces, harmful, lessons, grade_json, journal
        """

    /// The upsert every save runs (a playing session saves after each command): built once.
    static let upsertSession: String = {
        let columns = sessionColumns.components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return """
            INSERT INTO sessions (\(sessionColumns)) VALUES (\(placeholders))
            ON CONFLICT (id) DO UPDATE SET \(updates)
            WHERE sessions.state <> 'finished' OR excluded.state = 'finished'
            """
    }()

    /// Writes an entry, replacing the one with the same id. A finished entry is never
    /// overwritten by live progress that arrives late (from a second terminal, or a retry).
    public func save(_ result: SessionResult) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ value: T) -> StoreValue { .text(String(decoding: (try? encoder.encode(value)) ?? Data("[]".utf8), as: UTF8.self)) }
        let values: [StoreValue] = [
            .text(result.id), StoreValue(result.gameday), .text(result.player), .text(result.scenario), .text(result.codename),
            .text(result.title), .text(result.surface), .text(String(result.seed)), .text(result.mode), .text(result.state.rawValue),
            .text(result.startedAt), .text(result.updatedAt), StoreValue(result.finishedAt), StoreValue(result.simSeconds),
            StoreValue(result.declared), StoreValue(result.evidenceSeen), StoreValue(result.commands), StoreValue(result.score),
            result.passed.map { StoreValue($0) } ?? .null, StoreValue(result.timeToSurfaceSeconds), StoreValue(result.foundWithEvidence),
            StoreValue(result.mitigated), json(result.wrongSurfaces), json(result.harmful), json(result.lessons),
            StoreValue(result.gradeJSON), StoreValue(result.journal),
        ]
        try engine.transaction { try engine.execute(Self.upsertSession, values) }
    }

    public func session(id: String) throws -> SessionResult? {
        try engine.rows("SELECT \(Self.sessionColumns) FROM sessions WHERE id = ?", [.text(id)]).first.map(Self.result)
    }

    /// Entries, oldest first; a game day's, or a player's history (`gameday` nil: sessions
    /// played outside game days are included too).
    public func sessions(gameday: String? = nil, player: String? = nil) throws -> [SessionResult] {
        var clauses: [String] = [], arguments: [StoreValue] = []
        if let gameday { clauses.append("gameday = ?"); arguments.append(.text(gameday)) }
        if let player { clauses.append("player = ?"); arguments.append(.text(player)) }
        let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        return try engine.rows("SELECT \(Self.sessionColumns) FROM sessions\(filter) ORDER BY started_at, id", arguments).map(Self.result)
    }

    static func result(_ row: StoreRow) -> SessionResult {
        let decoder = JSONDecoder()
        func list<T: Decodable>(_ value: StoreValue, _ type: [T].Type) -> [T] {
            (value.string.flatMap { try? decoder.decode(type, from: Data($0.utf8)) }) ?? []
        }
        return SessionResult(
            id: row[0].string ?? "", gameday: row[1].string, player: row[2].string ?? "", scenario: row[3].string ?? "",
            codename: row[4].string ?? "", title: row[5].string ?? "", surface: row[6].string ?? "", seed: UInt64(row[7].string ?? "") ?? 0,
            mode: row[8].string ?? "", state: SessionResult.State(rawValue: row[9].string ?? "") ?? .playing,
            startedAt: row[10].string ?? "", updatedAt: row[11].string ?? "", finishedAt: row[12].string,
            simSeconds: row[13].int ?? 0, declared: row[14].string, evidenceSeen: row[15].int ?? 0, commands: row[16].int ?? 0,
            score: row[17].int, passed: row[18] == .null ? nil : row[18].bool, timeToSurfaceSeconds: row[19].int,
            foundWithEvidence: row[20].bool, mitigated: row[21].bool, wrongSurfaces: list(row[22], [String].self),
            harmful: list(row[23], [SessionResult.Note].self), lessons: list(row[24], [SessionResult.Note].self),
            gradeJSON: row[25].string, journal: row[26].string)
    }

    // MARK: Game days

    public static func validGamedayName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    public static func validPlayerName(_ name: String) -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        // A leading = + - @ would make the debrief's CSV a formula in a spreadsheet.
        return !trimmed.isEmpty && trimmed == name && name.count <= 40 && !name.contains("/") && !"=+-@".contains(name.first!)
            && !name.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) }
    }

    public func createGameday(_ record: GamedayRecord) throws {
        guard Self.validGamedayName(record.name) else { throw StoreError.badGamedayName(record.name) }
        try engine.transaction {
            guard try engine.rows("SELECT 1 FROM gamedays WHERE name = ?", [.text(record.name)]).isEmpty else {
                throw StoreError.gamedayExists(record.name)
            }
            try engine.execute("INSERT INTO gamedays (name, scenarios, seed, state, created_at, state_changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                               [.text(record.name), .text(record.scenarios.joined(separator: ",")), .text(String(record.seed)),
                                .text(record.state.rawValue), .text(record.createdAt), .text(record.stateChangedAt)])
        }
    }

    public func gamedays() throws -> [GamedayRecord] {
        try engine.rows("SELECT name, scenarios, seed, state, created_at, state_changed_at FROM gamedays ORDER BY created_at, name", []).map(Self.gameday)
    }

    /// The game day, or `unknownGameday` naming the ones there are.
    public func gameday(_ name: String) throws -> GamedayRecord {
        if let row = try engine.rows("SELECT name, scenarios, seed, state, created_at, state_changed_at FROM gamedays WHERE name = ?", [.text(name)]).first {
            return Self.gameday(row)
        }
        throw StoreError.unknownGameday(name, store: engine.displayName, known: try gamedays().map(\.name))
    }

    static func gameday(_ row: StoreRow) -> GamedayRecord {
        GamedayRecord(name: row[0].string ?? "", scenarios: (row[1].string ?? "").split(separator: ",").map(String.init),
                      seed: UInt64(row[2].string ?? "") ?? 0, state: GamedayRecord.State(rawValue: row[3].string ?? "") ?? .running,
                      createdAt: row[4].string ?? "", stateChangedAt: row[5].string ?? "")
    }

    public func setState(_ name: String, to state: GamedayRecord.State, at time: String) throws {
        _ = try gameday(name)
        try engine.transaction {
            try engine.execute("UPDATE gamedays SET state = ?, state_changed_at = ? WHERE name = ?", [.text(state.rawValue), .text(time), .text(name)])
        }
    }

    /// Claims a player name for the terminal holding `token`; the same token may join again
    /// (after a crash, or for the next scenario). Two terminals racing for one name: the
    /// primary key lets one insert win, and the other reads a token that is not its own.
    public func join(gameday name: String, player: String, token: String, at time: String) throws {
        guard Self.validPlayerName(player) else { throw StoreError.badPlayerName(player) }
        let gameday = try gameday(name)
        guard gameday.state != .ended else { throw StoreError.gamedayEnded(name) }
        try engine.transaction {
            try engine.execute("INSERT INTO players (gameday, player, token, joined_at) VALUES (?, ?, ?, ?) ON CONFLICT (gameday, player) DO NOTHING",
                               [.text(name), .text(player), .text(token), .text(time)])
            let owner = try engine.rows("SELECT token FROM players WHERE gameday = ? AND player = ?", [.text(name), .text(player)]).first?[0].string
            if owner != token { throw StoreError.playerTaken(player: player, gameday: name) }
        }
    }

    /// Players in the order they joined.
    public func players(gameday name: String) throws -> [String] {
        try engine.rows("SELECT player FROM players WHERE gameday = ? ORDER BY joined_at, player", [.text(name)]).compactMap { $0[0].string }
    }

    // MARK: Injects

    public struct Inject: Equatable, Sendable {
        public var id: Int
        /// Nil: every player.
        public var player: String?
        /// The scenario's named inject, when it was one.
        public var name: String?
        public var text: String
        public var createdAt: String
    }

    @discardableResult
    public func addInject(gameday name: String, player: String?, named: String?, text: String, at time: String) throws -> Int {
        _ = try gameday(name)
        return try engine.transaction {
            let next = (try engine.rows("SELECT MAX(id) FROM injects WHERE gameday = ?", [.text(name)]).first?[0].int ?? 0) + 1
            try engine.execute("INSERT INTO injects (gameday, id, player, name, text, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               [.text(name), StoreValue(next), StoreValue(player), StoreValue(named), .text(text), .text(time)])
            return next
        }
    }

    /// Injects for this player (or everyone) newer than `after`, oldest first.
    public func injects(gameday name: String, player: String, after: Int) throws -> [Inject] {
        try engine.rows("""
            SELECT id, player, name, text, created_at FROM injects
            WHERE gameday = ? AND id > ? AND (player IS NULL OR player = ?) ORDER BY id
            """, [.text(name), StoreValue(after), .text(player)]).map {
            Inject(id: $0[0].int ?? 0, player: $0[1].string, name: $0[2].string, text: $0[3].string ?? "", createdAt: $0[4].string ?? "")
        }
    }

    public func lastInjectID(gameday name: String) throws -> Int {
        try engine.rows("SELECT MAX(id) FROM injects WHERE gameday = ?", [.text(name)]).first?[0].int ?? 0
    }
}
