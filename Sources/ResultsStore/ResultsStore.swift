import Foundation
import Reports
import Simulation

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
    /// Rows left out of what was read because nightshift would never have written them (see
    /// `StoreRowReader`), each once, in the order met.
    public private(set) var unreadable: [StoreError] = []
    /// Told of each row as it is left out, so a command can warn about it.
    public var onUnreadable: ((StoreError) -> Void)?
    private var reported: Set<String> = []

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
                try migration.rows?(engine)
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
            .text(result.title), .text(result.surface), .text(String(result.seed)), .text(result.mode.rawValue), .text(result.state.rawValue),
            .text(result.startedAt), .text(result.updatedAt), StoreValue(result.finishedAt), StoreValue(result.simSeconds),
            StoreValue(result.declared), StoreValue(result.evidenceSeen), StoreValue(result.commands), StoreValue(result.score),
            result.passed.map { StoreValue($0) } ?? .null, StoreValue(result.timeToSurfaceSeconds), StoreValue(result.foundWithEvidence),
            StoreValue(result.mitigated), json(result.wrongSurfaces), json(result.harmful), json(result.lessons),
            StoreValue(result.gradeJSON), StoreValue(result.journal),
        ]
        try engine.transaction { try engine.execute(Self.upsertSession, values) }
    }

    public func session(id: String) throws -> SessionResult? {
        try engine.rows("SELECT \(Self.sessionColumns) FROM sessions WHERE id = ?", [.text(id)]).first.flatMap(readSession)
    }

    /// Entries, oldest first; a game day's, or a player's history (`gameday` nil: sessions
    /// played outside game days are included too).
    public func sessions(gameday: String? = nil, player: String? = nil) throws -> [SessionResult] {
        var clauses: [String] = [], arguments: [StoreValue] = []
        if let gameday { clauses.append("gameday = ?"); arguments.append(.text(gameday)) }
        if let player { clauses.append("player = ?"); arguments.append(.text(player)) }
        let filter = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        return try engine.rows("SELECT \(Self.sessionColumns) FROM sessions\(filter) ORDER BY started_at, id", arguments).compactMap(readSession)
    }

    static let sessionColumnNames = StoreRowReader.columns(sessionColumns)

    /// The entry, or nil (reported) when the row is one nightshift would not have written.
    func readSession(_ row: StoreRow) -> SessionResult? {
        let reader = StoreRowReader(row, columns: Self.sessionColumnNames)
        return readable(.session(id: reader.value("id").string ?? "?")) { () throws(StoreRowReader.Problem) in try Self.result(reader) }
    }

    /// Reads every column of an entry, checked; arguments are read left to right, so the
    /// problem reported is the first column that has one.
    static func result(_ r: StoreRowReader) throws(StoreRowReader.Problem) -> SessionResult {
        let gameday = r.value("gameday") == .null ? nil : try r.gamedayName("gameday")
        let notes = "a list of {part, points, reason} with points from -100 to 100"
        let inRange = { (notes: [SessionResult.Note]) in notes.allSatisfy { StoreRowReader.points.contains($0.points) } }
        return SessionResult(
            id: try r.text("id", nonEmpty: true), gameday: gameday,
            // A game day's players joined under the name rules; a history entry carries the trainee's login name.
            player: gameday == nil ? try r.text("player", nonEmpty: true) : try r.playerName("player"),
            scenario: try r.text("scenario", nonEmpty: true), codename: try r.text("codename"), title: try r.text("title"),
            surface: try r.text("surface"), seed: try r.seed("seed"), mode: try r.oneOf("mode", SessionSettings.Mode.self),
            state: try r.oneOf("state", SessionResult.State.self), startedAt: try r.time("started_at"), updatedAt: try r.time("updated_at"),
            finishedAt: try r.optionalTime("finished_at"), simSeconds: try r.integer("sim_seconds", StoreRowReader.simulatedSeconds),
            declared: try r.optionalText("declared"), evidenceSeen: try r.integer("evidence_seen", StoreRowReader.counts),
            commands: try r.integer("commands", StoreRowReader.counts), score: try r.optionalInteger("score", 0...100),
            passed: try r.optionalFlag("passed"), timeToSurfaceSeconds: try r.optionalInteger("time_to_surface_seconds", StoreRowReader.simulatedSeconds),
            foundWithEvidence: try r.flag("found_with_evidence"), mitigated: try r.flag("mitigated"),
            wrongSurfaces: try r.json("wrong_surfaces", [String].self, shape: "a list of surface names"),
            harmful: try r.json("harmful", [SessionResult.Note].self, shape: notes, check: inRange),
            lessons: try r.json("lessons", [SessionResult.Note].self, shape: notes, check: inRange),
            gradeJSON: try r.optionalText("grade_json"), journal: try r.optionalText("journal"))
    }

    // MARK: Rows nightshift did not write

    /// `read()`, or `unreadableRow` naming the first value in it nightshift would not have written.
    func checked<T>(_ row: StoreError.Row, _ read: () throws(StoreRowReader.Problem) -> T) throws(StoreError) -> T {
        do {
            return try read()
        } catch {
            throw StoreError.unreadableRow(store: displayName, row: row, column: error.column, found: error.found, expected: error.expected)
        }
    }

    /// `read()`, or nil when the row is one nightshift would not have written: it is left out
    /// and reported, once per store and row (the facilitator's views redraw every second).
    func readable<T>(_ row: StoreError.Row, _ read: () throws(StoreRowReader.Problem) -> T) -> T? {
        do {
            return try checked(row, read)
        } catch {
            if reported.insert(error.description).inserted {
                unreadable.append(error)
                onUnreadable?(error)
            }
            return nil
        }
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

    static let gamedayColumns = "name, scenarios, seed, state, created_at, state_changed_at"
    static let gamedayColumnNames = StoreRowReader.columns(gamedayColumns)

    /// Every readable game day (an unreadable one is reported and left out).
    public func gamedays() throws -> [GamedayRecord] {
        try engine.rows("SELECT \(Self.gamedayColumns) FROM gamedays ORDER BY created_at, name", []).compactMap(readGameday)
    }

    /// The game day; `unknownGameday` naming the ones there are, or `unreadableRow` when its
    /// row is one nightshift would not have written.
    public func gameday(_ name: String) throws -> GamedayRecord {
        if let row = try engine.rows("SELECT \(Self.gamedayColumns) FROM gamedays WHERE name = ?", [.text(name)]).first {
            return try checked(.gameday(name)) { () throws(StoreRowReader.Problem) in try Self.gameday(StoreRowReader(row, columns: Self.gamedayColumnNames)) }
        }
        throw StoreError.unknownGameday(name, store: engine.displayName, known: try gamedays().map(\.name))
    }

    func readGameday(_ row: StoreRow) -> GamedayRecord? {
        let reader = StoreRowReader(row, columns: Self.gamedayColumnNames)
        return readable(.gameday(reader.value("name").string ?? "?")) { () throws(StoreRowReader.Problem) in try Self.gameday(reader) }
    }

    static func gameday(_ r: StoreRowReader) throws(StoreRowReader.Problem) -> GamedayRecord {
        GamedayRecord(name: try r.gamedayName("name"), scenarios: try r.scenarioList("scenarios"), seed: try r.seed("seed"),
                      state: try r.oneOf("state", GamedayRecord.State.self), createdAt: try r.time("created_at"), stateChangedAt: try r.time("state_changed_at"))
    }

    public func setState(_ name: String, to state: GamedayRecord.State, at time: String) throws {
        _ = try gameday(name)
        try engine.transaction {
            try engine.execute("UPDATE gamedays SET state = ?, state_changed_at = ? WHERE name = ?", [.text(state.rawValue), .text(time), .text(name)])
        }
    }

    /// Claims a player name for the terminal holding `token`; the same token may join again
    /// (after a crash, or for the next scenario). Two terminals racing for one name: the
    /// primary key lets one insert win, and the other reads a claim that is not its own.
    /// The store keeps only the token's hash (`PlayerToken`), so reading it gives nobody the token.
    public func join(gameday name: String, player: String, token: String, at time: String) throws {
        guard Self.validPlayerName(player) else { throw StoreError.badPlayerName(player) }
        let gameday = try gameday(name)
        guard gameday.state != .ended else { throw StoreError.gamedayEnded(name) }
        let digest = PlayerToken.digest(token)
        try engine.transaction {
            try engine.execute("INSERT INTO players (gameday, player, token_sha256, joined_at) VALUES (?, ?, ?, ?) ON CONFLICT (gameday, player) DO NOTHING",
                               [.text(name), .text(player), .text(digest), .text(time)])
            let owner = try engine.rows("SELECT token_sha256 FROM players WHERE gameday = ? AND player = ?", [.text(name), .text(player)]).first?[0]
            if owner != .text(digest) { throw StoreError.playerTaken(player: player, gameday: name) }
        }
    }

    /// Players in the order they joined (a name that breaks the name rules is reported and left out).
    public func players(gameday name: String) throws -> [String] {
        try engine.rows("SELECT player FROM players WHERE gameday = ? ORDER BY joined_at, player", [.text(name)]).compactMap { row in
            let reader = StoreRowReader(row, columns: ["player"])
            return readable(.player(gameday: name, player: reader.value("player").string ?? "?")) { () throws(StoreRowReader.Problem) in try reader.playerName("player") }
        }
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

    /// Inject numbers: from 1, and never near the end of the integers, so the next one can be counted.
    static let injectIDs = 1...Int(Int32.max)
    /// The longest inject the facilitator's `inject` sends, in characters and in lines: a
    /// message is not a way to scroll a player's screen away.
    public static let injectLength = 2000
    public static let injectLines = 20

    /// What `inject` sends, and so all an inject row may hold: some text, at most
    /// `injectLength` characters and `injectLines` lines, no control character but line breaks.
    public static func validInjectText(_ text: String) -> Bool {
        !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && text.count <= injectLength
            && text.split(separator: "\n", omittingEmptySubsequences: false).count <= injectLines
            && !VisibleText.hasHidden(text, keepingNewlines: true)
    }

    @discardableResult
    public func addInject(gameday name: String, player: String?, named: String?, text: String, at time: String) throws -> Int {
        _ = try gameday(name)
        return try engine.transaction {
            let next = try lastInjectID(gameday: name) + 1
            guard Self.injectIDs.contains(next) else { throw StoreError.failed(displayName, reason: "the game day `\(name)` has used every inject number") }
            try engine.execute("INSERT INTO injects (gameday, id, player, name, text, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               [.text(name), StoreValue(next), StoreValue(player), StoreValue(named), .text(text), .text(time)])
            return next
        }
    }

    static let injectColumns = "id, player, name, text, created_at"
    static let injectColumnNames = StoreRowReader.columns(injectColumns)

    /// Injects for this player (or everyone) newer than `after`, oldest first; a row nightshift
    /// would not have written is reported and never delivered.
    public func injects(gameday name: String, player: String, after: Int) throws -> [Inject] {
        try engine.rows("""
            SELECT \(Self.injectColumns) FROM injects
            WHERE gameday = ? AND id > ? AND (player IS NULL OR player = ?) ORDER BY id
            """, [.text(name), StoreValue(after), .text(player)]).compactMap { row in
            let r = StoreRowReader(row, columns: Self.injectColumnNames)
            return readable(.inject(gameday: name, id: StoreError.key(r.value("id")))) { () throws(StoreRowReader.Problem) in
                Inject(id: try r.integer("id", Self.injectIDs), player: try r.optionalPlayerName("player"), name: try r.optionalText("name"),
                       text: try r.injectText("text"), createdAt: try r.time("created_at"))
            }
        }
    }

    /// The highest inject number in use (0 for none). Every row's number counts, readable or
    /// not, so the next inject never collides with one; a number out of range cannot be next.
    public func lastInjectID(gameday name: String) throws -> Int {
        try engine.rows("SELECT id FROM injects WHERE gameday = ?", [.text(name)]).compactMap { $0[0].int }.filter(Self.injectIDs.contains).max() ?? 0
    }
}
