// A tiny program on a LineEditor for the end-to-end tests in Tests/ConsoleTests,
// which run it in a pseudo-terminal and type at it.
//
//   ConsoleProbe [--history FILE] [--history-limit N]
//                [--notify-after SECONDS | --notify-file PATH | --no-notify]
//
// Completes `dash deploys declare traces busy width`, and `overview assistant-quality`
// after `dash`. Echoes each line as `GOT: <line>`, prints `INTERRUPTED` on Ctrl-C, asks
// `Leave? (y/n)` on Ctrl-D. Emits `── 02:50 notification` once from `poll`: a second after
// start, or once PATH exists (so a test can choose the moment), or never.
// `busy` sleeps 1.5 s between prompts (try Ctrl-C); `width` prints the widths it knows.
import Console
@preconcurrency import Glibc

enum Trigger { case after(Duration), file(String), never }

// Not top-level code: that would be main-actor isolated, and readLine's poll closure is not.
func runProbe() {
    var environment: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
        let pair = String(cString: pointer)
        if let equals = pair.firstIndex(of: "=") {
            environment[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        entry += 1
    }

    var historyFile: String?
    var historyLimit = 2000
    var trigger = Trigger.after(.seconds(1))
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        switch argument {
        case "--history": historyFile = arguments.popFirst()
        case "--history-limit": historyLimit = Int(arguments.popFirst() ?? "") ?? historyLimit
        case "--notify-after": trigger = .after(.milliseconds(Int((Double(arguments.popFirst() ?? "") ?? 1) * 1000)))
        case "--notify-file": trigger = .file(arguments.popFirst() ?? "")
        case "--no-notify": trigger = .never
        default:
            fputs("ConsoleProbe: unknown argument \(argument)\n", stderr)
            exit(2)
        }
    }

    let terminal = TerminalInfo.current(environment: environment)
    if !terminal.stdinIsTerminal {
        var reader = PlainLineReader()
        while let line = reader.readLine() { print("GOT: \(line)") }
        return
    }

    let editor = LineEditor(historyFile: historyFile, historyLimit: historyLimit)
    TerminalWidth.shared.startTracking(environment: environment)
    editor.completer = { line, wordStart, _ in
        let before = String(decoding: line.utf8.prefix(wordStart), as: UTF8.self)
        let words = before.split(separator: " ")
        if words.isEmpty { return ["dash", "deploys", "declare", "traces", "busy", "width"] }
        if words == ["dash"] { return ["overview", "assistant-quality"] }
        return []
    }
    if let problem = editor.historyProblem { print("HISTORY PROBLEM: \(problem)") }

    let started = ContinuousClock.now
    var notified = false
    let poll = { () -> [String] in
        guard !notified else { return [] }
        switch trigger {
        case .after(let delay): notified = ContinuousClock.now - started >= delay
        case .file(let path): notified = access(path, F_OK) == 0
        case .never: break
        }
        return notified ? ["── 02:50 notification"] : []
    }

    while true {
        switch editor.readLine(prompt: "probe> ", poll: poll) {
        case .line(let line):
            editor.addHistory(line)
            print("GOT: \(line)")
            switch line {
            case "busy":
                print("BUSY")
                fflush(stdout)
                usleep(1_500_000)
                print(editor.takeInterrupt() ? "DONE (interrupted)" : "DONE")
            case "width":
                print("WIDTH: \(TerminalWidth.shared.columns) READLINE: \(editor.readlineColumns)")
            default:
                break
            }
        case .interrupted:
            print("INTERRUPTED")
        case .endOfInput:
            switch editor.readLine(prompt: "Leave? (y/n) ", poll: poll) {
            case .line(let answer) where answer.lowercased().hasPrefix("y"):
                print("BYE")
                exit(0)
            case .endOfInput:
                print("BYE")
                exit(0)
            default:
                print("STAYING")
            }
        }
        fflush(stdout)
    }
}

runProbe()
