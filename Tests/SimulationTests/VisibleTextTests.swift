import Simulation
import Testing

/// One rule for showing text from outside: every control character that could act on a
/// terminal or reorder what a reader sees is replaced by something printable.
struct VisibleTextTests {
    @Test(arguments: [
        ("plain text, café, 漢字, emoji 👩‍💻", "plain text, café, 漢字, emoji 👩‍💻"),
        ("\u{1B}[2J\u{1B}[Hcleared", "␛[2J␛[Hcleared"),
        ("bell\u{07} nul\u{00} del\u{7F}", "bell␇ nul␀ del␡"),
        ("tab\there", "tab␉here"),
        ("fake\r\n[02:47] on-call> ", "fake␍␊[02:47] on-call> "),
        ("c1 csi\u{9B}31m nel\u{85}", "c1 csi⟨U+009B⟩31m nel⟨U+0085⟩"),
        ("bidi \u{202E}gnp.exe\u{202C} \u{2066}x\u{2069}", "bidi ⟨U+202E⟩gnp.exe⟨U+202C⟩ ⟨U+2066⟩x⟨U+2069⟩"),
    ])
    func hiddenCharactersAreShown(_ text: String, _ shown: String) {
        #expect(VisibleText.of(text) == shown)
        // Shown text is printable: a second pass changes nothing.
        #expect(VisibleText.of(shown) == shown)
        #expect(!VisibleText.hasHidden(shown))
    }

    @Test func lineBreaksStayWhereTextIsSeveralLinesByDesign() {
        #expect(VisibleText.of("one\ntwo\u{1B}", keepingNewlines: true) == "one\ntwo␛")
        #expect(VisibleText.of("one\ntwo", keepingNewlines: false) == "one␊two")
    }

    @Test func layoutCountsTheColumnsOfWhatIsPrinted() {
        // Tables pad and cut by displayWidth; a control must count as its stand-in does.
        for text in ["a\u{1B}b", "x\u{9B}y", "\u{202E}abc", "tab\t", "plain"] {
            #expect(text.displayWidth == VisibleText.of(text).displayWidth, "\(VisibleText.of(text))")
        }
    }
}
