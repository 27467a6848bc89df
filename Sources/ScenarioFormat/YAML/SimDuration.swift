/// A length of simulated time, or an offset from the page (negative is before it), in milliseconds.
/// Written `25m`, `1h30m`, `90s`, `500ms`, `2d`, `-25m`, `+15m` or `0`.
public struct SimDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public static func seconds(_ value: Int64) -> SimDuration { scaled(value, 1000) }
    public static func minutes(_ value: Int64) -> SimDuration { scaled(value, 60_000) }
    public static func hours(_ value: Int64) -> SimDuration { scaled(value, 3_600_000) }
    public static func days(_ value: Int64) -> SimDuration { scaled(value, 86_400_000) }
    public static let zero = SimDuration(milliseconds: 0)
    /// The latest and earliest times there are: arithmetic stops here rather than trapping.
    public static let endOfTime = SimDuration(milliseconds: .max)
    public static let startOfTime = SimDuration(milliseconds: .min)

    public var seconds: Int64 { milliseconds / 1000 }
    public var minutes: Double { Double(milliseconds) / 60_000 }

    // Arithmetic saturates: a journal or file can carry any Int64, and a time past the end of
    // time is still later than every real one, where an overflow would stop the program.
    public static func < (lhs: SimDuration, rhs: SimDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }
    public static func + (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
        let (sum, overflow) = lhs.milliseconds.addingReportingOverflow(rhs.milliseconds)
        return overflow ? (rhs.milliseconds > 0 ? .endOfTime : .startOfTime) : SimDuration(milliseconds: sum)
    }
    public static func - (lhs: SimDuration, rhs: SimDuration) -> SimDuration {
        let (difference, overflow) = lhs.milliseconds.subtractingReportingOverflow(rhs.milliseconds)
        return overflow ? (rhs.milliseconds < 0 ? .endOfTime : .startOfTime) : SimDuration(milliseconds: difference)
    }
    public static prefix func - (value: SimDuration) -> SimDuration { .zero - value }
    public static func += (lhs: inout SimDuration, rhs: SimDuration) { lhs = lhs + rhs }

    private static func scaled(_ value: Int64, _ unit: Int64) -> SimDuration {
        let (product, overflow) = value.multipliedReportingOverflow(by: unit)
        return overflow ? (value > 0 ? .endOfTime : .startOfTime) : SimDuration(milliseconds: product)
    }

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 604_800_000),
    ]

    /// Parses `[+|-]` followed by one or more `<number><unit>` groups, or `0`.
    public static func parse(_ text: String) -> SimDuration? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign: Int64 = 1
        if rest.first == "-" { sign = -1; rest = rest.dropFirst() } else if rest.first == "+" { rest = rest.dropFirst() }
        if rest == "0" { return .zero }
        guard !rest.isEmpty else { return nil }
        var total: Double = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, let number = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let letters = rest.prefix { $0.isLetter }
            guard let unit = units.first(where: { $0.suffix == letters }) else { return nil }
            rest = rest.dropFirst(letters.count)
            total += number * Double(unit.milliseconds)
        }
        guard total < 1e15 else { return nil }
        return SimDuration(milliseconds: sign * Int64(total.rounded()))
    }

    /// The shortest exact spelling: `25m`, `1h30m`, `-3d`, `1.5s` is written `1500ms`.
    public var description: String {
        if milliseconds == 0 { return "0" }
        var rest = milliseconds.magnitude
        var text = milliseconds < 0 ? "-" : ""
        for (suffix, size) in [("d", UInt64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)] where rest >= size {
            text += "\(rest / size)\(suffix)"
            rest %= size
        }
        return text
    }

    /// For a trainee: `8 min`, `1 h 12 min`, `45 s`.
    public var spoken: String {
        let totalSeconds = milliseconds.magnitude / 1000
        let sign = milliseconds < 0 ? "-" : ""
        if totalSeconds < 60 { return "\(sign)\(totalSeconds) s" }
        let minutes = totalSeconds / 60
        if minutes < 60 { return "\(sign)\(minutes) min" }
        if minutes < 48 * 60 { return "\(sign)\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min") }
        return "\(sign)\(minutes / 1440) d" + (minutes % 1440 / 60 == 0 ? "" : " \(minutes % 1440 / 60) h")
    }
}

extension SimDuration: NodeDecodable {
    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> SimDuration? {
        guard case .scalar(let scalar) = node else {
            decoder.error(.wrongType(expected: "a duration such as 25m", found: node.kindDescription), at: node.location)
            return nil
        }
        guard let value = parse(scalar.text) else {
            decoder.error(.invalidValue(scalar.text, expected: "a duration such as 25m, 1h30m, 90s, 500ms, 2d or -25m"), at: scalar.location)
            return nil
        }
        return value
    }
}

import Foundation
