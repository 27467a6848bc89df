/// The results schema: one list of migrations, the same statements on both engines (only
/// integer and text columns, ISO 8601 times, JSON in text), applied in order and recorded
/// in `nightshift_schema`. A store says its version by the highest migration applied.
public enum StoreSchema {
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        public var statements: [String]
        /// Run after `statements` on PostgreSQL only: what SQLite cannot express or enforce
        /// (server-side defaults a client cannot override).
        public var postgres: [String]
        /// Row changes SQL cannot say the same way on both engines, run after the statements
        /// in the same transaction.
        var rows: (@Sendable (any StoreEngine) throws -> Void)?

        init(version: Int, name: String, statements: [String], postgres: [String] = [], rows: (@Sendable (any StoreEngine) throws -> Void)? = nil) {
            self.version = version
            self.name = name
            self.statements = statements
            self.postgres = postgres
            self.rows = rows
        }
    }

    public static let migrations: [Migration] = [
        Migration(version: 1, name: "history and game days", statements: [
            """
            CREATE TABLE nightshift_schema (
                version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE gamedays (
                name TEXT PRIMARY KEY, scenarios TEXT NOT NULL, seed TEXT NOT NULL, state TEXT NOT NULL,
                created_at TEXT NOT NULL, state_changed_at TEXT NOT NULL)
            """,
            // The token proves a name belongs to the terminal that joined with it.
            """
            CREATE TABLE players (
                gameday TEXT NOT NULL, player TEXT NOT NULL, token TEXT NOT NULL, joined_at TEXT NOT NULL,
                PRIMARY KEY (gameday, player))
            """,
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY, gameday TEXT, player TEXT NOT NULL, scenario TEXT NOT NULL, codename TEXT NOT NULL,
                title TEXT NOT NULL, surface TEXT NOT NULL, seed TEXT NOT NULL, mode TEXT NOT NULL, state TEXT NOT NULL,
                started_at TEXT NOT NULL, updated_at TEXT NOT NULL, finished_at TEXT,
                sim_seconds BIGINT NOT NULL, declared TEXT, evidence_seen BIGINT NOT NULL, commands BIGINT NOT NULL,
                score BIGINT, passed BIGINT, time_to_surface_seconds BIGINT, found_with_evidence BIGINT NOT NULL,
                mitigated BIGINT NOT NULL, wrong_surfaces TEXT NOT NULL, harmful TEXT NOT NULL, lessons TEXT NOT NULL,
                grade_json TEXT, journal TEXT)
            """,
            "CREATE INDEX sessions_by_gameday ON sessions (gameday, player)",
            "CREATE INDEX sessions_by_start ON sessions (started_at)",
        ]),
        Migration(version: 2, name: "facilitator injects", statements: [
            """
            CREATE TABLE injects (
                gameday TEXT NOT NULL, id BIGINT NOT NULL, player TEXT, name TEXT, text TEXT NOT NULL, created_at TEXT NOT NULL,
                PRIMARY KEY (gameday, id))
            """,
        ]),
        // Anyone who can read the store could read a token and play under another's name; the
        // hash proves a claim without giving it away (a token is a random UUID, so it cannot
        // be guessed back from its hash). Existing tokens are hashed in place, so every
        // player who joined before keeps their name.
        Migration(version: 3, name: "player tokens kept as hashes", statements: [
            "ALTER TABLE players RENAME COLUMN token TO token_sha256",
        ], rows: { engine in
            for row in try engine.rows("SELECT gameday, player, token_sha256 FROM players", []) {
                guard let token = row[2].string else { continue }
                try engine.execute("UPDATE players SET token_sha256 = ? WHERE gameday = ? AND player = ?",
                                   [.text(PlayerToken.digest(token)), row[0], row[1]])
            }
        }),
        // Proctored certification: the candidate's terminal inserts journal lines; the server
        // stamps when each arrived and who sent it, and only the proctor may change anything.
        Migration(version: 4, name: "proctored certification", statements: [
            """
            CREATE TABLE certification_runs (
                code TEXT PRIMARY KEY, candidate TEXT NOT NULL, proctor TEXT NOT NULL, seed TEXT NOT NULL, picks TEXT NOT NULL,
                state TEXT NOT NULL, created_at TEXT NOT NULL, signed_at TEXT)
            """,
            """
            CREATE TABLE certification_lines (
                run TEXT NOT NULL, pick BIGINT NOT NULL, line BIGINT NOT NULL, text TEXT NOT NULL, received_at TEXT, inserted_by TEXT,
                PRIMARY KEY (run, pick, line))
            """,
        ], postgres: [
            """
            ALTER TABLE certification_lines ALTER COLUMN received_at
                SET DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            """,
            "ALTER TABLE certification_lines ALTER COLUMN inserted_by SET DEFAULT current_user",
            "ALTER TABLE certification_lines ALTER COLUMN received_at SET NOT NULL",
            "ALTER TABLE certification_lines ALTER COLUMN inserted_by SET NOT NULL",
        ]),
    ]

    public static var currentVersion: Int { migrations.map(\.version).max() ?? 0 }
}
