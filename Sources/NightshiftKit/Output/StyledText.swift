/// Terminal text that `ScreenPrinter` made: outside text already made visible, then our own
/// styles (ANSI colour) added. Only this module can make one, so `TerminalOutput` can pass it
/// through untouched while every plain `String` it is given is made visible first.
public struct StyledText: Sendable, Equatable {
    public let text: String

    init(_ text: String) { self.text = text }

    /// Home the cursor and clear the screen: a view that redraws in place.
    static let clearScreen = StyledText("\u{1B}[H\u{1B}[2J")

    static func + (lhs: StyledText, rhs: StyledText) -> StyledText { StyledText(lhs.text + rhs.text) }

    /// The lines as one text, each ending in a line break.
    static func joined(_ lines: [StyledText]) -> StyledText { StyledText(lines.map { $0.text + "\n" }.joined()) }
}
