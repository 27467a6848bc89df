import Console
import Foundation
import ScenarioFormat
import Simulation

/// Plays one session at a console to its end: each input is journaled before it is applied,
/// so a crash or a closed terminal loses at most the line being typed. Also continues a
/// resumed session from its replayed state.
final class SessionDriver {
    enum Ending { case ended, journalFailed }

    private(set) var session: Session
    private(set) var entries: [JournalEntry]
    let journal: JournalFile
    let console: PlayerConsole
    private var lastInput = Date()

    init(session: Session, journal: JournalFile, entries: [JournalEntry] = [], console: PlayerConsole) {
        self.session = session
        self.journal = journal
        self.entries = entries
        self.console = console
    }

    private func wallSinceLast() -> Int64 { Int64((Date().timeIntervalSince(lastInput) * 1000).rounded()) }

    /// Journals an input, then applies it.
    private func submit(_ kind: JournalEntry.Kind, _ input: SessionInput, text: String? = nil, from: String? = nil) -> Screen? {
        let at = session.now.milliseconds + Int64((Double(input.wallDelta) * session.settings.wallScale).rounded())
        let entry = JournalEntry(seq: journal.nextSequence(), type: kind, text: text, from: from, atMs: at, wallMs: input.wallDelta, width: input.width)
        do {
            try journal.append(entry)
            entries.append(entry)
        } catch {
            console.output.error("nightshift: \(error); stopping so nothing goes unrecorded")
            return nil
        }
        lastInput = Date()
        let screen = session.apply(input)
        console.completer.update(from: session)
        return screen
    }

    /// Records wall time that passed while nobody played (a crash, a closed terminal): the
    /// simulated clock does not count it, the journal and any certificate do.
    func recordGap(wallMilliseconds: Int64) -> Bool {
        let entry = JournalEntry(seq: journal.nextSequence(), type: .gap, atMs: session.now.milliseconds, wallMs: wallMilliseconds, width: console.width)
        do {
            try journal.append(entry)
            entries.append(entry)
            return true
        } catch {
            console.output.error("nightshift: \(error)")
            return false
        }
    }

    func run() -> Ending {
        console.completer.update(from: session)
        lastInput = Date()
        let settings = session.settings
        while session.ended == nil {
            let prompt = Transcript.prompt(for: session)
            let read = console.readLine(prompt: prompt) {
                // With the clock running, timeline events arrive while the trainee types.
                guard settings.wallScale > 0 else { return [] }
                let elapsed = wallSinceLast()
                let due = session.now + SimDuration(milliseconds: Int64(Double(elapsed) * settings.wallScale))
                guard session.hasEventDue(by: due), let screen = submit(.tick, SessionInput(.tick, wallDelta: elapsed, width: console.width)) else { return [] }
                // The event moved the clock: the prompt redrawn below it must not show the old time.
                console.editor?.setPrompt(Transcript.prompt(for: session))
                return console.transcript.output(screen)
            }
            // Read the width after the line: the window may have been resized while it was typed.
            let width = console.width
            switch read {
            case .interrupted:
                // Ctrl-C at the leave question means "no": it cancels, as it does everywhere else.
                if session.pending == .confirmQuit {
                    guard let screen = submit(.confirm, SessionInput(.line("n"), wallDelta: wallSinceLast(), width: width), text: "n") else { return .journalFailed }
                    console.print(screen)
                }
            case .endOfInput:
                if console.interactive, session.pending != .confirmQuit {
                    // Ctrl-D at a terminal asks, like `quit`.
                    guard let screen = submit(.command, SessionInput(.line("quit"), wallDelta: wallSinceLast(), width: width), text: "quit") else { return .journalFailed }
                    console.print(screen)
                    continue
                }
                if !console.interactive { console.output.line(prompt) }
                guard let screen = submit(.end, SessionInput(.endOfInput, wallDelta: wallSinceLast(), width: width)) else { return .journalFailed }
                console.print(screen)
            case .line(let text):
                if !console.interactive { console.output.line(console.transcript.echo(prompt: prompt, line: text)) }
                let kind: JournalEntry.Kind
                switch session.pending {
                case .confirmQuit: kind = .confirm
                case .postmortem: kind = .form
                case nil: kind = .command
                }
                if kind == .command, let editor = console.editor, !text.trimmingCharacters(in: .whitespaces).isEmpty { editor.addHistory(text) }
                guard let screen = submit(kind, SessionInput(.line(text), wallDelta: wallSinceLast(), width: width), text: text) else { return .journalFailed }
                console.print(screen)
            }
        }
        return .ended
    }
}
