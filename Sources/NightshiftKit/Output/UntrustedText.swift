import Simulation

/// Text that came from a file nobody vouches for, placed inside one of our sentences: shown
/// through `VisibleText` (the one rule for control characters) and cut to a length, so a
/// crafted value can neither move the cursor nor pass for a line of ours.
enum UntrustedText {
    /// In backticks, as a value the sentence quotes.
    static func quoted(_ text: String, limit: Int = 80) -> String { "`" + plain(text, limit: limit) + "`" }

    /// As it is, for a name within a sentence.
    static func plain(_ text: String, limit: Int = 120) -> String {
        let shown = VisibleText.of(text)
        return shown.count > limit ? String(shown.prefix(limit)) + "…" : shown
    }
}
