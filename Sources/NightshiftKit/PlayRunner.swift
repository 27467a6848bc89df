import Console
import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation

/// How a play session is set up from the command line.
public struct PlayOptions: Sendable {
    public var scenario: String
    public var seed: UInt64?
    public var clock: SessionSettings.ClockKind?
    public var mode: SessionSettings.Mode
    public var wallScale: Double?
    public var journal: String?
    public var player: String?
    /// Where to write the reports; by default a folder under the data folder.
    public var out: String?

    public init(scenario: String, seed: UInt64? = nil, clock: SessionSettings.ClockKind? = nil, mode: SessionSettings.Mode = .onboarding,
                wallScale: Double? = nil, journal: String? = nil, player: String? = nil, out: String? = nil) {
        self.scenario = scenario
        self.seed = seed
        self.clock = clock
        self.mode = mode
        self.wallScale = wallScale
        self.journal = journal
        self.player = player
        self.out = out
    }
}

/// Writes to the terminal or pipe, flushing each time so a transcript is never half-printed.
public struct TerminalOutput: Sendable {
    public init() {}

    public func line(_ text: String) { write(text + "\n") }
    public func lines(_ texts: [String]) { if !texts.isEmpty { write(texts.joined(separator: "\n") + "\n") } }

    public func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// The play loop at the edge: reads lines (readline on a terminal, plain reads otherwise),
/// journals each before applying it, prints the screen, and measures wall time.
public final class PlayRunner {
    let pack: LoadedPack
    let options: PlayOptions
    let environment: [String: String]
    let output = TerminalOutput()
    let data: DataFolder

    public init(pack: LoadedPack, options: PlayOptions, environment: [String: String]) {
        self.pack = pack
        self.options = options
        self.environment = environment
        self.data = DataFolder(environment: environment)
    }

    /// Plays the session to its end. Returns the process exit code.
    public func run() -> Int32 {
        guard let source = pack.contents.source(options.scenario) else {
            let ids = pack.contents.scenarioIDs
            let guess = Suggestion.closest(to: options.scenario, in: ids)
            output.error("nightshift: no scenario `\(options.scenario)` in \(pack.origin.description)" + (guess.map { "; did you mean `\($0)`?" } ?? "") + " (`nightshift list` shows them)")
            return 2
        }
        let terminal = TerminalInfo.current(environment: environment)
        let interactive = terminal.stdinIsTerminal && terminal.stdoutIsTerminal
        let clockKind = options.clock ?? (interactive ? .wall : .sim)
        if options.wallScale != nil, clockKind == .sim {
            output.error("nightshift: --wall-scale needs --clock wall; with the simulated clock only commands move time" + (interactive ? "" : " (the default when input is not a terminal)"))
            return 2
        }
        if let path = options.journal, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           (attributes[.size] as? Int ?? 0) > 0 {
            output.error("nightshift: \(path) already holds a journal; choose another file (`nightshift resume` continues a session)")
            return 2
        }
        let settings = SessionSettings(mode: options.mode, clock: clockKind, wallScale: options.wallScale)
        let seed = options.seed ?? UInt64.random(in: 1...999_999)
        let (built, diagnostics) = source.instantiate(seed: seed, pack: pack.contents.pack)
        guard let scenario = built else {
            for diagnostic in diagnostics.sortedForDisplay() where diagnostic.severity == .error { output.error(diagnostic.description) }
            output.error("nightshift: \(options.scenario) does not load for seed \(seed); `nightshift scenario lint` shows why")
            return 1
        }
        var width = interactive ? terminal.columns : Int(environment["COLUMNS"] ?? "") ?? 100
        width = max(40, min(400, width))
        let (loadedRubric, rubricPath, rubricDiagnostics) = pack.rubric(for: settings.mode.rawValue)
        guard let rubric = loadedRubric else {
            for diagnostic in rubricDiagnostics where diagnostic.severity == .error { output.error(diagnostic.description) }
            output.error("nightshift: cannot grade a \(settings.mode.rawValue) session without its rubric; `nightshift rubric lint` shows why")
            return 1
        }
        var session = Session(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs, settings: settings)

        let scenarioPath = pack.path(ofScenario: scenario.id) ?? ""
        let header = JournalHeader(
            scenario: scenario.id, scenarioSHA256: pack.sha256(of: scenarioPath), packVersion: pack.contents.pack.version,
            costsVersion: pack.contents.costs.version, costsSHA256: pack.sha256(of: "Scenarios/\(PackLoader.costsFile)"),
            rubric: "\(rubric.mode)@\(rubric.version)", rubricSHA256: pack.sha256(of: rubricPath),
            seed: seed, settings: settings, width: width, started: Self.isoNow(), player: options.player)
        let journalPath = options.journal ?? (data.journals as NSString).appendingPathComponent("\(Self.fileStamp())-\(scenario.id)-\(seed).jsonl")
        let journal: JournalFile
        do {
            journal = try JournalFile(path: journalPath, header: header)
        } catch {
            output.error("nightshift: \(error)")
            return 1
        }

        let transcript = Transcript(printer: ScreenPrinter(colour: interactive && terminal.colourEnabled))
        output.lines(transcript.opening(session.opening(width: width)))

        let completer = Completer()
        completer.update(from: session)
        var editor: LineEditor?
        var plain = PlainLineReader()
        if interactive {
            try? DataFolder.ensure(data.root)
            let lineEditor = LineEditor(historyFile: data.historyFile)
            lineEditor.completer = { line, start, end in completer.candidates(line: line, wordStart: start, wordEnd: end) }
            TerminalWidth.shared.startTracking(environment: environment)
            editor = lineEditor
        }

        var entries: [JournalEntry] = []
        var lastInput = Date()
        func wallSinceLast() -> Int64 { Int64((Date().timeIntervalSince(lastInput) * 1000).rounded()) }

        /// Journals an input, then applies it: a crash in between loses nothing journaled.
        func submit(_ kind: JournalEntry.Kind, _ input: SessionInput, text: String? = nil, from: String? = nil) -> Screen? {
            let at = session.now.milliseconds + Int64((Double(input.wallDelta) * settings.wallScale).rounded())
            let entry = JournalEntry(seq: journal.nextSequence(), type: kind, text: text, from: from, atMs: at, wallMs: input.wallDelta, width: input.width)
            do {
                try journal.append(entry)
                entries.append(entry)
            } catch {
                output.error("nightshift: \(error); stopping so nothing goes unrecorded")
                return nil
            }
            lastInput = Date()
            let screen = session.apply(input)
            completer.update(from: session)
            return screen
        }

        loop: while session.ended == nil {
            let prompt = Transcript.prompt(for: session)
            if interactive { width = max(40, min(400, TerminalWidth.shared.columns)) }
            let read: LineInput
            if let editor {
                read = editor.readLine(prompt: prompt) {
                    // With the clock running, timeline events arrive while the trainee types.
                    guard settings.wallScale > 0 else { return [] }
                    let elapsed = wallSinceLast()
                    let due = session.now + SimDuration(milliseconds: Int64(Double(elapsed) * settings.wallScale))
                    width = max(40, min(400, TerminalWidth.shared.columns))
                    guard session.hasEventDue(by: due), let screen = submit(.tick, SessionInput(.tick, wallDelta: elapsed, width: width)) else { return [] }
                    // The event moved the clock: the prompt redrawn below it must not show the old time.
                    editor.setPrompt(Transcript.prompt(for: session))
                    return transcript.output(screen)
                }
                // The window may have been resized while the line was typed: lay out its output for the new width.
                width = max(40, min(400, TerminalWidth.shared.columns))
            } else if let text = plain.readLine() {
                read = .line(text)
            } else {
                read = .endOfInput
            }
            switch read {
            case .interrupted:
                // Ctrl-C at the leave question means "no": it cancels, as it does everywhere else.
                if session.pending == .confirmQuit {
                    guard let screen = submit(.confirm, SessionInput(.line("n"), wallDelta: wallSinceLast(), width: width), text: "n") else { return 1 }
                    output.lines(transcript.output(screen))
                }
                continue loop
            case .endOfInput:
                if interactive, session.pending != .confirmQuit {
                    // Ctrl-D at a terminal asks, like `quit`.
                    guard let screen = submit(.command, SessionInput(.line("quit"), wallDelta: wallSinceLast(), width: width), text: "quit") else { return 1 }
                    output.lines(transcript.output(screen))
                    continue loop
                }
                if !interactive { output.line(prompt) }
                guard let screen = submit(.end, SessionInput(.endOfInput, wallDelta: wallSinceLast(), width: width)) else { return 1 }
                output.lines(transcript.output(screen))
                break loop
            case .line(let text):
                if !interactive { output.line(transcript.echo(prompt: prompt, line: text)) }
                let kind: JournalEntry.Kind
                switch session.pending {
                case .confirmQuit: kind = .confirm
                case .postmortem: kind = .form
                case nil: kind = .command
                }
                if kind == .command, let editor, !text.trimmingCharacters(in: .whitespaces).isEmpty { editor.addHistory(text) }
                guard let screen = submit(kind, SessionInput(.line(text), wallDelta: wallSinceLast(), width: width), text: text) else { return 1 }
                output.lines(transcript.output(screen))
            }
        }
        // The grade: the same pure function `nightshift grade` runs on the journal.
        let grade = Grader.grade(session: session, rubric: rubric)
        output.lines(transcript.printer.render(GradeScreen.lines(grade, width: width)))
        // Reports under the data folder are as private as the journals they come from.
        if options.out == nil { try? DataFolder.ensure(data.reports) }
        let folder = options.out ?? (data.reports as NSString).appendingPathComponent("\(Self.fileStamp())-\(scenario.id)-\(seed)")
        do {
            let written = try ReportWriter.write(grade, session: session, header: header, entries: entries, to: folder, player: options.player)
            output.line(" Reports: " + written.files.joined(separator: ", "))
        } catch {
            output.error("nightshift: cannot write the reports to \(folder): \(error)")
        }
        output.line(" Journal: \(journalPath)")
        return 0
    }

    static func isoNow() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    static func fileStamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
