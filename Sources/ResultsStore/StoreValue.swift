/// A value bound to or read from either engine. Both schemas use only integers and text, so
/// the same rows mean the same on SQLite and PostgreSQL (booleans are 0/1, times ISO 8601).
/// A real number is never written, but SQLite keeps one that a row written by something else
/// put in an integer column, so it can be read back (and refused) instead of trapping.
public enum StoreValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }

    /// The value as a whole number: an integer, or a real that is exactly one; nil otherwise
    /// (text, NULL, a fraction, or a real outside the integers).
    public var int: Int? {
        switch self {
        case .integer(let value): return Int(exactly: value)
        case .real(let value): return Int(exactly: value)
        case .text, .null: return nil
        }
    }

    /// Text as stored; an integer in a text column (which neither engine keeps) as its digits.
    public var string: String? {
        switch self {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .real, .null: return nil
        }
    }
}

/// One result row, by column position.
public struct StoreRow: Sendable {
    public var values: [StoreValue]

    public init(_ values: [StoreValue]) { self.values = values }

    public subscript(_ index: Int) -> StoreValue { values.indices.contains(index) ? values[index] : .null }
}
