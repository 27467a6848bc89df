import Foundation
import Testing
@testable import ResultsStore

/// Fresh stores for tests: a new SQLite file, or a new database on the PostgreSQL server
/// that `NIGHTSHIFT_TEST_POSTGRES` names (`.ci/postgres` starts one on loopback). On CI the
/// server is required, so the PostgreSQL half can never be skipped there unnoticed.
public enum TestStores {
    public static var postgresURL: String? {
        let value = ProcessInfo.processInfo.environment["NIGHTSHIFT_TEST_POSTGRES"] ?? ""
        return value.isEmpty ? nil : value
    }

    /// The engines to run each test on.
    public static var engines: [StoreLocation.Kind] {
        if postgresURL == nil, ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("CI must test the PostgreSQL store: set NIGHTSHIFT_TEST_POSTGRES (bash .ci/postgres prints it)")
        }
        return postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nightshift-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A location nobody has used: a file path that does not exist yet, or a new database.
    public static func fresh(_ kind: StoreLocation.Kind) throws -> StoreLocation {
        switch kind {
        case .sqlite:
            return try StoreLocation(try folder().appendingPathComponent("results.sqlite").path)
        case .postgres:
            let admin = try StoreLocation(try #require(postgresURL))
            let name = "nightshift_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let engine = try PostgresEngine(location: admin)
            defer { engine.close() }
            try engine.execute("CREATE DATABASE \(name)")
            var url = try #require(URLComponents(string: admin.text))
            url.path = "/" + name
            return try StoreLocation(try #require(url.string))
        }
    }

    /// A new login role on the test server, and `location` as that role would name it.
    public static func role(in location: StoreLocation) throws -> (name: String, location: StoreLocation) {
        let admin = try StoreLocation(try #require(postgresURL))
        let name = "nightshift_r_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let password = UUID().uuidString
        let engine = try PostgresEngine(location: admin)
        defer { engine.close() }
        try engine.execute("CREATE ROLE \(name) LOGIN PASSWORD '\(password)'")
        var url = try #require(URLComponents(string: location.text))
        url.user = name
        url.password = password
        return (name, try StoreLocation(try #require(url.string)))
    }

    /// Runs one statement on a store as its URL's role (to show what that role may not do).
    public static func execute(_ sql: String, at location: StoreLocation) throws {
        let engine = try PostgresEngine(location: location)
        defer { engine.close() }
        try engine.execute(sql)
    }
}

extension TestStores {
    /// Runs SQL straight against a store, as a hand at the database prompt or another program
    /// could: nothing checks what it writes.
    public static func execute(_ location: StoreLocation, _ sql: String, _ arguments: [StoreValue] = []) throws {
        let engine: any StoreEngine = location.kind == .sqlite
            ? try SQLiteEngine(path: try #require(location.path), create: false) : try PostgresEngine(location: location)
        defer { engine.close() }
        try engine.execute(sql, arguments)
    }

    /// Sets one column of the rows `filter` matches (`column = ?`, then the filter's arguments).
    public static func corrupt(_ location: StoreLocation, table: String, column: String, to value: StoreValue,
                               where filter: String, _ arguments: [StoreValue]) throws {
        try execute(location, "UPDATE \(table) SET \(column) = ? WHERE \(filter)", [value] + arguments)
    }
}
