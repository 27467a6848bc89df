import Simulation

/// Writes to the terminal or pipe, flushing each time so a transcript is never half-printed.
///
/// The one door to standard output and standard error: a plain `String` (a message that
/// names a player, a game day, a file; a line typed into a pipe) has its control characters
/// made visible by `VisibleText` (line breaks kept: a message may be several lines), so text
/// from a store, a journal or a pack can never drive the terminal. `StyledText` from
/// `ScreenPrinter` is already visible and carries our own colours, so it goes as it is.
public struct TerminalOutput: Sendable {
    public init() {}

    public func line(_ text: String) { write(text + "\n") }
    public func lines(_ texts: [String]) { if !texts.isEmpty { write(texts.joined(separator: "\n") + "\n") } }
    public func write(_ text: String) { StandardStreams.writeOutput(VisibleText.of(text, keepingNewlines: true)) }

    public func line(_ styled: StyledText) { write(styled + StyledText("\n")) }
    public func lines(_ styled: [StyledText]) { if !styled.isEmpty { write(StyledText.joined(styled)) } }
    public func write(_ styled: StyledText) { StandardStreams.writeOutput(styled.text) }

    public func error(_ text: String) { StandardStreams.writeError(VisibleText.of(text, keepingNewlines: true) + "\n") }
}
