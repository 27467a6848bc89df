@preconcurrency import CReadline
@preconcurrency import Glibc

/// GNU readline behind a small Swift API. One per process.
///
/// Uses readline's callback interface so the program can print notifications while
/// a line is half typed. Owns SIGINT (Ctrl-C cancels the line, never the process),
/// SIGWINCH, and restores the terminal on SIGTERM, SIGHUP, SIGQUIT and Ctrl-Z.
/// Not thread-safe: call it from one thread. Use it only when stdin is a terminal
/// (`TerminalInfo.stdinIsTerminal`); otherwise read with `PlainLineReader`, since
/// readline would echo the prompt and the input into stdout.
public final class LineEditor {
    /// Where history is kept between sessions, if anywhere.
    public let historyFile: String?
    /// How many lines history keeps, in memory and in the file.
    public let historyLimit: Int
    /// The last problem reading or writing the history file, for the program to mention once.
    public private(set) var historyProblem: String?

    /// Candidates for the word being completed: called with the whole line and the
    /// [start, end) UTF-8 offsets of the word under the cursor (end is the cursor).
    /// Return full words; those that do not start with the word are dropped, and
    /// with one left readline inserts it and a space (none after a word ending in `=`,
    /// which the next completion carries on from).
    public var completer: (@Sendable (_ line: String, _ wordStart: Int, _ wordEnd: Int) -> [String])? {
        get { ReadlineBridge.completer }
        set { ReadlineBridge.completer = newValue }
    }

    /// Characters that separate words for completion. Default: space, tab, newline, quotes and `=`
    /// (so `--where service=ap<Tab>` completes the value).
    public var wordBreakCharacters: String = " \t\n\"'=" {
        didSet { Self.setWordBreakCharacters(wordBreakCharacters) }
    }

    /// Readline's idea of the terminal width (follows SIGWINCH).
    public var readlineColumns: Int {
        if !reading { catchUpWithResize() }
        var rows: Int32 = 0
        var columns: Int32 = 0
        rl_get_screen_size(&rows, &columns)
        return Int(columns)
    }

    private var reading = false
    private var appendsSinceTruncate = 0
    private var lastResizeGeneration = 0

    nonisolated(unsafe) private static var created = false
    nonisolated(unsafe) private static var wordBreakStorage: UnsafeMutablePointer<CChar>?

    public init(historyFile: String?, historyLimit: Int = 2000, applicationName: String = "nightshift") {
        precondition(!Self.created, "LineEditor: readline's state is process-wide, so create only one")
        Self.created = true
        self.historyFile = historyFile
        self.historyLimit = max(historyLimit, 0)

        // Before readline first initialises (and reads the inputrc), so `$if nightshift` matches.
        rl_readline_name = UnsafePointer(strdup(applicationName))
        // Readline's own handlers would end the process on Ctrl-C; ours report it instead.
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        // Otherwise readline exports LINES and COLUMNS, and $COLUMNS stops meaning what the user set.
        rl_change_environment = 0
        rl_attempted_completion_function = { ReadlineBridge.attemptedCompletion($0, $1, $2) }
        Self.setWordBreakCharacters(wordBreakCharacters)

        SignalRelay.installInterruptHandler()
        SignalRelay.installTerminalGuards()
        TerminalWidth.shared.start(environment: nil)
        lastResizeGeneration = SignalRelay.shared.pointee.resizeGeneration

        using_history()
        stifle_history(Int32(clamping: self.historyLimit))
        if let historyFile {
            let status = read_history(historyFile)
            if status != 0, status != ENOENT {
                historyProblem = "cannot read history from \(historyFile): \(Self.describe(status))"
            }
            _ = history_truncate_file(historyFile, Int32(clamping: self.historyLimit))
        }
    }

    /// Reads one line. While the user is typing (and idle), calls `poll` roughly every
    /// 200 ms on the calling thread; any lines it returns are printed above the prompt
    /// without garbling what is being typed, then the prompt and the partial line are redrawn.
    /// Ctrl-C clears the current line and returns `.interrupted` (never kills the process);
    /// Ctrl-D on an empty line returns `.endOfInput`.
    ///
    /// Escape sequences in `prompt` are marked invisible to readline automatically, so
    /// a coloured prompt does not confuse line wrapping.
    public func readLine(prompt: String, poll: () -> [String]) -> LineInput {
        precondition(!reading, "LineEditor.readLine is not re-entrant")
        // Ctrl-C pressed while the program was busy has done its job (it did not kill us);
        // it must not cancel a line that has not been typed yet.
        _ = SignalRelay.drainEvents()
        catchUpWithResize()
        fflush(stdout)

        ReadlineBridge.finished = nil
        _ = tcgetattr(STDIN_FILENO, &SignalRelay.shared.pointee.originalMode)
        rl_callback_handler_install(Self.markInvisible(prompt)) { ReadlineBridge.lineHandler($0) }
        let bracketedPaste = rl_variable_value("enable-bracketed-paste").map { String(cString: $0) } == "on"
        SignalRelay.shared.pointee.bracketedPaste = bracketedPaste ? 1 : 0
        SignalRelay.shared.pointee.terminalPrepared = 1
        reading = true
        defer {
            reading = false
            SignalRelay.shared.pointee.terminalPrepared = 0
            rl_callback_handler_remove()  // harmless if the line handler already did
            fflush(stdout)
        }

        let clock = ContinuousClock()
        let interval = Duration.milliseconds(200)
        var nextPoll = clock.now  // at once: what is waiting shows above the fresh prompt
        let eventFD = SignalRelay.shared.pointee.pipeRead

        while true {
            if let finished = ReadlineBridge.finished {
                if finished == .endOfInput { rl_crlf() }  // readline leaves the cursor after the prompt
                return finished
            }
            let now = clock.now
            if now >= nextPoll {
                let lines = poll()
                if !lines.isEmpty { printAbove(lines) }
                nextPoll = now + interval
                continue
            }
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: eventFD, events: Int16(POLLIN), revents: 0),
            ]
            let milliseconds = ((nextPoll - now) / .milliseconds(1)).rounded(.up)
            let ready = Glibc.poll(&fds, nfds_t(fds.count), Int32(milliseconds))
            if ready < 0 {
                if errno == EINTR { continue }
                return .endOfInput
            }
            if fds[1].revents & Int16(POLLIN) != 0 {
                for event in SignalRelay.drainEvents() {
                    switch event {
                    case .interrupt:
                        cancelLine()
                        return .interrupted
                    case .resize:
                        lastResizeGeneration = SignalRelay.shared.pointee.resizeGeneration
                        rl_resize_terminal()
                    case .continued:
                        // After `fg` the shell has left the cursor at column 0; if the stop
                        // never happened (an orphaned process group), "\r" redraws in place.
                        fputs("\r", stdout)
                        rl_forced_update_display()
                    }
                }
                fflush(stdout)
            }
            let input = fds[0].revents
            if input & Int16(POLLIN) != 0 {
                rl_callback_read_char()
                fflush(stdout)
            } else if input & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                // The terminal is gone and nothing is left to read.
                rl_crlf()
                return .endOfInput
            }
        }
    }

    /// Prints text above the prompt at any time (for use between prompts too).
    /// While a line is being edited, the prompt and the partial line (cursor included)
    /// are redrawn below the text.
    public func printAbove(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        let text = lines.map { $0 + "\n" }.joined()
        if reading {
            rl_clear_visible_line()
            fputs(text, stdout)
            rl_forced_update_display()
        } else {
            fputs(text, stdout)
        }
        fflush(stdout)
    }

    /// Replaces the prompt of the line being read (call it from `poll`), for a prompt that
    /// shows something that moved, such as a clock. Shown at the next redraw (`printAbove` redraws).
    /// Ignored between prompts, and while readline shows a message of its own in the
    /// prompt's place (Ctrl-R search, a numeric argument), which puts back the old prompt when it ends.
    public func setPrompt(_ prompt: String) {
        guard reading, rl_display_prompt == rl_prompt else { return }
        rl_set_prompt(Self.markInvisible(prompt))
    }

    /// Adds a non-empty line to in-memory history and appends it to the history file
    /// right away (a crash loses nothing). Blank lines and a repeat of the previous
    /// line are not added; newlines become spaces.
    public func addHistory(_ line: String) {
        let line = String(line.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        guard line.contains(where: { !$0.isWhitespace }) else { return }
        if history_length > 0, let last = history_get(history_base + history_length - 1),
            let text = last.pointee.line, String(cString: text) == line
        {
            return
        }
        add_history(line)
        guard let historyFile else { return }
        let status = appendToHistoryFile(historyFile)
        if status != 0 {
            historyProblem = "cannot write history to \(historyFile): \(Self.describe(status))"
            return
        }
        // Appending grows the file; trim it back now and then rather than on every line.
        appendsSinceTruncate += 1
        if appendsSinceTruncate >= max(historyLimit, 1) {
            appendsSinceTruncate = 0
            _ = history_truncate_file(historyFile, Int32(clamping: historyLimit))
        }
    }

    /// True if Ctrl-C was pressed since the last prompt or the last call, so a long
    /// command can stop early. Ctrl-C at the prompt is reported by `readLine` instead.
    public func takeInterrupt() -> Bool {
        SignalRelay.drainEvents().contains(.interrupt)
    }

    // MARK: - Private

    /// A resize between prompts (or just as a line was accepted) was not seen by
    /// readline: have it measure again, without redrawing anything.
    private func catchUpWithResize() {
        let generation = SignalRelay.shared.pointee.resizeGeneration
        guard generation != lastResizeGeneration else { return }
        lastResizeGeneration = generation
        rl_reset_screen_size()
    }

    /// Ctrl-C: show `^C` after the text, forget the line and any half-finished
    /// search, completion or argument, and leave the cursor on a fresh line.
    private func cancelLine() {
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_point = rl_end
        rl_redisplay()
        rl_echo_signal_char(SIGINT)
        rl_replace_line("", 0)
        rl_crlf()
        fflush(stdout)
    }

    private func appendToHistoryFile(_ path: String) -> Int32 {
        // append_history does not create the file.
        if access(path, F_OK) != 0 {
            Self.makeParentDirectories(of: path)
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return errno }
            close(fd)
        }
        return append_history(1, path)
    }

    private static func makeParentDirectories(of path: String) {
        var prefix = ""
        let components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (index, component) in components.enumerated() {
            prefix += (index == 0 ? "" : "/") + component
            if !prefix.isEmpty { mkdir(prefix, 0o700) }
        }
    }

    private static func describe(_ status: Int32) -> String {
        String(cString: strerror(status))
    }

    private static func setWordBreakCharacters(_ characters: String) {
        let old = wordBreakStorage
        wordBreakStorage = strdup(characters)
        rl_completer_word_break_characters = UnsafePointer(wordBreakStorage)
        free(old)
    }

    /// Wraps escape sequences in \001 and \002 so readline does not count them as columns.
    static func markInvisible(_ prompt: String) -> String {
        guard prompt.contains("\u{1B}"), !prompt.contains("\u{01}") else { return prompt }
        var out = ""
        var scalars = prompt.unicodeScalars[...]
        while let first = scalars.first {
            if first == "\u{1B}" {
                var sequence = String(scalars.removeFirst())
                if scalars.first == "[" {
                    sequence.unicodeScalars.append(scalars.removeFirst())
                    while let next = scalars.first {
                        sequence.unicodeScalars.append(scalars.removeFirst())
                        if (0x40...0x7E).contains(next.value) { break }
                    }
                } else if let next = scalars.first {
                    sequence.unicodeScalars.append(next)
                    scalars.removeFirst()
                }
                out += "\u{01}" + sequence + "\u{02}"
            } else {
                out.unicodeScalars.append(scalars.removeFirst())
            }
        }
        return out
    }
}
