extension String: NodeDecodable {
    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> String? {
        guard case .scalar(let scalar) = node else {
            decoder.error(.wrongType(expected: "a string", found: node.kindDescription), at: node.location)
            return nil
        }
        return scalar.text
    }
}

extension Int: NodeDecodable {
    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Int? {
        guard case .scalar(let scalar) = node else {
            decoder.error(.wrongType(expected: "a whole number", found: node.kindDescription), at: node.location)
            return nil
        }
        let text = scalar.text.replacingOccurrences(of: "_", with: "")
        // Quoted numbers are accepted: `"${param}"` must be quoted inside `{…}`.
        guard let value = Int(text) else {
            decoder.error(.invalidValue(scalar.text, expected: "a whole number"), at: scalar.location)
            return nil
        }
        return value
    }
}

extension Double: NodeDecodable {
    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Double? {
        guard case .scalar(let scalar) = node else {
            decoder.error(.wrongType(expected: "a number", found: node.kindDescription), at: node.location)
            return nil
        }
        let text = scalar.text.replacingOccurrences(of: "_", with: "")
        guard let value = Double(text), value.isFinite else {
            decoder.error(.invalidValue(scalar.text, expected: "a number"), at: scalar.location)
            return nil
        }
        return value
    }
}

extension Bool: NodeDecodable {
    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Bool? {
        guard case .scalar(let scalar) = node else {
            decoder.error(.wrongType(expected: "true or false", found: node.kindDescription), at: node.location)
            return nil
        }
        switch scalar.text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            decoder.error(.invalidValue(scalar.text, expected: "true or false"), at: scalar.location)
            return nil
        }
    }
}

extension Array: NodeDecodable where Element: NodeDecodable {
    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> [Element]? {
        decoder.list(node, of: Element.self)
    }
}

/// A value that may be written as one item or as a list of them (`region: all`, `tenants: [a, b]`).
public struct OneOrMany<Element: NodeDecodable>: NodeDecodable {
    public var items: [Element]

    public init(_ items: [Element]) { self.items = items }

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> OneOrMany? {
        if case .sequence = node {
            guard let items = decoder.list(node, of: Element.self) else { return nil }
            return OneOrMany(items)
        }
        guard let item = Element.decode(node, decoder) else { return nil }
        return OneOrMany([item])
    }
}

extension OneOrMany: Equatable where Element: Equatable {}
extension OneOrMany: Sendable where Element: Sendable {}

/// A percentage, written `3%`, `0.5%`, or as a bare number that means percent.
public struct Percent: NodeDecodable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var value: Double   // 0...100

    public init(_ value: Double) { self.value = value }

    public var fraction: Double { value / 100 }

    public static func < (lhs: Percent, rhs: Percent) -> Bool { lhs.value < rhs.value }

    public var description: String { Self.format(value) + "%" }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    public static func parse(_ text: String) -> Percent? {
        var body = text.trimmingCharacters(in: .whitespaces)
        if body.hasSuffix("%") { body.removeLast() }
        guard let value = Double(body.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        return Percent(value)
    }

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Percent? {
        guard case .scalar(let scalar) = node else {
            decoder.error(.wrongType(expected: "a percentage such as 3%", found: node.kindDescription), at: node.location)
            return nil
        }
        guard let percent = parse(scalar.text) else {
            decoder.error(.invalidValue(scalar.text, expected: "a percentage such as 3% or 0.5%"), at: scalar.location)
            return nil
        }
        guard (0...100).contains(percent.value) else {
            decoder.error(.outOfRange(scalar.text, expected: "0% to 100%"), at: scalar.location)
            return nil
        }
        return percent
    }
}

import Foundation
