@preconcurrency import Glibc

/// What the terminal can do, read once at start and on SIGWINCH.
public struct TerminalInfo: Sendable, Equatable {
    public var stdinIsTerminal: Bool
    public var stdoutIsTerminal: Bool
    /// The window width (TIOCGWINSZ), else `$COLUMNS`, else 100; never below 40.
    public var columns: Int
    /// True when stdout is a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`.
    public var colourEnabled: Bool

    /// The narrowest width output is laid out for, however small the window.
    public static let minimumColumns = 40
    /// The width used when nothing says otherwise (not a terminal, no `$COLUMNS`).
    public static let defaultColumns = 100

    /// Reads the real file descriptors 0 and 1 and the window size.
    public static func current(environment: [String: String]) -> TerminalInfo {
        resolve(
            stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
            windowColumns: windowColumns(),
            environment: environment)
    }

    /// The rules alone, for any combination of facts.
    /// - Parameter windowColumns: the width the terminal reports, or nil when there is none.
    public static func resolve(
        stdinIsTerminal: Bool, stdoutIsTerminal: Bool, windowColumns: Int?, environment: [String: String]
    ) -> TerminalInfo {
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return TerminalInfo(
            stdinIsTerminal: stdinIsTerminal,
            stdoutIsTerminal: stdoutIsTerminal,
            columns: columns(windowColumns: windowColumns, environment: environment),
            colourEnabled: stdoutIsTerminal && !noColour && !dumb)
    }

    static func columns(windowColumns: Int?, environment: [String: String]) -> Int {
        let chosen: Int
        if let windowColumns, windowColumns > 0 {
            chosen = windowColumns
        } else if let text = environment["COLUMNS"], let value = Int(text.trimmingSpaces), value > 0 {
            chosen = value
        } else {
            chosen = defaultColumns
        }
        return max(minimumColumns, chosen)
    }

    /// The width of the terminal on stdout, else on stdin (output piped through `tee`), else nil.
    static func windowColumns() -> Int? {
        for fd in [STDOUT_FILENO, STDIN_FILENO] {
            var size = winsize()
            if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
                return Int(size.ws_col)
            }
        }
        return nil
    }
}

extension String {
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}
