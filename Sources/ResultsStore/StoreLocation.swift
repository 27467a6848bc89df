import Foundation

/// Where a results store lives: a SQLite file, or a PostgreSQL database named by URL.
public struct StoreLocation: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case sqlite, postgres }

    public struct Server: Equatable, Sendable {
        public var host: String
        public var port: Int
        public var user: String
        public var password: String?
        public var database: String
        /// `disable` (the default on loopback), `prefer` or `require`.
        public var tls: String
    }

    public var kind: Kind
    /// The text as given (may hold a password: never print it; `description` hides it).
    public var text: String
    public var path: String?
    public var server: Server?

    /// Parses a `--store` value: `postgres://` or `postgresql://` URLs name a server, anything
    /// else is a file path.
    public init(_ text: String) throws {
        self.text = text
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw StoreError.badLocation(text, reason: "it is empty") }
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else {
            guard !trimmed.contains("://") else { throw StoreError.badLocation(text, reason: "only postgres:// URLs and file paths are stores") }
            kind = .sqlite
            path = trimmed
            server = nil
            return
        }
        guard let url = URLComponents(string: trimmed), let host = url.host, !host.isEmpty else {
            throw StoreError.badLocation(Self.redacted(text), reason: "the URL has no host")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw StoreError.badLocation(Self.redacted(text), reason: "the URL names no database after the host") }
        guard let user = url.user, !user.isEmpty else { throw StoreError.badLocation(Self.redacted(text), reason: "the URL names no user") }
        let tls = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "prefer", "require"].contains(tls) else {
            throw StoreError.badLocation(Self.redacted(text), reason: "sslmode must be disable, prefer or require")
        }
        kind = .postgres
        path = nil
        server = Server(host: host, port: url.port ?? 5432, user: user.removingPercentEncoding ?? user,
                        password: url.password.map { $0.removingPercentEncoding ?? $0 }, database: database, tls: tls)
    }

    /// A SQLite file at a path known to be one (never a URL): it cannot fail to parse.
    public init(file path: String) {
        kind = .sqlite
        text = path
        self.path = path
        server = nil
    }

    /// `--store`, else `$NIGHTSHIFT_STORE`, else the given default (a file under the data folder).
    public static func resolve(flag: String?, environment: [String: String], defaultPath: String) throws -> StoreLocation {
        if let flag { return try StoreLocation(flag) }
        if let value = environment["NIGHTSHIFT_STORE"], !value.isEmpty { return try StoreLocation(value) }
        return StoreLocation(file: defaultPath)
    }

    /// Safe to print: a server URL without its password.
    public var description: String {
        switch kind {
        case .sqlite: return path ?? text
        case .postgres: return Self.redacted(text)
        }
    }

    public static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? text
    }
}
