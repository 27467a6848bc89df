@testable import Console
import Testing

@Suite("LineEditor prompt")
struct LineEditorPromptTests {
    @Test(arguments: [
        ("plain> ", "plain> "),
        ("\u{1B}[1mbold\u{1B}[0m> ", "\u{01}\u{1B}[1m\u{02}bold\u{01}\u{1B}[0m\u{02}> "),
        ("\u{01}\u{1B}[1m\u{02}marked> ", "\u{01}\u{1B}[1m\u{02}marked> "),  // already marked: left alone
        ("\u{1B}=x", "\u{01}\u{1B}=\u{02}x"),
    ])
    func escapesAreMarkedInvisible(prompt: String, expected: String) {
        #expect(LineEditor.markInvisible(prompt) == expected)
    }
}
