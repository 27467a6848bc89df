import Console
import Foundation
import Simulation

/// The terminal or pipe sessions are played at. One per process: readline's state is
/// process-wide, and a certification run plays several sessions back to back on it.
final class PlayerConsole {
    let interactive: Bool
    let output = TerminalOutput()
    let transcript: Transcript
    let completer = Completer()
    private(set) var editor: LineEditor?
    private var plain = PlainLineReader()
    private let fixedWidth: Int

    init(environment: [String: String], data: DataFolder) {
        let terminal = TerminalInfo.current(environment: environment)
        interactive = terminal.stdinIsTerminal && terminal.stdoutIsTerminal
        transcript = Transcript(printer: ScreenPrinter(colour: interactive && terminal.colourEnabled))
        fixedWidth = max(40, min(400, interactive ? terminal.columns : Int(environment["COLUMNS"] ?? "") ?? 100))
        if interactive {
            try? DataFolder.ensure(data.root)
            let lineEditor = LineEditor(historyFile: data.historyFile)
            let completer = self.completer
            lineEditor.completer = { line, start, end in completer.candidates(line: line, wordStart: start, wordEnd: end) }
            TerminalWidth.shared.startTracking(environment: environment)
            editor = lineEditor
        }
    }

    /// Columns to lay screens out for: the terminal's now (it may have been resized), or $COLUMNS.
    var width: Int { interactive ? max(40, min(400, TerminalWidth.shared.columns)) : fixedWidth }

    func print(_ screen: Screen) { output.lines(transcript.output(screen)) }
    func print(_ lines: [Line]) { output.lines(transcript.printer.render(lines)) }

    /// Reads the next line: readline at a terminal (calling `poll` while the trainee types), plain reads otherwise.
    func readLine(prompt: String, poll: () -> [StyledText]) -> LineInput {
        if let editor { return editor.readLine(prompt: prompt) { poll().map(\.text) } }
        guard let text = plain.readLine() else { return .endOfInput }
        return .line(text)
    }
}
