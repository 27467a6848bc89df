import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The embedded engine: one SQLite file in WAL mode, for a trainee's history and for game
/// days whose players share a host. Writers wait on each other (busy timeout) instead of
/// failing, and every write transaction is IMMEDIATE so two writers never deadlock.
final class SQLiteEngine: StoreEngine {
    let path: String
    private let queue: DatabaseQueue
    /// The connection inside a running transaction: GRDB's queue is not reentrant.
    private var current: Database?

    var displayName: String { path }
    var kind: StoreLocation.Kind { .sqlite }

    /// Opens the file without changing it: the journal mode is switched to WAL only once the
    /// caller knows the file is a store (`enableWAL`), so a foreign file is never written.
    /// A new file is made before SQLite opens it, so its permissions are ours to choose
    /// (SQLite gives its -wal and -shm files the same): a trainee's history is theirs alone;
    /// a shared store is writable by whoever the umask allows (a group, on a shared host).
    init(path: String, create: Bool, privateFile: Bool = false) throws {
        self.path = path
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if isFolder.boolValue { throw StoreError.notAStore(path, reason: "it is a folder") }
        if !exists {
            guard create else { throw StoreError.missing(path) }
            let folder = (path as NSString).deletingLastPathComponent
            do {
                if !folder.isEmpty {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                            attributes: privateFile ? [.posixPermissions: 0o700] : nil)
                }
                let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, privateFile ? 0o600 : 0o666)
                guard descriptor >= 0 else { throw StoreError.unreachable(path, reason: String(cString: strerror(errno))) }
                Glibc.close(descriptor)
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError.unreachable(path, reason: "cannot create its folder: \(error.localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.journalMode = .default
        configuration.label = "nightshift-results"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            // Reading the schema is what tells a non-database file apart.
            _ = try queue.inDatabase { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    static func translate(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notAStore(path, reason: "it is not a SQLite database")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH: return .unreachable(path, reason: error.message ?? "\(error.resultCode)")
        default: return .failed(path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    func enableWAL() throws {
        try withDatabase { db in
            // WAL lets the board read while players write; NORMAL sync is durable in WAL.
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            if mode?.lowercased() != "wal" { throw StoreError.failed(path, reason: "cannot switch to WAL (journal mode \(mode ?? "?"))") }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
    }

    private func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            if let current { return try body(current) }
            return try queue.inDatabase(body)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws {
        try withDatabase { db in try db.execute(sql: sql, arguments: Self.arguments(arguments)) }
    }

    func rows(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        try withDatabase { db in
            try Row.fetchAll(db, sql: sql, arguments: Self.arguments(arguments)).map { row in
                StoreRow(row.databaseValues.map { value in
                    switch value.storage {
                    case .null: return .null
                    case .int64(let int): return .integer(int)
                    case .double(let double): return .real(double)
                    case .string(let text): return .text(text)
                    case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
                    }
                })
            }
        }
    }

    func transaction<T>(_ body: () throws -> T) throws -> T {
        if current != nil { return try body() }
        return try withDatabase { db in
            var result: T?
            try db.inTransaction(.immediate) {
                current = db
                defer { current = nil }
                result = try body()
                return .commit
            }
            return result!
        }
    }

    func tableNames() throws -> Set<String> {
        Set(try rows("SELECT name FROM sqlite_master WHERE type = 'table'", []).compactMap { $0[0].string })
    }

    /// An IMMEDIATE transaction already holds SQLite's one write lock.
    func lockForMigration() throws {}

    func close() { try? queue.close() }

    static func arguments(_ values: [StoreValue]) -> StatementArguments {
        StatementArguments(values.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .null: return nil
            case .integer(let int): return int
            case .real(let double): return double
            case .text(let text): return text
            }
        })
    }
}
