import Foundation
import Logging
import PostgresNIO

/// The server engine: a PostgreSQL database for game days whose players sit at separate
/// machines. One connection per process, opened on first use and reopened after a failure,
/// so a server that went away mid-session is simply tried again later.
final class PostgresEngine: StoreEngine {
    let server: StoreLocation.Server
    let displayName: String
    var kind: StoreLocation.Kind { .postgres }
    private var connection: PostgresConnection?
    private var inTransaction = false
    private static let logger = Logger(label: "nightshift.results", factory: { _ in SwiftLogNoOpLogHandler() })
    private static let ids = IDCounter()

    /// Connects now, so a refused connection is reported before anything else happens.
    init(location: StoreLocation) throws {
        guard let server = location.server else { throw StoreError.badLocation(location.description, reason: "no server") }
        self.server = server
        self.displayName = location.description
        _ = try connected()
    }

    private final class IDCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        func take() -> Int { lock.withLock { next += 1; return next } }
    }

    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        var configuration = PostgresConnection.Configuration(host: server.host, port: server.port, username: server.user,
                                                            password: server.password, database: server.database, tls: .disable)
        do {
            switch server.tls {
            case "require": configuration.tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "prefer": configuration.tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: break
            }
        } catch {
            throw StoreError.unreachable(displayName, reason: "cannot set up TLS: \(error)")
        }
        configuration.options.connectTimeout = .seconds(5)
        do {
            let made = try PostgresConnection.connect(on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration,
                                                      id: Self.ids.take(), logger: Self.logger).wait()
            connection = made
            return made
        } catch {
            throw StoreError.unreachable(displayName, reason: Self.reason(error))
        }
    }

    /// The server's own words when it sent some; else the network's, in plain words rather
    /// than the client library's type names.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return plain("\(error)") }
        if let message = error.serverInfo?[.message] { return message }
        switch error.code {
        case .sslUnsupported: return "the server does not offer TLS (the URL asks for sslmode=require)"
        case .authMechanismRequiresPassword: return "the server wants a password (put it in the URL: postgres://USER:PASSWORD@…)"
        case .unsupportedAuthMechanism: return "the server asks for an authentication method this client does not speak"
        case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
        default: return plain(error.underlying.map { "\($0)" } ?? "\(error.code)")
        }
    }

    static func plain(_ text: String) -> String {
        let lower = text.lowercased()
        if lower.contains("refused") { return "connection refused (is the server running, and listening on that host and port?)" }
        if lower.contains("timeout") || lower.contains("timed out") { return "the connection timed out" }
        if lower.contains("unknown host") || lower.contains("nodename") || lower.contains("name or service") { return "the host name does not resolve" }
        if lower.contains("unreachable") { return "the network is unreachable" }
        return text
    }

    /// `?` placeholders become `$1`, `$2`…: the statements are shared with SQLite and
    /// hold no literal question marks.
    static func numbered(_ sql: String) -> String {
        var result = "", index = 0
        for character in sql {
            if character == "?" {
                index += 1
                result += "$\(index)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func bindings(_ values: [StoreValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let int): bindings.append(int)
            case .real(let double): bindings.append(double)
            case .text(let text): bindings.append(text)
            }
        }
        return bindings
    }

    static func value(_ cell: PostgresCell) throws -> StoreValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int8: return .integer(try cell.decode(Int64.self))
        case .int4: return .integer(Int64(try cell.decode(Int32.self)))
        case .int2: return .integer(Int64(try cell.decode(Int16.self)))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        default: return .text(try cell.decode(String.self))
        }
    }

    func rows(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        let connection = try connected()
        let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: Self.bindings(arguments))
        do {
            // The future API, waited on: the CLI is synchronous, and blocking a thread of Swift's
            // cooperative pool on async work (as tests run us) can starve the pool.
            return try connection.query(query, logger: Self.logger).wait().rows.map { row in StoreRow(try row.map(Self.value)) }
        } catch {
            // A broken connection is dropped so the next statement reconnects.
            if connection.isClosed || (error as? PSQLError)?.serverInfo == nil {
                self.connection = nil
                throw StoreError.unreachable(displayName, reason: Self.reason(error))
            }
            throw StoreError.failed(displayName, reason: Self.reason(error))
        }
    }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws {
        _ = try rows(sql, arguments)
    }

    func transaction<T>(_ body: () throws -> T) throws -> T {
        if inTransaction { return try body() }
        try execute("BEGIN")
        inTransaction = true
        defer { inTransaction = false }
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func tableNames() throws -> Set<String> {
        Set(try rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", []).compactMap { $0[0].string })
    }

    /// Two processes creating the schema at once would collide; a transaction-scoped
    /// advisory lock makes the second wait and then find the work done.
    func lockForMigration() throws {
        try execute("SELECT pg_advisory_xact_lock(7460110)")
    }

    func close() {
        guard let connection else { return }
        self.connection = nil
        try? connection.close().wait()
    }

    deinit { close() }
}
