/// A value bound to or read from either engine. Both schemas use only integers and text, so
/// the same rows mean the same on SQLite and PostgreSQL (booleans are 0/1, times ISO 8601).
public enum StoreValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case text(String)

    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }

    public var int: Int? {
        switch self {
        case .integer(let value): return Int(value)
        case .text(let text): return Int(text)
        case .null: return nil
        }
    }

    public var string: String? {
        switch self {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .null: return nil
        }
    }

    public var bool: Bool { (int ?? 0) != 0 }
}

/// One result row, by column position.
public struct StoreRow: Sendable {
    public var values: [StoreValue]

    public init(_ values: [StoreValue]) { self.values = values }

    public subscript(_ index: Int) -> StoreValue { values.indices.contains(index) ? values[index] : .null }
}
