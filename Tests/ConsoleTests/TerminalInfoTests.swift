import Console
import Testing

@Suite("TerminalInfo")
struct TerminalInfoTests {
    func info(
        stdout: Bool = true, window: Int? = 80, _ environment: [String: String] = ["TERM": "xterm-256color"]
    ) -> TerminalInfo {
        TerminalInfo.resolve(
            stdinIsTerminal: true, stdoutIsTerminal: stdout, windowColumns: window, environment: environment)
    }

    @Test func colourOnATerminal() {
        #expect(info().colourEnabled)
        #expect(info(["TERM": "xterm", "NO_COLOR": ""]).colourEnabled, "an empty NO_COLOR does not count")
        #expect(info([:]).colourEnabled)
    }

    @Test func colourOff() {
        #expect(!info(["TERM": "xterm", "NO_COLOR": "1"]).colourEnabled)
        #expect(!info(["TERM": "xterm", "NO_COLOR": "anything"]).colourEnabled)
        #expect(!info(["TERM": "dumb"]).colourEnabled)
        #expect(!info(stdout: false).colourEnabled, "not a terminal")
        #expect(!info(stdout: false, ["TERM": "xterm"]).colourEnabled)
    }

    @Test(arguments: [
        (80 as Int?, [:], 80),
        (200, ["COLUMNS": "90"], 200),  // the window wins over $COLUMNS
        (nil, ["COLUMNS": "132"], 132),
        (nil, ["COLUMNS": " 72 "], 72),
        (nil, ["COLUMNS": "wide"], 100),
        (nil, ["COLUMNS": "0"], 100),
        (nil, [:], 100),
        (20, [:], 40),  // clamped
        (nil, ["COLUMNS": "10"], 40),
        (0, ["COLUMNS": "60"], 60),  // a pty that reports 0 columns
    ] as [(Int?, [String: String], Int)])
    func columns(window: Int?, environment: [String: String], expected: Int) {
        #expect(info(stdout: window != nil, window: window, environment).columns == expected)
    }

    @Test func currentReadsThisProcess() {
        // Under `swift test` stdin and stdout may or may not be terminals; the rules still hold.
        let current = TerminalInfo.current(environment: ["NO_COLOR": "1"])
        #expect(!current.colourEnabled)
        #expect(current.columns >= 40)
    }

    @Test func widthIsAlwaysUsable() {
        #expect(TerminalWidth.shared.columns >= 40)
    }
}
