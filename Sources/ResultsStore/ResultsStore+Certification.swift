import Foundation
import Simulation

/// A proctored certification run kept in the proctor's store: the draw, and every journal line
/// the candidate's terminal sent, in the order and at the moment the server received them.
public struct ProctoredRunRecord: Equatable, Sendable {
    public enum State: String, Sendable { case open, signed }

    public struct Pick: Codable, Equatable, Sendable {
        public var id: String
        public var seed: UInt64

        public init(id: String, seed: UInt64) {
            self.id = id
            self.seed = seed
        }
    }

    public var code: String
    public var candidate: String
    public var proctor: String
    public var seed: UInt64
    public var picks: [Pick]
    public var state: State
    public var createdAt: String

    public init(code: String, candidate: String, proctor: String, seed: UInt64, picks: [Pick], state: State = .open, createdAt: String) {
        self.code = code
        self.candidate = candidate
        self.proctor = proctor
        self.seed = seed
        self.picks = picks
        self.state = state
        self.createdAt = createdAt
    }
}

/// One journal line as the proctor's server received it.
public struct ProctoredLine: Equatable, Sendable {
    public var pick: Int
    /// 0 is the header; an entry's line is its sequence number.
    public var line: Int
    public var text: String
    /// The server's clock when the line arrived (UTC, ISO 8601), set by the server.
    public var receivedAt: String
    /// The database role that inserted it, set by the server.
    public var insertedBy: String
}

extension ResultsStore {
    /// A run code: three groups of four characters a person can read aloud without confusion.
    public static func newRunCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<3).map { _ in String((0..<4).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }) }.joined(separator: "-")
    }

    /// Proctored runs need a server that can deny the candidate the right to change a line.
    func requireServer() throws {
        guard engine.kind == .postgres else { throw StoreError.proctoredNeedsServer(engine.displayName) }
    }

    public func createProctoredRun(_ run: ProctoredRunRecord) throws {
        try requireServer()
        let picks = String(decoding: try JSONEncoder().encode(run.picks), as: UTF8.self)
        try engine.transaction {
            try engine.execute("""
                INSERT INTO certification_runs (code, candidate, proctor, seed, picks, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.text(run.code), .text(run.candidate), .text(run.proctor), .text(String(run.seed)), .text(picks), .text(run.state.rawValue),
                      .text(run.createdAt)])
        }
    }

    public func proctoredRun(_ code: String) throws -> ProctoredRunRecord {
        try requireServer()
        guard let row = try engine.rows("SELECT code, candidate, proctor, seed, picks, state, created_at FROM certification_runs WHERE code = ?",
                                        [.text(code)]).first else {
            throw StoreError.unknownRun(code, store: engine.displayName)
        }
        guard let candidate = row[1].string, let proctor = row[2].string, let seed = row[3].string.flatMap(UInt64.init),
              let picksText = row[4].string, let picks = try? StrictJSON.decode([ProctoredRunRecord.Pick].self, from: Data(picksText.utf8)),
              let state = row[5].string.flatMap(ProctoredRunRecord.State.init) else {
            throw StoreError.failed(engine.displayName, reason: "the certification run \(code) is not readable")
        }
        return ProctoredRunRecord(code: code, candidate: candidate, proctor: proctor, seed: seed, picks: picks, state: state, createdAt: row[6].string ?? "")
    }

    public func markSigned(_ code: String) throws {
        try engine.transaction {
            try engine.execute("UPDATE certification_runs SET state = ?, signed_at = ? WHERE code = ?", [.text(ProctoredRunRecord.State.signed.rawValue), .text(Self.now()), .text(code)])
        }
    }

    /// Sends one journal line. Lines are never replaced: sending a line again with the same
    /// text (a retry after a lost answer) is a no-op; with other text it is refused.
    public func appendProctoredLine(run code: String, pick: Int, line: Int, text: String) throws {
        do {
            try engine.execute("INSERT INTO certification_lines (run, pick, line, text) VALUES (?, ?, ?, ?)",
                               [.text(code), StoreValue(pick), StoreValue(line), .text(text)])
        } catch let error as StoreError {
            // The insert may have landed before its answer was lost; the key says so.
            let existing = try? engine.rows("SELECT text FROM certification_lines WHERE run = ? AND pick = ? AND line = ?",
                                            [.text(code), StoreValue(pick), StoreValue(line)]).first?[0].string
            if let existing {
                if existing == text { return }
                throw StoreError.lineTaken(run: code, pick: pick, line: line)
            }
            throw error
        }
    }

    /// Every line of a run, or of one pick, in order.
    public func proctoredLines(run code: String, pick: Int? = nil) throws -> [ProctoredLine] {
        var sql = "SELECT pick, line, text, received_at, inserted_by FROM certification_lines WHERE run = ?"
        var arguments: [StoreValue] = [.text(code)]
        if let pick {
            sql += " AND pick = ?"
            arguments.append(StoreValue(pick))
        }
        return try engine.rows(sql + " ORDER BY pick, line", arguments).map { row in
            ProctoredLine(pick: row[0].int ?? -1, line: row[1].int ?? -1, text: row[2].string ?? "", receivedAt: row[3].string ?? "",
                          insertedBy: row[4].string ?? "")
        }
    }

    /// The roles that wrote lines of this run and could, now, change or delete lines: the
    /// table's owner, a superuser, or any role granted more than inserting. A certificate
    /// is only as good as the rule that the candidate could not rewrite what they sent.
    public func rolesThatCanRewrite(run code: String) throws -> [String] {
        let roles = try engine.rows("SELECT DISTINCT inserted_by FROM certification_lines WHERE run = ? ORDER BY inserted_by", [.text(code)]).compactMap { $0[0].string }
        return try roles.filter { role in
            let rows = try engine.rows("""
                SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?) THEN 1
                            WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = ?) THEN 1
                            WHEN has_table_privilege(?, 'certification_lines', 'UPDATE') THEN 1
                            WHEN has_table_privilege(?, 'certification_lines', 'DELETE') THEN 1
                            WHEN has_table_privilege(?, 'certification_lines', 'TRUNCATE') THEN 1
                            ELSE 0 END
                """, [.text(role), .text(role), .text(role), .text(role), .text(role)])
            return rows.first?[0].int != 0
        }
    }

    /// Grants an existing role what a candidate's terminal needs and nothing more: read the
    /// run and the schema version, read and insert lines (but not their arrival time or
    /// author), never change or delete one.
    public func grantCandidate(role: String) throws {
        try requireServer()
        guard role.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else { throw StoreError.badRoleName(role) }
        guard try !engine.rows("SELECT 1 FROM pg_roles WHERE rolname = ?", [.text(role)]).isEmpty else { throw StoreError.unknownRole(role) }
        try engine.transaction {
            try engine.execute("GRANT USAGE ON SCHEMA \(try currentSchema()) TO \(role)")
            try engine.execute("GRANT SELECT ON nightshift_schema, certification_runs TO \(role)")
            try engine.execute("GRANT SELECT, INSERT (run, pick, line, text) ON certification_lines TO \(role)")
        }
    }

    private func currentSchema() throws -> String {
        let name = try engine.rows("SELECT current_schema()", []).first?[0].string ?? "public"
        guard name.range(of: "^[a-z_][a-z0-9_]*$", options: .regularExpression) != nil else {
            throw StoreError.failed(engine.displayName, reason: "the schema name `\(name)` needs quoting; use a plain schema")
        }
        return name
    }
}
