import Foundation
import Testing

/// GNU readline as a user meets it: ConsoleProbe in a pseudo-terminal, typed at.
/// Waits have deadlines so a broken build fails instead of hanging; nothing here
/// asserts how fast anything is.
@Suite("LineEditor in a pseudo-terminal", .serialized, .timeLimit(.minutes(2)))
struct LineEditorEndToEndTests {
    let probe: Probe

    init() throws {
        probe = try Probe()
    }

    @Test("Tab completes a command and adds a space")
    func completesCommand() throws {
        defer { probe.removeFolder() }
        let terminal = try probe.start()
        terminal.send("das\t")
        try terminal.expect("dash ")
        terminal.send("\r")
        try terminal.expect("GOT: dash \n")
    }

    @Test("Tab completes an argument after the command")
    func completesArgument() throws {
        defer { probe.removeFolder() }
        let terminal = try probe.start()
        terminal.send("dash ov\t")
        try terminal.expect("dash overview ")
        terminal.send("\r")
        try terminal.expect("GOT: dash overview \n")
    }

    @Test("A second Tab lists the ambiguous candidates and keeps the line")
    func doubleTabLists() throws {
        defer { probe.removeFolder() }
        let terminal = try probe.start()
        terminal.send("d\t")
        terminal.send("\t")
        let listing = try terminal.expect("deploys")
        #expect(listing.contains("dash"))
        #expect(listing.contains("declare"))
        #expect(!listing.contains("traces"), "only candidates starting with d are listed")
        try terminal.expect("probe> d")  // the prompt and the partial line come back
        terminal.send("ash\r")
        try terminal.expect("GOT: dash\n")
    }

    @Test("No filename completion when the completer has nothing")
    func noFilenameFallback() throws {
        defer { probe.removeFolder() }
        #expect(FileManager.default.createFile(atPath: probe.path("zebra-file"), contents: nil))
        let terminal = try probe.start()
        terminal.send("traces ze\t\r")
        try terminal.expect("GOT: traces ze\n")
    }

    @Test("Ctrl-C discards a half-typed line and the session goes on")
    func ctrlCDiscardsLine() throws {
        defer { probe.removeFolder() }
        let terminal = try probe.start()
        terminal.send("dash ov")
        try terminal.expect("dash ov")
        terminal.send("\u{03}")
        try terminal.expect("INTERRUPTED\n")
        try terminal.expect("probe> ")
        terminal.send("traces\r")
        try terminal.expect("GOT: traces\n")
        #expect(!terminal.text.contains("GOT: dash"))
    }

    @Test("Ctrl-C while the program is busy between prompts does not end it")
    func ctrlCWhileBusy() throws {
        defer { probe.removeFolder() }
        let terminal = try probe.start()
        terminal.send("busy\r")
        try terminal.expect("BUSY\n")
        terminal.send("\u{03}")
        try terminal.expect("DONE (interrupted)\n")
        try terminal.expect("probe> ")
        terminal.send("traces\r")
        try terminal.expect("GOT: traces\n")
    }

    @Test("Up arrow recalls history, within a session and after a restart")
    func historyRecall() throws {
        defer { probe.removeFolder() }
        let arguments = ["--no-notify", "--history", probe.historyFile.path]
        do {
            let terminal = try probe.start(arguments)
            for line in ["dash overview", "traces", "traces"] {
                terminal.send(line + "\r")
                try terminal.expect("GOT: \(line)\n")
                try terminal.expect("probe> ")
            }
            terminal.send("\u{1B}[A\u{1B}[A\r")  // the repeated "traces" was stored once
            try terminal.expect("GOT: dash overview\n")
            try terminal.expect("probe> ")
            terminal.send("\u{04}")
            try terminal.expect("Leave? (y/n) ")
            terminal.send("y\r")
            try terminal.expect("BYE")
            #expect(try terminal.waitForExit() == 0)
        }
        // Each line was written when accepted, not at exit.
        let saved = try String(contentsOf: probe.historyFile, encoding: .utf8)
        #expect(saved == "dash overview\ntraces\ndash overview\n")
        let permissions = try FileManager.default.attributesOfItem(atPath: probe.historyFile.path)[.posixPermissions]
        #expect(permissions as? Int == 0o600, "history is private to the user")

        let restarted = try probe.start(arguments)
        restarted.send("\u{1B}[A\u{1B}[A\r")
        try restarted.expect("GOT: traces\n")
    }

    @Test("History keeps only the last N lines, in memory and in the file")
    func historyLimit() throws {
        defer { probe.removeFolder() }
        let arguments = ["--no-notify", "--history", probe.historyFile.path, "--history-limit", "3"]
        do {
            let terminal = try probe.start(arguments)
            for number in 1...5 {
                terminal.send("traces \(number)\r")
                try terminal.expect("GOT: traces \(number)\n")
                try terminal.expect("probe> ")
            }
            terminal.send(String(repeating: "\u{1B}[A", count: 6) + "\r")
            try terminal.expect("GOT: traces 3\n")
        }
        let restarted = try probe.start(arguments)
        let saved = try String(contentsOf: probe.historyFile, encoding: .utf8)
        #expect(saved == "traces 4\ntraces 5\ntraces 3\n")
        restarted.send(String(repeating: "\u{1B}[A", count: 6) + "\r")
        try restarted.expect("GOT: traces 4\n")
    }

    @Test("Ctrl-D on an empty line asks before leaving")
    func ctrlDAsks() throws {
        defer { probe.removeFolder() }
        let terminal = try probe.start()
        terminal.send("\u{04}")
        try terminal.expect("Leave? (y/n) ")
        terminal.send("n\r")
        try terminal.expect("STAYING\n")
        try terminal.expect("probe> ")
        // On a line with text Ctrl-D deletes (nothing, at the end) and does not leave.
        terminal.send("tra")
        try terminal.expect("tra")
        terminal.send("\u{04}")
        terminal.send("ces\r")
        try terminal.expect("GOT: traces\n")
        try terminal.expect("probe> ")
        terminal.send("\u{04}")
        try terminal.expect("Leave? (y/n) ")
        terminal.send("y\r")
        try terminal.expect("BYE\n")
        #expect(try terminal.waitForExit() == 0)
        #expect(!terminal.text.contains("Leave? (y/n) tra"))
    }

    @Test("A notification while a line is half typed leaves the line and cursor intact")
    func notificationWhileTyping() throws {
        defer { probe.removeFolder() }
        let trigger = probe.path("notify-now")
        let terminal = try probe.start(["--notify-file", trigger])
        // Type with a typo, move the cursor back into the word, then let the notification in.
        terminal.send("dash ovrview")
        try terminal.expect("dash ovrview")
        terminal.send(String(repeating: "\u{1B}[D", count: 5))
        try terminal.expectRaw(String(repeating: "\u{08}", count: 5))
        #expect(FileManager.default.createFile(atPath: trigger, contents: nil))
        try terminal.expect("── 02:50 notification\n")
        try terminal.expect("probe> dash ovrview")  // redrawn below the notification
        terminal.send("e\r")  // typed at the restored cursor position
        try terminal.expect("GOT: dash overview\n")
        #expect(terminal.text.components(separatedBy: "02:50 notification").count == 2, "printed once")
    }

    @Test("The notification a second after start arrives at an idle prompt")
    func notificationOnItsOwn() throws {
        defer { probe.removeFolder() }
        let terminal = try probe.start([])
        try terminal.expect("── 02:50 notification\n")
        try terminal.expect("probe> ")
        terminal.send("traces\r")
        try terminal.expect("GOT: traces\n")
    }

    @Test("Ctrl-R searches history; the inputrc's $if nightshift bindings apply")
    func reverseSearchAndInputrc() throws {
        defer { probe.removeFolder() }
        let terminal = try probe.start()
        for line in ["dash overview", "traces"] {
            terminal.send(line + "\r")
            try terminal.expect("GOT: \(line)\n")
            try terminal.expect("probe> ")
        }
        terminal.send("\u{12}over")
        try terminal.expect("(reverse-i-search)")
        try terminal.expect("dash overview")
        terminal.send("\r")
        try terminal.expect("GOT: dash overview\n")
        try terminal.expect("probe> ")
        terminal.send("\u{18}n")  // C-x n, bound only under `$if nightshift`
        try terminal.expect("from-inputrc")
        terminal.send("\r")
        try terminal.expect("GOT: from-inputrc\n")
    }

    @Test("A window resize reaches readline and TerminalWidth, at the prompt and while busy")
    func resize() throws {
        defer { probe.removeFolder() }
        let terminal = try probe.start(columns: 80)
        terminal.send("width\r")
        try terminal.expect("WIDTH: 80 READLINE: 80\n")
        try terminal.expect("probe> ")
        terminal.resize(columns: 120)
        try terminal.expect("probe> ")  // readline redraws the prompt for the new width
        terminal.send("width\r")
        try terminal.expect("WIDTH: 120 READLINE: 120\n")
        try terminal.expect("probe> ")
        terminal.send("busy\r")
        try terminal.expect("BUSY\n")
        terminal.resize(columns: 100)
        try terminal.expect("DONE\n")
        try terminal.expect("probe> ")
        terminal.send("width\r")
        try terminal.expect("WIDTH: 100 READLINE: 100\n")
    }

    @Test("Ctrl-Z at the prompt does not lose the half-typed line")
    func suspendKeepsLine() throws {
        defer { probe.removeFolder() }
        // Started without a shell the probe's process group is orphaned, so the stop is
        // discarded by the kernel; what is checked is that the handler puts things back.
        let terminal = try probe.start()
        terminal.send("dash")
        try terminal.expect("dash")
        terminal.send("\u{1A}")
        try terminal.expect("probe> dash")
        terminal.send(" overview\r")
        try terminal.expect("GOT: dash overview\n")
    }
}

@Suite("ConsoleProbe without a terminal")
struct PlainModeTests {
    @Test("Piped input is read plainly: no readline, no escape codes")
    func pipedInput() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Probe.executable())
        process.environment = ["TERM": "xterm", "PATH": "/usr/bin:/bin"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data("dash\r\ntraces\nlast".utf8))
        try input.fileHandleForWriting.close()
        let printed = try output.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        #expect(String(decoding: printed, as: UTF8.self) == "GOT: dash\nGOT: traces\nGOT: last\n")
        #expect(!printed.contains(0x1B))
        #expect(process.terminationStatus == 0)
    }
}
