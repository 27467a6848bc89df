/// Text that came from a file or a store nobody vouches for, made safe to print: quoted, cut
/// to a length, with every control character written as an escape (`\u{1B}`), so a crafted
/// value can neither move the cursor nor pass for a line of ours.
enum UntrustedText {
    static func quoted(_ text: String, limit: Int = 80) -> String {
        "`" + escaped(text, limit: limit, alsoEscaping: "`") + "`"
    }

    /// The text as it is, but with control characters escaped; for names within a sentence.
    static func plain(_ text: String, limit: Int = 120) -> String { escaped(text, limit: limit, alsoEscaping: nil) }

    private static func escaped(_ text: String, limit: Int, alsoEscaping extra: Unicode.Scalar?) -> String {
        let cut = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return cut.unicodeScalars.map { scalar in
            let value = scalar.value
            let control = value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            return control || scalar == extra ? "\\u{\(String(value, radix: 16, uppercase: true))}" : String(scalar)
        }.joined()
    }
}
