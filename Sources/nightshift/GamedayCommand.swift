import ArgumentParser
import Foundation
import NightshiftKit
import Reports

/// `nightshift gameday …`, the argument parsing only.
struct Gameday: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a game day: several players, the same scenarios, one board and one debrief.",
        subcommands: [Start.self, Join.self, Board.self, Watch.self, Pause.self, Resume.self, Inject.self, End.self, Report.self, ListGamedays.self])

    static func commands(_ pack: PackOption, _ store: StoreOption) throws -> GamedayCommands {
        GamedayCommands(pack: try pack.load(), environment: ProcessInfo.processInfo.environment, store: store.store)
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a game day (creates the store when it is new).")
        @Argument(help: "The game day's name: letters, digits, -, _ and .")
        var name: String
        @Option(help: "Scenario ids, in the order players meet them: ID,ID…")
        var scenarios: [String] = []
        @Option(help: "The seed every player's variants use (default: drawn now and printed).")
        var seed: UInt64?
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption
        func run() throws { try Gameday.commands(packOption, storeOption).start(name: name, scenarios: scenarios, seed: seed) }
    }

    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Join a game day and play its scenarios in order.")
        @Argument var name: String
        @Option(help: "Your name on the board (default: $USER).")
        var player: String?
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption
        func run() throws { try Gameday.commands(packOption, storeOption).join(name: name, player: player) }
    }

    struct Board: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The leaderboard, anonymised unless --names.")
        @Argument var name: String
        @Flag(help: "Redraw as results arrive (on a terminal in place; otherwise a snapshot at each change) until the game day ends.")
        var watch = false
        @Flag(help: "Show player names.")
        var names = false
        @Option(help: "Seconds between checks with --watch.")
        var interval: Double = 2
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption
        func run() throws { try Gameday.commands(packOption, storeOption).board(name: name, watch: watch, names: names, interval: interval) }
    }

    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The facilitator's live view: each player's scenario, declaration, evidence, idle time.")
        @Argument var name: String
        @Flag(help: "Print one view and stop.")
        var once = false
        @Option(help: "Seconds between redraws.")
        var interval: Double = 2
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption
        func run() throws { try Gameday.commands(packOption, storeOption).watch(name: name, once: once, interval: interval) }
    }

    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop every player's simulated clock.")
        @Argument var name: String
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption
        func run() throws { try Gameday.commands(packOption, storeOption).setState(name: name, to: .paused) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Restart every player's simulated clock.")
        @Argument var name: String
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption
        func run() throws { try Gameday.commands(packOption, storeOption).setState(name: name, to: .running) }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a game day: no new sessions start; boards stop watching.")
        @Argument var name: String
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption
        func run() throws { try Gameday.commands(packOption, storeOption).setState(name: name, to: .ended) }
    }

    struct Inject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a message into running sessions, between their prompts.")
        @Argument var name: String
        @Argument(help: "What the inject says (or use --named).")
        var text: String?
        @Option(help: "A named inject a scenario declares (only its players get it).")
        var named: String?
        @Option(help: "Only this player.")
        var player: String?
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption
        func validate() throws {
            if text != nil, named != nil { throw ValidationError("give the inject's TEXT or --named ID, not both") }
        }
        func run() throws { try Gameday.commands(packOption, storeOption).inject(name: name, text: text, named: named, player: player) }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The team debrief: Markdown, HTML, a CSV with a row per player and scenario, and xAPI statements.")
        @Argument var name: String
        @Option(help: "The folder to write into.")
        var out: String
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption
        func run() throws { try Gameday.commands(packOption, storeOption).report(name: name, out: out) }
    }

    struct ListGamedays: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The game days in a store.")
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption
        func run() throws { try Gameday.commands(packOption, storeOption).list() }
    }
}
