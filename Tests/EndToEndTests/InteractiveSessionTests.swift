import Foundation
import TestSupport
import Testing

/// `nightshift play` at a terminal, as a trainee meets it: the real binary in a
/// pseudo-terminal, typed at key by key. Every wait has a deadline so a broken build fails
/// instead of hanging; nothing here asserts how fast anything is.
@Suite("nightshift play in a pseudo-terminal", .serialized, .timeLimit(.minutes(3)))
struct InteractiveSessionTests {
    let player: Player

    init() throws {
        player = try Player()
    }

    // MARK: Completion

    @Test("Tab completes a command, and arguments from the live world")
    func completesCommandsAndArguments() throws {
        defer { player.removeFolder() }
        let terminal = try player.start()
        terminal.send("das\t")
        try terminal.expect("dash ")
        terminal.send("assistant-q\t")
        try terminal.expect("assistant-quality ")
        #expect(terminal.lastLine.hasSuffix("] on-call> dash assistant-quality "))
        terminal.send("\r")
        try terminal.expect(" assistant-quality · last 6h")  // the completed command ran
        try terminal.expect("] on-call> ")
        terminal.send("pin model chat-\t")
        try terminal.expect("pin model chat-default ")
    }

    @Test("Tab completes the value in `--where ATTR=VALUE` from what the attribute takes")
    func completesAttributeValues() throws {
        defer { player.removeFolder() }
        let terminal = try player.start()
        terminal.send("traces --where reg\t")
        try terminal.expect("region=")  // `=` breaks words, so no space is added after the name
        terminal.send("eu\t")
        try terminal.expect("eu-west-1 ")
        terminal.send("--where gen_ai.request.mod\t")
        try terminal.expect("gen_ai.request.model=")
        terminal.send("ch\t")
        try terminal.expect("chat-default ")
        terminal.send("--limit 2\r")
        try terminal.expect("2 most recent matching traces")
        try terminal.expect("] on-call> ")
        terminal.send("traces --where region!=us\t")
        try terminal.expect("region!=us-east-1 ")
    }

    @Test("A second Tab lists the ambiguous commands and keeps the line")
    func doubleTabListsCandidates() throws {
        defer { player.removeFolder() }
        let terminal = try player.start()
        terminal.send("d\t")
        terminal.send("\t")
        let listing = try terminal.expect("disable")
        let row = listing.split(separator: "\n").last { $0.contains("deploys") }.map(String.init) ?? ""
        let words = Set(row.split(separator: " ").map(String.init))
        #expect(words.isSuperset(of: ["dash", "declare", "deploys", "disable"]), "listed: \(row.debugDescription)")
        #expect(words.allSatisfy { $0.hasPrefix("d") }, "only commands starting with d: \(row.debugDescription)")
        try terminal.expect("[02:47] on-call> d")  // the prompt and the partial line come back
        terminal.send("ash\r")
        try terminal.expect("Dashboards · ")
    }

    @Test("Tab completes a trace id once a table has shown it")
    func completesAShownTraceID() throws {
        defer { player.removeFolder() }
        let terminal = try player.start()
        terminal.send("traces --limit 3\r")
        let table = try terminal.expect("most recent traces")
        try terminal.expect("] on-call> ")
        let ids = Self.traceIDs(in: table)
        #expect(ids.count == 3, "trace ids in \(table.debugDescription)")
        // Three characters, as the trainee types them; more if two ids begin alike.
        let length = (3...12).first { length in Set(ids.map { $0.prefix(length) }).count == ids.count } ?? 12
        let id = try #require(ids.last)
        terminal.send("trace \(id.prefix(length))\t")
        try terminal.expect("trace \(id) ")
        terminal.send("\r")
        try terminal.expect(" \(id)  POST ")  // the span tree's first line
    }

    // MARK: Ctrl-C, history, Ctrl-D

    @Test("Ctrl-C discards a half-typed line, journals nothing, and the session goes on")
    func ctrlCDiscardsTheLine() throws {
        defer { player.removeFolder() }
        let terminal = try player.start()
        terminal.send("traces --lim")
        try terminal.expect("traces --lim")
        terminal.send("\u{03}")
        try terminal.expect("^C")
        try terminal.expect("[02:47] on-call> ")
        terminal.send("status\r")
        try terminal.expect("since the page")
        try terminal.expect("] on-call> ")
        // The journal is written before each input is applied, so it is complete by now.
        let entries = try player.journalEntries()
        #expect(entries.map { $0["text"] as? String } == ["status"], "journal: \(entries)")
        let journal = try player.journalText()
        #expect(!journal.contains("traces"), "journal: \(journal)")
    }

    @Test("The up arrow recalls earlier commands, in this session and after a restart")
    func historyIsRecalledAcrossARestart() throws {
        defer { player.removeFolder() }
        let first = try player.start()
        first.send("dash overview\r")
        try first.expect("[02:48] on-call> ")
        first.send("status\r")
        try first.expect("since the page")
        try first.expect("] on-call> ")
        first.send(Key.up + Key.up)
        try first.expect("dash overview")
        first.send("\r")
        try first.expect(" overview · last 6h")
        try first.expect("] on-call> ")
        // Leave with Ctrl-D: neither it nor the answer to the question goes into history.
        first.send(Key.ctrlD)
        try first.expect("Leave the incident now?")
        first.send("y\r")
        #expect(try first.waitForExit() == 0)

        let saved = try String(contentsOf: player.historyFile, encoding: .utf8)
        #expect(saved.contains("dash overview") && saved.contains("status"), "history file: \(saved.debugDescription)")
        #expect(!saved.contains("\ny\n"), "the answer to a question is not a command")

        // Newest first: the recalled `dash overview`, then `status`.
        let second = try player.start(journal: "second.jsonl")
        second.send(Key.up)
        try second.expect("dash overview")
        second.send(Key.up)
        try second.expect("status")
        second.send("\r")
        try second.expect("since the page")
    }

    @Test("Ctrl-D asks before leaving: n keeps the session, y ends it with the grade")
    func ctrlDAsksBeforeLeaving() throws {
        defer { player.removeFolder() }
        let terminal = try player.start()
        terminal.send(Key.ctrlD)
        try terminal.expect("Leave the incident now?")
        // The question has a prompt of its own, so it is clear what the next line answers.
        try terminal.expect("] leave? (y/n)> ")
        terminal.send("n\r")
        try terminal.expect("Staying on the incident.")
        try terminal.expect("] on-call> ")
        terminal.send("status\r")
        try terminal.expect("since the page")
        try terminal.expect("] on-call> ")
        terminal.send(Key.ctrlD)
        try terminal.expect("Leave the incident now?")
        try terminal.expect("] leave? (y/n)> ")
        terminal.send(Key.ctrlC)
        try terminal.expect("Staying on the incident.")
        try terminal.expect("] on-call> ")
        terminal.send(Key.ctrlD)
        try terminal.expect("] leave? (y/n)> ")
        terminal.send("y\r")
        try terminal.expect(" Score ")
        try terminal.expect(" Journal: ")
        #expect(try terminal.waitForExit() == 0)
    }

    // MARK: A notification while typing

    @Test("A timeline event arriving mid-line prints above the prompt and the line survives")
    func notificationWhileTyping() throws {
        defer { player.removeFolder() }
        // One wall second is ten simulated minutes: the event at +12m (02:59) arrives about
        // 1.2 s after the first prompt. The line must be half typed by then; on a machine too
        // busy for that, try again rather than test the easy case.
        var attempt = 0
        while true {
            attempt += 1
            let journal = "notified-\(attempt).jsonl"
            let terminal = try player.start(["--clock", "wall", "--wall-scale", "600"], journal: journal)
            terminal.send("dash assis")
            let typed = try terminal.expect("dash assis")
            if typed.contains("Tickets are piling up") {
                if attempt < 3 { continue }
                Issue.record("the event arrived before the line could be typed, three times: \(typed.debugDescription)")
                return
            }
            let notice = try terminal.expect("Tickets are piling up")
            #expect(notice.contains("Support lead (Dana Ruiz)"))
            // Readline redraws the prompt and the half-typed line below the notification,
            // with the time the event moved the clock to.
            let redrawn = try terminal.expect("on-call> dash assis")
            #expect(!redrawn.contains("[02:47] on-call> "), "the redrawn prompt still shows the time before the event: \(redrawn.debugDescription)")
            terminal.send("tant-quality")
            try terminal.expect("tant-quality")
            // Another event may redraw the line again, but the prompt is always followed by the whole line.
            #expect(terminal.text.contains(" on-call> dash assistant-quality"), "\(terminal.text.debugDescription)")
            terminal.send("\r")
            try terminal.expect(" assistant-quality · last 6h")
            try terminal.expect("] on-call> ")
            let commands = try player.journalEntries(journal).filter { $0["type"] as? String == "command" }
            #expect(commands.first?["text"] as? String == "dash assistant-quality", "journal: \(commands)")
            return
        }
    }

    // MARK: Colour, the prompt, the width

    @Test("A colour terminal gets ANSI styles")
    func colourAtATerminal() throws {
        defer { player.removeFolder() }
        let terminal = try player.start()
        terminal.send("dash overview\r")
        try terminal.expect("] on-call> ")
        #expect(Self.sgrSequences(in: terminal.rawText) > 0, "no colour in \(terminal.rawText.debugDescription)")
    }

    @Test("NO_COLOR keeps a terminal session free of colour, grade included")
    func noColourHonoured() throws {
        defer { player.removeFolder() }
        let terminal = try player.start(environment: ["NO_COLOR": "1"])
        terminal.send("dash overview\r")
        try terminal.expect(" overview · last 6h")
        try terminal.expect("] on-call> ")
        terminal.send(Key.ctrlD)
        try terminal.expect("Leave the incident now?")
        terminal.send("y\r")
        try terminal.expect(" Score ")
        #expect(try terminal.waitForExit() == 0)
        // Readline's own cursor movement is allowed; styles (SGR sequences) are not.
        #expect(Self.sgrSequences(in: terminal.rawText) == 0, "colour despite NO_COLOR: \(terminal.rawText.debugDescription)")
    }

    @Test("The prompt shows the simulated time and moves with a command's cost")
    func promptShowsTheClock() throws {
        defer { player.removeFolder() }
        let terminal = try player.start()  // waits for "[02:47] on-call> "
        terminal.send("dash overview\r")
        try terminal.expect(" overview · last 6h")
        try terminal.expect("[02:48] on-call> ")  // a dashboard costs one minute
    }

    @Test("After a resize at the prompt, the next command is laid out for the new width")
    func resizeAtThePrompt() throws {
        defer { player.removeFolder() }
        let terminal = try player.start(columns: 120)
        terminal.resize(columns: 70)
        terminal.send("dash overview\r")
        try terminal.expect("dash overview\n")
        let screen = try terminal.expect("[02:48] on-call> ")
        let lines = screen.split(separator: "\n").dropLast()  // the last is the next prompt
        #expect(lines.count > 5)
        let wide = lines.filter { $0.count > 70 }
        #expect(wide.isEmpty, "lines wider than the 70-column window: \(wide)")
    }

    // MARK: Helpers

    /// The twelve-hex-digit trace ids in a `traces` table.
    static func traceIDs(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init).filter { word in
            word.count == 12 && word.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        }
    }

    /// How many SGR sequences (`ESC [ … m`: colour and style) the output holds.
    static func sgrSequences(in raw: String) -> Int {
        let bytes = Array(raw.utf8)
        var count = 0
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == 0x1B, bytes[index + 1] == UInt8(ascii: "[") else {
                index += 1
                continue
            }
            var end = index + 2
            while end < bytes.count, (0x30...0x3F).contains(bytes[end]) { end += 1 }  // parameters
            if end < bytes.count, bytes[end] == UInt8(ascii: "m") { count += 1 }
            index = end
        }
        return count
    }
}

/// Keys as a terminal sends them.
enum Key {
    static let up = "\u{1B}[A"
    static let ctrlD = "\u{04}"
    static let ctrlC = "\u{03}"
}

/// Starts `nightshift play` in a pseudo-terminal with a private HOME, data folder and
/// inputrc, so the user's own ~/.inputrc, history and journals neither change what the
/// tests see nor receive anything from them.
struct Player {
    /// A fresh folder for one test: HOME, the inputrc, XDG_DATA_HOME and the journals.
    let folder: URL

    init() throws {
        folder = try Binary.temporaryFolder()
        try "".write(to: inputrc, atomically: true, encoding: .utf8)
    }

    var inputrc: URL { folder.appendingPathComponent("inputrc") }
    var dataHome: URL { folder.appendingPathComponent("xdg") }
    var historyFile: URL { dataHome.appendingPathComponent("nightshift/history") }
    func journal(_ name: String) -> URL { folder.appendingPathComponent(name) }

    func environment(_ extra: [String: String]) -> [String: String] {
        var environment = [
            "HOME": folder.path,
            "XDG_DATA_HOME": dataHome.path,
            "INPUTRC": inputrc.path,
            "TERM": "xterm",
            "LC_ALL": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
        ]
        environment.merge(Binary.sanitizerOptions) { $1 }
        environment.merge(extra) { $1 }
        return environment
    }

    /// Starts silent-alias-upgrade with seed 3 from the repository's pack and waits for the first prompt.
    func start(
        _ arguments: [String] = [], journal: String = "journal.jsonl", environment extra: [String: String] = [:],
        columns: Int = 100
    ) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            executable: try Binary.path(),
            arguments: ["play", "silent-alias-upgrade", "--seed", "3", "--pack", Fixture.root.path,
                        "--journal", self.journal(journal).path] + arguments,
            environment: environment(extra), columns: columns, rows: 40)
        try terminal.expect("[02:47] on-call> ")
        return terminal
    }

    func journalText(_ name: String = "journal.jsonl") throws -> String {
        try String(contentsOf: journal(name), encoding: .utf8)
    }

    /// The journal's entries after its header, as JSON objects.
    func journalEntries(_ name: String = "journal.jsonl") throws -> [[String: Any]] {
        try journalText(name).split(separator: "\n").dropFirst().map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    func removeFolder() {
        try? FileManager.default.removeItem(at: folder)
    }
}
