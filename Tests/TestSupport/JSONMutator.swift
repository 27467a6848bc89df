import Foundation

/// Damaged copies of JSON files (journals, one object per line; certificates), for the fuzz
/// tests of their readers: what a crash, a disk or an editor does to a file (a cut, flipped
/// bytes, a lost or repeated line, CRLF) and what only someone hostile does (numbers past
/// every type's range, a key twice, nesting a million deep, bytes that are not UTF-8, two
/// thousand entries claiming a year each). Deterministic: the same seed, the same copies.
public struct JSONMutator {
    public var generator: SeededGenerator

    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    public enum Kind: String, CaseIterable, Sendable {
        case flipBytes, truncate, deleteLine, duplicateLine, swapLines, hugeNumber, duplicateKey, wrongType, deepNesting, hugeString,
             notUTF8, junkLine, manyEntries, crlf, tornTail
    }

    static let numbers = ["1e300", "-1e300", "1e308", "1e400", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                          "-9223372036854775809", "18446744073709551615", "18446744073709551616", "-1", "0", "-0", "1e-300", "0.5", "2147483648",
                          "604800001", "1000000001", "39", "401", "3601"]
    static let values = ["[]", "{}", "null", "\"x\"", "true", "[1,2]", "{\"a\":1}", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\uDFFF\\uD800\""]
    static let junk = ["", " ", "{", "}", "[]", "null", "{}", "{\"type\":\"header\"}", "\u{FEFF}{}", "// comment", "{\"seq\":1}", "\t\r", "\u{0}",
                       #"{"at_ms":0,"seq":1,"type":"end","wall_ms":0,"width":100}"#]

    /// The `index`th damaged copy: each kind once, then one or two at random.
    public mutating func mutate(_ bytes: [UInt8], index: Int) -> (kinds: [Kind], bytes: [UInt8]) {
        var kinds = [index < Kind.allCases.count ? Kind.allCases[index] : generator.pick(Kind.allCases)]
        if index >= Kind.allCases.count, generator.below(3) == 0 { kinds.append(generator.pick(Kind.allCases)) }
        return (kinds, kinds.reduce(bytes) { apply($1, to: $0) })
    }

    public mutating func apply(_ kind: Kind, to bytes: [UInt8]) -> [UInt8] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        func joined() -> [UInt8] { Array(lines.joined(separator: [UInt8(ascii: "\n")])) }
        switch kind {
        case .flipBytes:
            var bytes = bytes
            guard !bytes.isEmpty else { return bytes }
            for _ in 0...generator.below(6) {
                let at = generator.below(bytes.count)
                bytes[at] = generator.below(2) == 0 ? bytes[at] ^ UInt8(1 << generator.below(8)) : UInt8(truncatingIfNeeded: generator.next())
            }
            return bytes
        case .truncate:
            return Array(bytes.prefix(generator.below(bytes.count + 1)))
        case .deleteLine:
            guard !lines.isEmpty else { return bytes }
            lines.remove(at: generator.below(lines.count))
        case .duplicateLine:
            guard !lines.isEmpty else { return bytes }
            let at = generator.below(lines.count)
            lines.insert(lines[at], at: at)
        case .swapLines:
            guard lines.count > 1 else { return bytes }
            lines.swapAt(generator.below(lines.count), generator.below(lines.count))
        case .hugeNumber:
            return replaceToken(in: bytes, number: true, with: Array(generator.pick(Self.numbers).utf8))
        case .duplicateKey:
            // A key already in the object, again, with another value: `{"seq":99,"seq":2,…`.
            guard let at = bytes.indices.filter({ bytes[$0] == UInt8(ascii: "{") }).randomElement(using: &generator),
                  let key = Self.key(after: at, in: bytes) else { return bytes }
            var copy = bytes
            copy.insert(contentsOf: Array("\"\(key)\":\(generator.pick(Self.numbers + Self.values)),".utf8), at: at + 1)
            return copy
        case .wrongType:
            return replaceToken(in: bytes, number: generator.below(2) == 0, with: Array(generator.pick(Self.values).utf8))
        case .deepNesting:
            let depth = generator.pick([100, 511, 512, 513, 100_000, 1_000_000])
            return replaceToken(in: bytes, number: true, with: Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8))
        case .hugeString:
            let text = String(repeating: generator.pick(["a", "é", "\\n", "\\\"", "😀", "\\u0041"]), count: 1000 + generator.below(200_000))
            return replaceToken(in: bytes, number: false, with: Array("\"\(text)\"".utf8))
        case .notUTF8:
            var copy = bytes
            copy.insert(contentsOf: generator.pick([[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]]),
                        at: generator.below(copy.count + 1))
            return copy
        case .junkLine:
            lines.insert(Array(generator.pick(Self.junk).utf8), at: generator.below(lines.count + 1))
        case .manyEntries:
            // Two thousand cheap entries that each claim as much time as they can.
            let first = generator.below(1000)
            let line = generator.pick([
                #"{"at_ms":0,"seq":SEQ,"type":"tick","wall_ms":3155760000000,"width":100}"#,
                #"{"at_ms":0,"seq":SEQ,"text":"wait 1h","type":"command","wall_ms":0,"width":100}"#,
                #"{"at_ms":0,"seq":SEQ,"text":"help","type":"command","wall_ms":9223372036854775807,"width":400}"#,
                #"{"at_ms":0,"seq":SEQ,"from":"f","text":"x","type":"inject","wall_ms":1,"width":40}"#,
            ])
            let end = lines.last?.isEmpty == true ? lines.count - 1 : lines.count
            lines.insert(contentsOf: (0..<2000).map { Array(line.replacingOccurrences(of: "SEQ", with: "\(first + $0)").utf8) }, at: end)
        case .crlf:
            return Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        case .tornTail:
            // A crash in the middle of writing the last line: part of it, no line break.
            guard let last = lines.last(where: { !$0.isEmpty }) else { return bytes }
            return bytes + Array(last.prefix(generator.below(last.count)))
        }
        return joined()
    }

    /// Replaces a random number (or string) token with `replacement`; unchanged if none.
    mutating func replaceToken(in bytes: [UInt8], number: Bool, with replacement: [UInt8]) -> [UInt8] {
        var tokens: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
                if !number, end < bytes.count { tokens.append(index..<end + 1) }
                index = end + 1
            } else if byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var end = index + 1
                while end < bytes.count, Array("0123456789.eE+-".utf8).contains(bytes[end]) { end += 1 }
                if number { tokens.append(index..<end) }
                index = end
            } else {
                index += 1
            }
            if tokens.count > 4000 { break }
        }
        guard let range = tokens.randomElement(using: &generator) else { return bytes }
        var copy = bytes
        copy.replaceSubrange(range, with: replacement)
        return copy
    }

    /// The first key of the object opening at `brace`, if it has one.
    static func key(after brace: Int, in bytes: [UInt8]) -> String? {
        var index = brace + 1
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        guard let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "\"")), close - index < 200 else { return nil }
        return String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
    }
}
