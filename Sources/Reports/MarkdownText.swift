import Simulation

/// Text from outside (a player's name, a status update, an inject, a title from a shared
/// store, a command line from a journal) put into Markdown so that it reads as exactly that
/// text and nothing else: no raw HTML (`<script>`, `<img onerror=…>`), no links of any
/// scheme (`[x](javascript:…)`, `<data:…>`), no emphasis, heading, list or table cell of its
/// own, and no control characters (made visible by `VisibleText`, as on a terminal).
///
/// CommonMark lets any ASCII punctuation be escaped with a backslash, and an escaped
/// character is always shown as itself, so escaping every character that can open
/// structure is enough: with `[`, `]`, `<` and `>` escaped, no link or tag can start. An
/// entity reference (`&#91;`) cannot stand in for structure either, but `&` is escaped too,
/// so `&lt;` in an update reads as `&lt;`.
enum MarkdownText {
    /// Characters escaped wherever they are: each can open inline structure (code, emphasis,
    /// strikethrough, links, images, autolinks, raw HTML, entities, math) or end a table cell.
    static let inlineSpecials: Set<Character> = ["\\", "`", "*", "_", "~", "[", "]", "<", ">", "&", "|", "!", "$", "#"]

    /// Inline text, one line: a line break becomes a space (a table row or a list item is one
    /// line), other controls are made visible, and structure cannot start.
    static func literal(_ text: String) -> String {
        let oneLine = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        var out = ""
        for character in VisibleText.of(oneLine) {
            if inlineSpecials.contains(character) { out.append("\\") }
            out.append(character)
        }
        return escapingBlockStart(out)
    }

    /// Inside a code span (between single backticks), where nothing is interpreted: only a
    /// backtick could end the span and a pipe the table cell.
    static func code(_ text: String) -> String {
        VisibleText.of(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text written as Markdown for people (a pack's debrief, a grade's sentences, which
    /// quote names in code spans): its paragraphs and code spans are kept as written; outside
    /// code spans `<`, `[`, `]` and `\` are escaped, so no raw HTML, autolink or link can
    /// start (a pack may come from anywhere: `--pack`); controls are made visible.
    static func authored(_ text: String) -> String {
        // Line by line: a code span that ran on past a line break could hide a line that
        // starts raw HTML (an HTML block may interrupt a paragraph); cut at the break, both
        // halves are shown literally instead.
        VisibleText.of(text, keepingNewlines: true).split(separator: "\n", omittingEmptySubsequences: false).map { escapedOutsideCodeSpans(String($0)) }
            .joined(separator: "\n")
    }

    static func escapedOutsideCodeSpans(_ line: String) -> String {
        let characters = Array(line)
        /// The length of the run of backticks at `index`.
        func run(at index: Int) -> Int { characters[index...].prefix { $0 == "`" }.count }
        var out = "", index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "`" {
                // As CommonMark has it: a run of n backticks opens a code span closed by the next
                // run of exactly n; with none, the run is literal text.
                let length = run(at: index)
                var close = index + length
                while close < characters.count, !(characters[close] == "`" && run(at: close) == length) {
                    close += characters[close] == "`" ? run(at: close) : 1
                }
                if close < characters.count {
                    out += String(characters[index..<(close + length)])
                    index = close + length
                } else {
                    out += String(repeating: "\\`", count: length)
                    index += length
                }
                continue
            }
            if "<[]\\".contains(character) { out += "\\" }
            out.append(character)
            index += 1
        }
        return out
    }

    /// `authored` text in one line, for a table cell or a list item: line breaks become
    /// spaces, pipes cannot end the cell, and the line cannot start a block of its own.
    static func authoredLine(_ text: String) -> String {
        let oneLine = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        return escapingBlockStart(authored(oneLine).replacingOccurrences(of: "|", with: "\\|"))
    }

    /// A line that would start a block of its own (a heading, a list item, a setext
    /// underline, an ordered list) starts with that character escaped instead.
    static func escapingBlockStart(_ line: String) -> String {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        guard let first = rest.first else { return line }
        if "-+=".contains(first) { return indent + "\\" + rest }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = rest.dropFirst(digits.count).first, after == "." || after == ")" {
            return indent + digits + "\\" + rest.dropFirst(digits.count)
        }
        return line
    }
}
