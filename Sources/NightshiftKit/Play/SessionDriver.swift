import Console
import Foundation
import ScenarioFormat
import Simulation

/// Plays one session at a console to its end: each input is journaled before it is applied,
/// so a crash or a closed terminal loses at most the line being typed, and a line that cannot
/// be journaled stops the session rather than be applied unrecorded. Also continues a
/// resumed session from its replayed state.
final class SessionDriver {
    private(set) var session: Session
    private(set) var entries: [JournalEntry]
    let journal: any JournalSink
    let console: PlayerConsole
    private var lastInput = Date()
    /// The game day this session plays in, if any: pause, injects, live progress.
    var link: GamedayLink?
    /// Set while the facilitator holds the game day: the clock is frozen at that moment.
    private var pausedSince: Date?
    private var commandCount = 0

    init(session: Session, journal: any JournalSink, entries: [JournalEntry] = [], console: PlayerConsole) {
        self.session = session
        self.journal = journal
        self.entries = entries
        self.console = console
    }

    /// Wall time since the last input, less any pause: a paused game day's clock stands still.
    private func wallSinceLast() -> Int64 { Int64(((pausedSince ?? Date()).timeIntervalSince(lastInput) * 1000).rounded()) }

    /// Journals an input, then applies it.
    private func submit(_ kind: JournalEntry.Kind, _ input: SessionInput, text: String? = nil, from: String? = nil) throws(NightshiftError) -> Screen {
        let at = session.arrival(of: input).milliseconds
        try record(JournalEntry(seq: journal.nextSequence(), type: kind, text: text, from: from, atMs: at, wallMs: input.wallDelta, width: input.width))
        lastInput = Date()
        let screen = session.apply(input)
        console.completer.update(from: session)
        if kind.isTyped {
            commandCount += 1
            link?.progress(session, commands: commandCount)
        }
        return screen
    }

    /// Appends an entry to the journal, and to what this session has recorded.
    private func record(_ entry: JournalEntry) throws(NightshiftError) {
        do {
            try journal.append(entry)
        } catch {
            throw .journalAppendFailed(error)
        }
        entries.append(entry)
    }

    /// The facilitator's pause, resume and injects, as lines to print. A pause is journaled
    /// as a gap when it ends: wall time that was not played.
    private func serviceLink(force: Bool) throws(NightshiftError) -> [StyledText] {
        guard let link else { return [] }
        let news = link.poll(force: force)
        var lines: [StyledText] = []
        if news.paused, pausedSince == nil {
            pausedSince = Date()
            lines += console.transcript.printer.render([Line(" ⏸ The facilitator paused the game day: your clock is stopped. A line you enter now runs when play resumes.", .warning)])
        } else if !news.paused, let since = pausedSince {
            let held = Int64((Date().timeIntervalSince(since) * 1000).rounded())
            pausedSince = nil
            lastInput = lastInput.addingTimeInterval(Double(held) / 1000)
            try recordGap(wallMilliseconds: held)
            lines += console.transcript.printer.render([Line(" ▶ Play resumed after \(SimDuration(milliseconds: held).spoken); your clock runs again.", .warning)])
        }
        for inject in news.injects {
            var from = "facilitator", text = inject.text
            if let name = inject.name {
                // A named inject belongs to the scenarios that declare it.
                guard let declared = session.scenario.injects.first(where: { $0.id == name }) else { continue }
                from = declared.from
                text = declared.text
            }
            let screen = try submit(.inject, SessionInput(.inject(from: from, text: text), wallDelta: wallSinceLast(), width: console.width),
                                    text: text, from: from)
            lines += console.transcript.output(screen)
        }
        return lines
    }

    /// Between prompts: deliver what the facilitator sent, and hold here while paused.
    private func serviceLinkBeforePrompt() throws(NightshiftError) {
        guard link != nil else { return }
        console.output.lines(try serviceLink(force: true))
        while pausedSince != nil {
            Thread.sleep(forTimeInterval: 0.5)
            console.output.lines(try serviceLink(force: true))
        }
    }

    /// While the trainee types: what the facilitator sent and, with the clock running,
    /// timeline events as they fall due, as lines to print above the prompt.
    private func whileTyping() throws(NightshiftError) -> [StyledText] {
        let fromLink = try serviceLink(force: false)
        if !fromLink.isEmpty { console.editor?.setPrompt(Transcript.prompt(for: session)) }
        guard session.settings.wallScale > 0, pausedSince == nil else { return fromLink }
        let elapsed = wallSinceLast()
        let due = session.arrival(of: SessionInput(.tick, wallDelta: elapsed))
        guard session.hasEventDue(by: due) else { return fromLink }
        let screen = try submit(.tick, SessionInput(.tick, wallDelta: elapsed, width: console.width))
        // The event moved the clock: the prompt redrawn below it must not show the old time.
        console.editor?.setPrompt(Transcript.prompt(for: session))
        return fromLink + console.transcript.output(screen)
    }

    /// Records wall time that passed while nobody played (a crash, a closed terminal): the
    /// simulated clock does not count it, the journal and any certificate do.
    func recordGap(wallMilliseconds: Int64) throws(NightshiftError) {
        try record(JournalEntry(seq: journal.nextSequence(), type: .gap, atMs: session.now.milliseconds, wallMs: wallMilliseconds, width: console.width))
    }

    /// Plays until the session ends; throws when the journal fails.
    func run() throws(NightshiftError) {
        console.completer.update(from: session)
        lastInput = Date()
        while session.ended == nil {
            try serviceLinkBeforePrompt()
            let prompt = Transcript.prompt(for: session)
            // The prompt cannot be interrupted: a journal that fails while the trainee types
            // stops the session once the line is in, before it is applied.
            var failed: NightshiftError?
            let read = console.readLine(prompt: prompt) {
                guard failed == nil else { return [] }
                do throws(NightshiftError) {
                    return try self.whileTyping()
                } catch {
                    failed = error
                    return []
                }
            }
            if let failed { throw failed }
            // A line typed during a pause waits for play to resume.
            try serviceLinkBeforePrompt()
            // Read the width after the line: the window may have been resized while it was typed.
            let width = console.width
            switch read {
            case .interrupted:
                // Ctrl-C at the leave question means "no": it cancels, as it does everywhere else.
                if session.pending == .confirmQuit {
                    console.print(try submit(.confirm, SessionInput(.line("n"), wallDelta: wallSinceLast(), width: width), text: "n"))
                }
            case .endOfInput:
                if console.interactive, session.pending != .confirmQuit {
                    // Ctrl-D at a terminal asks, like `quit`.
                    console.print(try submit(.command, SessionInput(.line("quit"), wallDelta: wallSinceLast(), width: width), text: "quit"))
                    continue
                }
                if !console.interactive { console.output.line(prompt) }
                console.print(try submit(.end, SessionInput(.endOfInput, wallDelta: wallSinceLast(), width: width)))
            case .line(let text):
                if !console.interactive { console.output.line(console.transcript.echo(prompt: prompt, line: text)) }
                let kind: JournalEntry.Kind
                switch session.pending {
                case .confirmQuit: kind = .confirm
                case .postmortem: kind = .form
                case nil: kind = .command
                }
                if kind == .command, let editor = console.editor, !text.trimmingCharacters(in: .whitespaces).isEmpty { editor.addHistory(text) }
                console.print(try submit(kind, SessionInput(.line(text), wallDelta: wallSinceLast(), width: width), text: text))
            }
        }
    }
}
