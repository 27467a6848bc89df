import ScenarioFormat

/// Broken copies of a pack file for the loader fuzz tests: the mistakes an author makes
/// (a deleted key, a list where a number belongs, a duplicated key, a file cut short) and
/// the ones only a hostile or damaged file makes (flipped bytes, nesting thousands deep,
/// values near the limits of every number type, alias bombs). Deterministic: the same
/// seed gives the same copies on every run and machine, so a failure can be replayed.
public struct FileMutator {
    public var generator: SeededGenerator

    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    /// The kinds of damage, one per mutation, so a failure message can say which it was.
    public enum Kind: String, CaseIterable, Sendable {
        case deleteKey, deleteBlock, swapType, truncate, deepFlow, deepBlock, hugeValue, duplicateKey, flipBytes, junkLine, aliasBomb, crlf
    }

    /// Values at and past the limits of what each key takes.
    static let hugeValues: [String] = [
        "1e308", "-1e308", "1e309", "99999999999999999999999999", "9223372036854775807", "-9223372036854775808", "-1", "0", "-0",
        ".nan", ".inf", "-.inf", "-5m", "-99999999999d", "9999999999999999999h", "1e15ms", "0.0000001s", "100000%", "-3%", "NaN%",
        "\"\"", "~", "''", "\"\\u0000\"", "\"\\uD800\"", "\"${nope}\"", "\"${\"", "😀😀😀", "\"\u{202E}evil\"", "!!binary aGVsbG8=", "!!int x",
    ]

    /// The `index`th damaged copy of `text` and what was done: each kind of damage once,
    /// then one or two kinds at random (two, such as CRLF line ends and deep nesting, find
    /// what neither finds alone).
    public mutating func mutate(_ text: String, index: Int) -> (kinds: [Kind], text: String) {
        var kinds = [index < Kind.allCases.count ? Kind.allCases[index] : generator.pick(Kind.allCases)]
        if index >= Kind.allCases.count, generator.below(3) == 0 { kinds.append(generator.pick(Kind.allCases)) }
        return (kinds, kinds.reduce(text) { apply($1, to: $0) })
    }

    public mutating func apply(_ kind: Kind, to text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let keyLines = lines.indices.filter { Self.key(in: lines[$0]) != nil }
        switch kind {
        case .deleteKey:
            guard let at = keyLines.randomElement(using: &generator) else { return text }
            lines.remove(at: at)
        case .deleteBlock:
            guard let at = keyLines.randomElement(using: &generator) else { return text }
            lines.removeSubrange(at..<Self.blockEnd(lines, from: at))
        case .swapType:
            guard let at = keyLines.randomElement(using: &generator), let key = Self.key(in: lines[at]) else { return text }
            let replacement = generator.pick(["[1, two, {three: 3}]", "{a: 1, b: [2]}", "42", "\"text\"", "", "[]", "{}", "true", "-", "\n\(key.indent)  - x\n\(key.indent)  - y",
                                              "\n\(key.indent)  k: v", "|\n\(key.indent)  block text"])
            lines.replaceSubrange(at..<Self.blockEnd(lines, from: at), with: ["\(key.prefix)\(key.name): \(replacement)"])
        case .truncate:
            let bytes = Array(text.utf8)
            return String(decoding: bytes.prefix(generator.below(bytes.count + 1)), as: UTF8.self)
        case .deepFlow:
            let depth = generator.pick([20, 63, 64, 65, 200, 5000, 100_000])
            let open = generator.pick(["[", "{a: ", "[{b: "])
            let close = open == "[" ? "]" : (open == "{a: " ? "}" : "}]")
            let value = String(repeating: open, count: depth) + "x" + String(repeating: close, count: generator.below(2) == 0 ? depth : depth / 2)
            return replaceValue(in: lines, keyLines: keyLines, with: value) ?? text
        case .deepBlock:
            let depth = generator.pick([63, 64, 65, 300, 20_000, 400_000])
            // Block collections start on the line after their key, indented under it.
            let indent = "\n" + String(repeating: " ", count: 2 + generator.below(4))
            let value: String
            switch generator.below(3) {
            case 0: value = indent + String(repeating: "- ", count: depth) + "x"           // sequences on one line
            case 1: value = indent + String(repeating: "? ", count: min(depth, 2000)) + "x" // complex keys
            default: value = (0..<min(depth, 1500)).map { "\n" + String(repeating: " ", count: $0 + 2) + "k\($0):" }.joined() + " x"
            }
            return replaceValue(in: lines, keyLines: keyLines, with: value) ?? text
        case .hugeValue:
            let value = generator.below(4) == 0 ? String(repeating: generator.pick(["a", "é", "${x}", "9"]), count: 1000 + generator.below(200_000)) : generator.pick(Self.hugeValues)
            return replaceValue(in: lines, keyLines: keyLines, with: value) ?? text
        case .duplicateKey:
            guard let at = keyLines.randomElement(using: &generator) else { return text }
            let end = Self.blockEnd(lines, from: at)
            lines.insert(contentsOf: lines[at..<end].map { $0.replacingOccurrences(of: "- ", with: "  ") }, at: end)
        case .flipBytes:
            var bytes = Array(text.utf8)
            guard !bytes.isEmpty else { return text }
            for _ in 0...generator.below(8) {
                let at = generator.below(bytes.count)
                bytes[at] = generator.below(2) == 0 ? bytes[at] ^ UInt8(1 << generator.below(8)) : UInt8(truncatingIfNeeded: generator.next())
            }
            return String(decoding: bytes, as: UTF8.self)
        case .junkLine:
            let junk = generator.pick(["\t\tkey: value", ":", "- - -", "&anchor", "*missing", "!!tag", "%YAML 1.1", "---", "...", "{", "]", "\"", "'", "? x", "<<: *x",
                                       "key: [unclosed", "@", "`", "| ", "> ", "\u{FEFF}", "\u{0}", "\u{85}", "\u{2028}"])
            lines.insert(String(repeating: " ", count: generator.below(8)) + junk, at: generator.below(lines.count + 1))
        case .aliasBomb:
            // Nine levels of ten aliases each expand to 10^9 nodes if followed naively.
            var bomb = ["bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
            for level in 1..<9 { bomb.append("bomb\(level): &b\(level) [" + Array(repeating: "*b\(level - 1)", count: 10).joined(separator: ", ") + "]") }
            lines.insert(contentsOf: bomb, at: Self.firstTopLevelKey(lines) ?? 0)
        case .crlf:
            return generator.below(2) == 0 ? text.replacingOccurrences(of: "\n", with: "\r\n") : text.replacingOccurrences(of: "\n", with: "\r")
        }
        return lines.joined(separator: "\n")
    }

    /// Replaces a random key's value (and the block under it) with `value`.
    mutating func replaceValue(in lines: [String], keyLines: [Int], with value: String) -> String? {
        guard let at = keyLines.randomElement(using: &generator), let key = Self.key(in: lines[at]) else { return nil }
        var lines = lines
        lines.replaceSubrange(at..<Self.blockEnd(lines, from: at), with: ["\(key.prefix)\(key.name): \(value)"])
        return lines.joined(separator: "\n")
    }

    /// `key:` at the start of a line (after indentation and an optional `- `).
    static func key(in line: String) -> (indent: String, prefix: String, name: String)? {
        let indent = String(line.prefix { $0 == " " })
        var rest = line.dropFirst(indent.count)
        var prefix = indent
        if rest.hasPrefix("- ") { rest = rest.dropFirst(2); prefix += "- " }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
        guard !name.isEmpty, rest.dropFirst(name.count).hasPrefix(":") else { return nil }
        return (indent, prefix, String(name))
    }

    /// The line after the block that starts at `start`: following lines indented deeper (or blank).
    static func blockEnd(_ lines: [String], from start: Int) -> Int {
        let indent = lines[start].prefix { $0 == " " }.count + (lines[start].dropFirst(lines[start].prefix { $0 == " " }.count).hasPrefix("- ") ? 2 : 0)
        var end = start + 1
        while end < lines.count {
            let line = lines[end]
            let blank = line.allSatisfy { $0 == " " }
            if !blank, line.prefix(while: { $0 == " " }).count <= indent { break }
            end += 1
        }
        return end
    }

    static func firstTopLevelKey(_ lines: [String]) -> Int? {
        lines.firstIndex { key(in: $0).map { $0.indent.isEmpty && $0.prefix.isEmpty } ?? false }
    }
}

extension FileMutator {
    /// Where a diagnostic may point in `text`: lines as YAML counts them (`\r\n`, `\r`, `\n`,
    /// NEL, LS and PS all end a line), each with its length in Unicode scalars.
    public static func lineLengths(of text: String) -> [Int] {
        var lengths: [Int] = [], current = 0
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r":
                break // the second half of a CRLF
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                lengths.append(current)
                current = 0
            default:
                current += 1
            }
            previous = scalar
        }
        lengths.append(current)
        return lengths
    }

    /// Why `diagnostic` is not a well-located error in `file`, or nil when it is one.
    public static func misplaced(_ diagnostic: Diagnostic, file: String, lines: [Int]) -> String? {
        let printed = diagnostic.description
        guard printed.hasPrefix("\(file):\(diagnostic.location.line):\(diagnostic.location.column): \(diagnostic.severity.rawValue): ") else {
            return "not in the form path:line:column: severity: message"
        }
        guard diagnostic.file == file else { return "names \(diagnostic.file), not \(file)" }
        guard !diagnostic.message.isEmpty else { return "has no message" }
        let line = diagnostic.location.line, column = diagnostic.location.column
        guard line >= 1, line <= lines.count + 1 else { return "line \(line) is outside 1...\(lines.count + 1)" }
        // Column 1 always exists (an empty line, or the end of the file); otherwise within the line, or just past its end.
        let width = line <= lines.count ? lines[line - 1] : 0
        guard column >= 1, column <= width + 1 else { return "column \(column) is outside 1...\(width + 1) on line \(line)" }
        return nil
    }
}
