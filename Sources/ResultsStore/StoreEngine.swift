/// The little a store needs from a database: statements with `?` placeholders, rows back,
/// and a transaction that takes the write lock when it begins (so fifty players finishing
/// at once queue rather than fail).
public protocol StoreEngine: AnyObject {
    /// Where the store is, with any password hidden: safe to print.
    var displayName: String { get }
    /// Which engine, for messages and the migration lock.
    var kind: StoreLocation.Kind { get }
    func execute(_ sql: String, _ arguments: [StoreValue]) throws
    func rows(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow]
    func transaction<T>(_ body: () throws -> T) throws -> T
    /// The names of the tables in the store's database (or schema).
    func tableNames() throws -> Set<String>
    /// Serialises schema changes between processes, inside a transaction.
    func lockForMigration() throws
    func close()
}

extension StoreEngine {
    public func execute(_ sql: String) throws { try execute(sql, []) }
}
