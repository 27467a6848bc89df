/// What one call to `LineEditor.readLine` produced.
public enum LineInput: Equatable, Sendable {
    /// The user pressed Enter; the text without the newline.
    case line(String)
    /// The user pressed Ctrl-C; whatever was typed has been discarded.
    case interrupted
    /// The user pressed Ctrl-D on an empty line, or the terminal went away.
    case endOfInput
}
