import Foundation

/// One reading of every JSON file we read. Foundation's decoders take one of two duplicate
/// keys silently, and Python's takes the other, so a file with `"score": 40, "score": 90`
/// says different things to different tools. `check` refuses that, at any depth, and
/// refuses anything that is not JSON (RFC 8259: UTF-8, no comments, no trailing commas,
/// no lone surrogates), saying where. One pass, no recursion: hostile nesting costs a
/// counter, not the stack.
public enum StrictJSON {
    /// Objects and arrays nest at most this deep: more than any file we write, and what
    /// Foundation's own decoder refuses beyond.
    public static let depthLimit = 512

    /// What is wrong and where: 1-based line and column (in Unicode scalars, as editors
    /// count), and the 0-based byte offset.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public enum Kind: Equatable, Sendable {
            case duplicateKey(String)
            case unexpected(found: String, expected: String)
            case unexpectedEnd(expected: String)
            case invalidEscape
            case loneSurrogate
            case controlCharacter
            case invalidUTF8
            case invalidNumber
            case nestedTooDeep(limit: Int)
        }

        public var kind: Kind
        public var line: Int
        public var column: Int
        public var offset: Int

        public init(_ kind: Kind, line: Int, column: Int, offset: Int) {
            self.kind = kind
            self.line = line
            self.column = column
            self.offset = offset
        }

        /// The problem alone, without its place: `duplicate key `seq``.
        public var message: String {
            switch kind {
            case .duplicateKey(let key):
                let shown = key.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(key.unicodeScalars.prefix(40))) + "…" : key
                return "duplicate key `\(shown.debugDescription.dropFirst().dropLast())`; each key may appear once in an object"
            case .unexpected(let found, let expected): return "found \(found) where \(expected) belongs"
            case .unexpectedEnd(let expected): return "the text ends where \(expected) belongs"
            case .invalidEscape: return "a `\\` escape that JSON does not have"
            case .loneSurrogate: return "a `\\u` escape of half a UTF-16 surrogate pair"
            case .controlCharacter: return "a control character inside a string; write it as a `\\u` escape"
            case .invalidUTF8: return "bytes that are not UTF-8"
            case .invalidNumber: return "a number JSON does not allow"
            case .nestedTooDeep(let limit): return "objects and arrays nested deeper than \(limit)"
            }
        }

        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// Throws the first problem in `bytes`, or returns when they are one JSON value whose
    /// objects have no duplicate keys.
    public static func check(_ bytes: some Collection<UInt8>) throws(Problem) {
        func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> Problem? {
            var scanner = Scanner(bytes: buffer)
            return scanner.run()
        }
        let outcome: Problem?? = bytes.withContiguousStorageIfAvailable(scan)
        if let found = outcome ?? Array(bytes).withUnsafeBufferPointer(scan) { throw found }
    }

    /// `check`, then Foundation's decoder: a value only from a file that has one reading.
    /// Throws a `Problem`, or the decoder's `DecodingError`.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, using decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try check(data)
        return try decoder.decode(type, from: data)
    }

    /// The scanner: a loop over bytes with an explicit stack of open containers, each object
    /// with the set of keys it has so far (compared as Swift strings, so keys Foundation
    /// would take for one, such as `é` written two ways, count as the same).
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var line = 1
        var lineStart = 0
        /// Open containers, innermost last: nil for an array, the keys so far for an object.
        var open: [Set<String>?] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func problem(_ kind: Problem.Kind, at offset: Int? = nil) -> Problem {
            let at = offset ?? index
            // Columns count Unicode scalars: every byte but UTF-8 continuation bytes.
            var column = 1
            var cursor = lineStart
            while cursor < at, cursor < bytes.count {
                if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
                cursor += 1
            }
            return Problem(kind, line: line, column: column, offset: at)
        }

        func describe(_ byte: UInt8) -> String {
            switch byte {
            case 0x20...0x7E: return "`\(Character(Unicode.Scalar(byte)))`"
            default: return "byte 0x" + String(byte, radix: 16, uppercase: true)
            }
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    line += 1
                    lineStart = index
                default: return
                }
            }
        }

        mutating func run() -> Problem? {
            skipSpace()
            var expectingValue = true
            while true {
                if expectingValue {
                    guard index < bytes.count else { return problem(.unexpectedEnd(expected: "a value")) }
                    switch bytes[index] {
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        guard open.count < StrictJSON.depthLimit else { return problem(.nestedTooDeep(limit: StrictJSON.depthLimit)) }
                        let isObject = bytes[index] == UInt8(ascii: "{")
                        index += 1
                        skipSpace()
                        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                        if index < bytes.count, bytes[index] == close {
                            index += 1
                            expectingValue = false
                        } else {
                            open.append(isObject ? [] : nil)
                            if isObject, let failure = key() { return failure }
                        }
                        continue
                    case UInt8(ascii: "\""):
                        if let failure = string(keeping: false).problem { return failure }
                    case UInt8(ascii: "t"): if let failure = literal("true") { return failure }
                    case UInt8(ascii: "f"): if let failure = literal("false") { return failure }
                    case UInt8(ascii: "n"): if let failure = literal("null") { return failure }
                    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        if let failure = number() { return failure }
                    default:
                        return problem(.unexpected(found: describe(bytes[index]), expected: "a value"))
                    }
                    expectingValue = false
                }
                // After a value: the end, a comma, or the close of its container.
                skipSpace()
                guard let container = open.last else {
                    return index == bytes.count ? nil : problem(.unexpected(found: describe(bytes[index]), expected: "the end of the text"))
                }
                let isObject = container != nil
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let expected = isObject ? "`,` or `}`" : "`,` or `]`"
                guard index < bytes.count else { return problem(.unexpectedEnd(expected: expected)) }
                switch bytes[index] {
                case UInt8(ascii: ","):
                    index += 1
                    skipSpace()
                    if isObject, let failure = key() { return failure }
                    expectingValue = true
                case close:
                    index += 1
                    open.removeLast()
                default:
                    return problem(.unexpected(found: describe(bytes[index]), expected: expected))
                }
            }
        }

        /// A member's key and its colon, recorded in the innermost object; the value follows.
        mutating func key() -> Problem? {
            guard index < bytes.count else { return problem(.unexpectedEnd(expected: "a key in quotes")) }
            guard bytes[index] == UInt8(ascii: "\"") else { return problem(.unexpected(found: describe(bytes[index]), expected: "a key in quotes")) }
            let start = index
            let (key, failure) = string(keeping: true)
            if let failure { return failure }
            let inserted = open[open.count - 1]!.insert(key ?? "").inserted
            guard inserted else { return problem(.duplicateKey(key ?? ""), at: start) }
            skipSpace()
            guard index < bytes.count else { return problem(.unexpectedEnd(expected: "`:`")) }
            guard bytes[index] == UInt8(ascii: ":") else { return problem(.unexpected(found: describe(bytes[index]), expected: "`:`")) }
            index += 1
            skipSpace()
            return nil
        }

        /// A string from its opening quote; its decoded text when `keeping` (keys only).
        mutating func string(keeping: Bool) -> (String?, problem: Problem?) {
            index += 1
            let start = index
            var decoded: [UInt8]? = nil
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    defer { index += 1 }
                    guard keeping else { return (nil, nil) }
                    if let decoded { return (String(decoding: decoded, as: UTF8.self), nil) }
                    return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self), nil)
                case UInt8(ascii: "\\"):
                    if keeping, decoded == nil { decoded = Array(bytes[start..<index]) }
                    guard index + 1 < bytes.count else { return (nil, problem(.unexpectedEnd(expected: "the rest of an escape"))) }
                    let escaped = bytes[index + 1]
                    var scalar: UInt32
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalar = UInt32(escaped)
                    case UInt8(ascii: "b"): scalar = 0x08
                    case UInt8(ascii: "f"): scalar = 0x0C
                    case UInt8(ascii: "n"): scalar = 0x0A
                    case UInt8(ascii: "r"): scalar = 0x0D
                    case UInt8(ascii: "t"): scalar = 0x09
                    case UInt8(ascii: "u"):
                        guard let high = hex(at: index + 2) else { return (nil, problem(.invalidEscape)) }
                        scalar = high
                        if (0xDC00...0xDFFF).contains(high) { return (nil, problem(.loneSurrogate)) }
                        if (0xD800...0xDBFF).contains(high) {
                            guard index + 12 <= bytes.count, bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
                                  let low = hex(at: index + 8), (0xDC00...0xDFFF).contains(low) else { return (nil, problem(.loneSurrogate)) }
                            scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                            index += 6
                        }
                        index += 4
                    default:
                        return (nil, problem(.invalidEscape))
                    }
                    index += 2
                    if keeping, let value = Unicode.Scalar(scalar) { decoded?.append(contentsOf: Array(String(Character(value)).utf8)) }
                case 0x00..<0x20:
                    return (nil, problem(.controlCharacter))
                case 0x80...:
                    let end = utf8Sequence(at: index)
                    guard end > index else { return (nil, problem(.invalidUTF8)) }
                    if keeping { decoded?.append(contentsOf: bytes[index..<end]) }
                    index = end
                default:
                    if keeping { decoded?.append(byte) }
                    index += 1
                }
            }
            return (nil, problem(.unexpectedEnd(expected: "the closing `\"` of a string")))
        }

        /// Four hex digits at `offset`, if they are there.
        func hex(at offset: Int) -> UInt32? {
            guard offset + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[offset..<offset + 4] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }

        /// The end of the well-formed UTF-8 sequence starting at `start` (a byte of 0x80 or
        /// more), or `start` when it is not one: no overlong forms, surrogates or values past
        /// U+10FFFF (the table in Unicode's chapter 3, D92).
        func utf8Sequence(at start: Int) -> Int {
            let lead = bytes[start]
            let count: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: count = 2
            case 0xE0: count = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: count = 3
            case 0xED: count = 3; secondRange = 0x80...0x9F
            case 0xF0: count = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: count = 4
            case 0xF4: count = 4; secondRange = 0x80...0x8F
            default: return start
            }
            guard start + count <= bytes.count, secondRange.contains(bytes[start + 1]) else { return start }
            for offset in 2..<count where bytes[start + offset] & 0xC0 != 0x80 { return start }
            return start + count
        }

        mutating func literal(_ word: String) -> Problem? {
            let expected = Array(word.utf8)
            for (offset, byte) in expected.enumerated() {
                guard index + offset < bytes.count else { return problem(.unexpectedEnd(expected: "`\(word)`")) }
                guard bytes[index + offset] == byte else {
                    return problem(.unexpected(found: describe(bytes[index + offset]), expected: "`\(word)`"), at: index + offset)
                }
            }
            index += expected.count
            return nil
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func number() -> Problem? {
            func digits() -> Int {
                let start = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - start
            }
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count else { return problem(.invalidNumber, at: start) }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
            } else if digits() == 0 {
                return problem(.invalidNumber, at: start)
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return problem(.invalidNumber, at: start) }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return problem(.invalidNumber, at: start) }
            }
            // `01` or `1x`: a number runs into something that is neither space nor punctuation.
            if index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { return problem(.invalidNumber, at: start) }
            return nil
        }
    }
}
