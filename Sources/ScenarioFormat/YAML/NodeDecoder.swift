/// Collects diagnostics while typed values are read from a YAML tree, so one pass reports
/// every problem in a file instead of stopping at the first.
public final class NodeDecoder {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String) {
        self.file = file
    }

    public func error(_ problem: FormatProblem, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.error, file: file, at: location, problem))
    }

    public func warning(_ problem: FormatProblem, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, file: file, at: location, problem))
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    /// Opens a mapping against a schema: reports a wrong type, unknown keys (with a
    /// suggestion) and missing required keys. Nil if the node is not a mapping.
    public func fields(_ node: YAMLNode, _ schema: ObjectSchema) -> Fields? {
        guard case .mapping(let entries, let location) = node else {
            error(.wrongType(expected: "a mapping (\(schema.name))", found: node.kindDescription), at: node.location)
            return nil
        }
        let known = Set(schema.keys)
        for entry in entries where !known.contains(entry.key.text) {
            error(.unknownKey(entry.key.text, in: schema.name,
                              suggestion: Suggestion.closest(to: entry.key.text, in: schema.keys)),
                  at: entry.key.location)
        }
        let present = Set(entries.map(\.key.text))
        for field in schema.fields where field.required && !present.contains(field.name) {
            error(.missingKey(field.name, in: schema.name), at: location)
        }
        return Fields(decoder: self, entries: entries, location: location, schema: schema)
    }

    /// Reads each item of a list, dropping (and having reported) the ones that fail.
    public func list<T: NodeDecodable>(_ node: YAMLNode, of type: T.Type = T.self) -> [T]? {
        guard case .sequence(let items, _) = node else {
            if case .scalar(let scalar) = node, scalar.isNull { return [] }
            error(.wrongType(expected: "a list", found: node.kindDescription), at: node.location)
            return nil
        }
        return items.compactMap { T.decode($0, self) }
    }

    /// Reads a mapping with free keys, in the order written.
    public func dictionary<T: NodeDecodable>(_ node: YAMLNode, of type: T.Type = T.self) -> [(key: Located<String>, value: T)]? {
        guard case .mapping(let entries, _) = node else {
            if case .scalar(let scalar) = node, scalar.isNull { return [] }
            error(.wrongType(expected: "a mapping", found: node.kindDescription), at: node.location)
            return nil
        }
        return entries.compactMap { entry in
            T.decode(entry.value, self).map { (Located(entry.key.text, at: entry.key.location), $0) }
        }
    }
}

/// The keys of one mapping, opened against its schema.
public struct Fields {
    public let decoder: NodeDecoder
    public let entries: [YAMLEntry]
    public let location: SourceLocation
    public let schema: ObjectSchema

    public func node(_ key: String) -> YAMLNode? {
        assert(schema.keys.contains(key), "\(key) is not in the schema of \(schema.name)")
        return entries.first { $0.key.text == key }?.value
    }

    public func has(_ key: String) -> Bool { node(key) != nil }

    /// The value, or nil when absent or unreadable (either way already reported if it mattered).
    public func value<T: NodeDecodable>(_ key: String, as type: T.Type = T.self) -> T? {
        guard let node = node(key) else { return nil }
        if case .scalar(let scalar) = node, scalar.isNull, !(T.self is OptionalNullable.Type) {
            if schema.fields.first(where: { $0.name == key })?.required == true {
                decoder.error(.missingKey(key, in: schema.name), at: scalar.location)
            }
            return nil
        }
        let value = T.decode(node, decoder)
        // Identifiers become file names, evidence ids and command arguments: checked here, once, for every key that holds one.
        if let field = schema.fields.first(where: { $0.name == key }) {
            switch (field.type, value) {
            case (.identifier, let text as String):
                Identifier.check(text, at: node.location, decoder)
            case (.list(.identifier), let texts as [String]):
                if case .sequence(let items, _) = node {
                    for (text, item) in zip(texts, items) { Identifier.check(text, at: item.location, decoder) }
                }
            default: break
            }
        }
        return value
    }

    public func value<T: NodeDecodable>(_ key: String, default defaultValue: T) -> T {
        value(key) ?? defaultValue
    }

    public func list<T: NodeDecodable>(_ key: String, of type: T.Type = T.self) -> [T] {
        guard let node = node(key) else { return [] }
        return decoder.list(node, of: T.self) ?? []
    }

    public func dictionary<T: NodeDecodable>(_ key: String, of type: T.Type = T.self) -> [(key: Located<String>, value: T)] {
        guard let node = node(key) else { return [] }
        return decoder.dictionary(node, of: T.self) ?? []
    }

    /// Where a key's value was written, or the mapping itself when the key is absent.
    public func location(of key: String) -> SourceLocation {
        node(key)?.location ?? location
    }

    /// A value together with where it was written, for later cross-reference checks.
    public func located<T: NodeDecodable>(_ key: String, as type: T.Type = T.self) -> Located<T>? {
        guard let node = node(key), let value = value(key, as: T.self) else { return nil }
        return Located(value, at: node.location)
    }
}

/// Marker for types whose `null` is a meaningful value rather than a missing one.
public protocol OptionalNullable {}

/// A value and where it was written, so validation can point at it later.
public struct Located<Value> {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
extension Located: Sendable where Value: Sendable {}

extension Located: NodeDecodable where Value: NodeDecodable {
    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Located<Value>? {
        Value.decode(node, decoder).map { Located($0, at: node.location) }
    }
}
