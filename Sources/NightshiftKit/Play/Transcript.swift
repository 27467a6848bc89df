import Simulation

/// How a session reads on screen and in a pipe: the prompt, the echoed line, the output.
/// The live loop and `replay` both print through it, so a replay matches the live run.
public struct Transcript: Sendable {
    public var printer: ScreenPrinter

    public init(printer: ScreenPrinter) { self.printer = printer }

    /// `[02:47] on-call> `, or the postmortem's prompt while the form is open.
    public static func prompt(for session: Session) -> String {
        let time = session.clock.clock(session.now)
        if case .postmortem = session.pending { return "[\(time)] postmortem> " }
        if session.pending == .confirmQuit { return "[\(time)] leave? (y/n)> " }
        return "[\(time)] on-call> "
    }

    public func opening(_ screen: Screen) -> [StyledText] { printer.render(screen) }

    /// The prompt and the line as typed, for a transcript that was not typed at a terminal
    /// (and for `replay`, from the journal): what was typed is shown, control characters
    /// included, never obeyed.
    public func echo(prompt: String, line: String) -> StyledText { printer.render(Line(prompt + line)) }

    public func output(_ screen: Screen) -> [StyledText] { printer.render(screen) }
}
