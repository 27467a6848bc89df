import Console
import Testing

@Suite("ANSI")
struct ANSITests {
    let segments: [(text: String, styles: [ANSIStyle])] = [
        (text: "p95 ", styles: [.bold]),
        (text: "4.2s", styles: [.red, .bold]),
        (text: " (baseline 1.1s)", styles: [.dim]),
        (text: " ok", styles: []),
    ]

    @Test func colourOffIsPlainText() {
        let plain = ANSI.render(segments, colour: false)
        #expect(plain == "p95 4.2s (baseline 1.1s) ok")
        #expect(!plain.utf8.contains(0x1B))
    }

    @Test func everyStyleWithColourOffHasNoEscapes() {
        for style in ANSIStyle.allCases {
            #expect(ANSI.render("x", style, colour: false) == "x")
        }
    }

    @Test func colourOn() {
        #expect(ANSI.render(segments, colour: true)
            == "\u{1B}[1mp95 \u{1B}[0m\u{1B}[31;1m4.2s\u{1B}[0m\u{1B}[2m (baseline 1.1s)\u{1B}[0m ok")
        #expect(ANSI.render("plain", .plain, colour: true) == "plain")
    }

    @Test func controlCharactersInTextAreShownNotObeyed() {
        // A line break would start a line of its own (a forged row); bidi overrides reorder text.
        let hostile = "évil\u{1B}[2J\u{07}\u{9B}31m end\n\tnext\u{202E}txt"
        for colour in [false, true] {
            let rendered = ANSI.render(hostile, .red, colour: colour)
            #expect(rendered.contains("évil␛[2J␇⟨U+009B⟩31m end␊␉next⟨U+202E⟩txt"))
            #expect(rendered.utf8.filter { $0 == 0x1B }.count == (colour ? 2 : 0))
        }
    }

    @Test func strippedAndWidth() {
        let coloured = ANSI.render(segments, colour: true)
        #expect(ANSI.stripped(coloured) == "p95 4.2s (baseline 1.1s) ok")
        #expect(ANSI.visibleWidth(coloured) == 27)
        #expect(ANSI.stripped("a\u{1B}]0;title\u{07}b") == "ab")
    }
}
