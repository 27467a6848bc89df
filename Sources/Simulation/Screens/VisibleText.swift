/// Text from outside the program (a results store, a journal, a pack, a command line) made
/// safe to print: every character that could act on a terminal, a viewer or a reader's eye
/// instead of being read is replaced by a visible stand-in, so it is shown, never obeyed.
///
/// - C0 controls (U+0000–U+001F) become their Unicode control pictures: ESC is `␛`, tab
///   `␉`, carriage return `␍`, line feed `␊` (U+2400 plus the code).
/// - DEL (U+007F) becomes `␡`.
/// - C1 controls (U+0080–U+009F, which some terminals obey: U+009B is CSI) and the
///   bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, which
///   reorder what a reader sees) have no pictures; they become their code point, `⟨U+009B⟩`.
///
/// A line feed is kept only where the caller says the text is several lines by design.
/// Every screen, report and listing prints outside text through this one function, so the
/// rule cannot differ between them; the stand-ins are themselves printable, so applying it
/// twice changes nothing.
public enum VisibleText {
    /// `text` with every hidden character replaced by its visible stand-in.
    public static func of(_ text: String, keepingNewlines: Bool = false) -> String {
        // Almost all text needs nothing: scan before building anything.
        guard hasHidden(text, keepingNewlines: keepingNewlines) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let standIn = standIn(for: scalar, keepingNewlines: keepingNewlines) {
                out.append(contentsOf: standIn.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// How `scalar` is shown, or nil when it may be printed as it is.
    public static func standIn(for scalar: Unicode.Scalar, keepingNewlines: Bool = false) -> String? {
        let value = scalar.value
        switch value {
        case 0x0A where keepingNewlines: return nil
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + value)!)
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: return codePoint(value)
        default: return nil
        }
    }

    /// True when `text` holds a character that `of` would replace.
    public static func hasHidden(_ text: String, keepingNewlines: Bool = false) -> Bool {
        text.unicodeScalars.contains { standIn(for: $0, keepingNewlines: keepingNewlines) != nil }
    }

    /// Columns the stand-in for `scalar` takes, or nil when it has none.
    static func standInWidth(_ value: UInt32) -> Int? {
        switch value {
        case 0x00...0x1F, 0x7F: return 1
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: return 8
        default: return nil
        }
    }

    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "⟨U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "⟩"
    }
}
