import ArgumentParser
import Foundation
import NightshiftKit
import ScenarioFormat
import Simulation

@main
struct Nightshift: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightshift",
        abstract: "A training simulator for AI on-call: play scripted incidents in LLM-backed features and be graded.",
        version: Engine.version,
        subcommands: [Play.self, List.self, Replay.self, GradeJournal.self, Resume.self, Certify.self, Verify.self, Keys.self,
                      ScenarioCommand.self, RubricCommand.self, PackCommand.self, Results.self, Gameday.self, Store.self, Bench.self],
        defaultSubcommand: nil)

    /// Claims the standard streams before anything opens a file or a socket, then parses and
    /// runs. A command that stops with a `NightshiftError` is said here, once, in the wording
    /// and with the status the error decides; anything else (a command line that cannot be
    /// parsed, `--help`) is ArgumentParser's to say.
    static func main() {
        StandardStreams.claim()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as NightshiftError {
            failure.report()
            Foundation.exit(failure.exitStatus)
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every command that reads a pack shares.
struct PackOption: ParsableArguments {
    @Option(name: .long, help: "A pack folder (holding Scenarios/ and Grading/). Default: $NIGHTSHIFT_PACK, ./Scenarios, then the built-in pack.")
    var pack: String?

    /// With `only`, parses just that scenario; when it is not there, the whole pack (for "did you mean").
    func load(only: String? = nil) throws -> LoadedPack {
        do {
            let located = try LoadedPack.locate(flag: pack, environment: ProcessInfo.processInfo.environment,
                                                workingFolder: FileManager.default.currentDirectoryPath, only: only)
            if let only, located.contents.source(only) == nil { return try load() }
            return located
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// Where results go: a SQLite file or a PostgreSQL URL.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: "The results store: a SQLite file, or postgres://USER:PASSWORD@HOST:PORT/DB. Default: $NIGHTSHIFT_STORE, then the data folder's own store.")
    var store: String?
}

extension SessionSettings.ClockKind: ExpressibleByArgument {}
extension SessionSettings.Mode: ExpressibleByArgument {}
extension JSONSchemaWriter.FileKind: ExpressibleByArgument {}

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Play a scenario.")

    @Argument(help: "The scenario id (`nightshift list` shows them).")
    var scenario: String
    @Option(help: "Seed for the variant; the same seed, commands and clock give the same screens.")
    var seed: UInt64?
    @Option(help: "sim: only commands move the clock; wall: wall time moves it too. Default: wall on a terminal, sim otherwise.")
    var clock: SessionSettings.ClockKind?
    @Option(help: "onboarding, gameday or certification (certification has no hints).")
    var mode: SessionSettings.Mode = .onboarding
    @Option(name: .customLong("wall-scale"), help: "Simulated seconds per wall second with --clock wall (default: 0 onboarding, 1 otherwise).")
    var wallScale: Double?
    @Option(help: "Where to write the journal (default: under the data folder).")
    var journal: String?
    @Option(help: "A folder for report.md, report.html and report.json (default: under the data folder).")
    var out: String?
    @Option(help: "Play this scenario in a game day (its seed and the gameday rubric apply).")
    var gameday: String?
    @Option(help: "Your name on the game day's board (default: $USER).")
    var player: String?
    @OptionGroup var storeOption: StoreOption
    @OptionGroup var packOption: PackOption

    func validate() throws {
        if gameday != nil, seed != nil { throw ValidationError("a game day decides the seed; leave out --seed") }
        if gameday == nil, storeOption.store != nil { throw ValidationError("--store is for --gameday (finished sessions always go to your own history)") }
    }

    func run() throws {
        let pack = try packOption.load(only: scenario)
        let options = PlayOptions(scenario: scenario, seed: seed, clock: clock, mode: gameday == nil ? mode : .gameday, wallScale: wallScale,
                                  journal: journal, player: player, out: out, gameday: gameday, store: storeOption.store)
        try PlayRunner(pack: pack, options: options, environment: ProcessInfo.processInfo.environment).run()
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the scenarios in the pack, and say which pack is in use.")
    @OptionGroup var packOption: PackOption

    func run() throws {
        ListCommand.run(pack: try packOption.load())
    }
}

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Replay a journal: the same screens, from the same inputs.")
    @Argument(help: "A journal file (.jsonl).")
    var journal: String
    @OptionGroup var packOption: PackOption

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let colour = isatty(1) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        try ReplayCommand.run(journalPath: journal, pack: try packOption.load(), colour: colour)
    }
}

extension GradeCommand.Format: ExpressibleByArgument {}

struct GradeJournal: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grade", abstract: "Grade a journal again: the same grade, from the journal alone.")
    @Argument(help: "A journal file (.jsonl).")
    var journal: String
    @Option(help: "text, markdown or json.")
    var format: GradeCommand.Format = .text
    @Option(help: "Also write report.md, report.html and report.json into this folder.")
    var out: String?
    @OptionGroup var packOption: PackOption

    func run() throws {
        try GradeCommand.run(journalPath: journal, pack: try packOption.load(), format: format, out: out)
    }
}

struct RubricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rubric", abstract: "Work on rubric files.", subcommands: [Lint.self])

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check rubric files: one `path:line:column: error: message` per problem.")
        @Argument(help: "Rubric files or folders (default: the pack's Grading/).")
        var paths: [String] = []
        @OptionGroup var packOption: PackOption

        func run() throws {
            try RubricLintCommand.run(paths: paths, pack: try packOption.load())
        }
    }
}

struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scenario", abstract: "Work on scenario files.",
                                                    subcommands: [Lint.self, New.self, Preview.self, Schema.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new scenario from a lint-clean scaffold, ready to edit.")
        @Argument(help: "The new scenario's id: lowercase words joined by hyphens, such as `cache-poisoning`.")
        var id: String
        @Option(help: "The folder to write it into (default: the pack's Scenarios folder in the working folder).")
        var folder: String = "Scenarios"
        @OptionGroup var packOption: PackOption

        func run() throws {
            try ScaffoldCommand.run(id: id, folder: folder, pack: try packOption.load())
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Render a scenario's page, dashboards and a few traces at a moment, without playing.")
        @Argument(help: "The scenario id.")
        var scenario: String
        @Option(help: "Time after the page to look at, such as 30m (default 0m: the moment of the page).")
        var at: String = "0m"
        @Option(help: "The variant's seed (default 0, the first choice of every parameter).")
        var seed: UInt64 = 0
        @ArgumentParser.Flag(help: "Also show every registry (deploys, models, prompts, index, tools, evals, keys, flags, services, teams, usage).")
        var registries = false
        @OptionGroup var packOption: PackOption

        func run() throws {
            guard let at = SimDuration.parse(at) else { throw ValidationError("--at takes a duration such as 30m or 1h15m") }
            let options = PreviewCommand.Options(scenario: scenario, seed: seed, at: at, registries: registries)
            try PreviewCommand.run(options, pack: try packOption.load(), environment: ProcessInfo.processInfo.environment)
        }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the JSON Schema of a pack file kind, for an editor's YAML plugin.")
        @Option(help: "scenario, pack, costs or learn.")
        var kind: JSONSchemaWriter.FileKind = .scenario

        func run() throws {
            TerminalOutput().write(JSONSchemaWriter.schema(for: kind))
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check scenario files or folders: one `path:line:column: error: message` per problem.")
        @Argument(help: "Scenario files, or folders (a pack folder is checked with its own pack file).")
        var paths: [String] = []
        @OptionGroup var packOption: PackOption

        func run() throws {
            try LintCommand.run(paths: paths, pack: try packOption.load())
        }
    }
}

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List unfinished sessions and certification runs, or continue one where it stopped.")
    @Argument(help: "The number `nightshift resume` lists, or a journal or run.json path.")
    var target: String?
    @Option(help: "For a certification run: the private key, if it has moved since the run began.")
    var key: String?
    @OptionGroup var packOption: PackOption

    func run() throws {
        try ResumeCommand(pack: try packOption.load(), environment: ProcessInfo.processInfo.environment).run(target: target, keyPath: key)
    }
}

struct Certify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A proctored certification: several scenarios, no hints, a signed certificate.",
        discussion: "`certify --candidate … --key …` runs it on this machine, sealed with the proctor's key. With a PostgreSQL store the candidate's machine never holds the key: the proctor runs `certify open`, the candidate `certify join`, the proctor `certify sign`.",
        subcommands: [Local.self, Open.self, Join.self, Sign.self, Grant.self], defaultSubcommand: Local.self)

    struct Local: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "local", abstract: "Run a certification on this machine, sealed with the proctor's key.")
        @Option(help: "The candidate's name, as the certificate records it.")
        var candidate: String
        @Option(help: "The proctor's name.")
        var proctor: String
        @Option(help: "The proctor's private key (`nightshift keys new`).")
        var key: String
        @Option(help: "How many scenarios to draw (default 4).")
        var scenarios: Int = 4
        @Option(help: "The draw's seed (default: drawn by the tool); the proctor keeps it.")
        var seed: UInt64?
        @Option(help: "The folder for journals, run state and the certificate.")
        var out: String
        @OptionGroup var packOption: PackOption

        func run() throws {
            let options = CertificationRun.Options(candidate: candidate, proctor: proctor, key: key, scenarios: scenarios, seed: seed, out: out)
            try CertificationRun.start(options, pack: try packOption.load(), environment: ProcessInfo.processInfo.environment)
        }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Proctor: open a run in your PostgreSQL store and print its code.")
        @Option(help: "The candidate's name, as the certificate records it.")
        var candidate: String
        @Option(help: "The proctor's name.")
        var proctor: String
        @Option(help: "How many scenarios to draw (default 4).")
        var scenarios: Int = 4
        @Option(help: "The draw's seed (default: drawn by the tool).")
        var seed: UInt64?
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption

        func run() throws {
            try ProctoredCertification(pack: try packOption.load(), environment: ProcessInfo.processInfo.environment)
                .open(store: storeOption.store, candidate: candidate, proctor: proctor, scenarios: scenarios, seed: seed)
        }
    }

    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Candidate: play a proctored run; every line goes to the proctor's store as you play.")
        @Argument(help: "The run's code, from the proctor.")
        var code: String
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption

        func run() throws {
            try ProctoredCertification(pack: try packOption.load(), environment: ProcessInfo.processInfo.environment)
                .join(code: code, store: storeOption.store)
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Proctor: grade a proctored run from what your store received, and sign the certificate.")
        @Argument(help: "The run's code.")
        var code: String
        @Option(help: "The proctor's private key (`nightshift keys new`).")
        var key: String
        @Option(help: "The folder for the certificate.")
        var out: String
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption

        func run() throws {
            try ProctoredCertification(pack: try packOption.load(), environment: ProcessInfo.processInfo.environment)
                .sign(code: code, store: storeOption.store, keyPath: key, out: out)
        }
    }

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Proctor: let an existing PostgreSQL role play proctored runs (insert lines, never change them).")
        @Argument(help: "The candidates' role (create it first: CREATE ROLE name LOGIN PASSWORD '…').")
        var role: String
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption

        func run() throws {
            try ProctoredCertification(pack: try packOption.load(), environment: ProcessInfo.processInfo.environment)
                .grant(store: storeOption.store, role: role)
        }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a certificate: its signature, its scenarios against the pack, and every journal regraded.")
    @Argument(help: "certificate.json")
    var certificate: String
    @Option(name: .customLong("public-key"), help: "The proctor's public key (nightshift.pub).")
    var publicKey: String
    @OptionGroup var packOption: PackOption

    func run() throws {
        try VerifyCommand.run(certificatePath: certificate, publicKeyPath: publicKey, pack: try packOption.load())
    }
}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Ed25519 keys for signing certificates.", subcommands: [New.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write nightshift.key (owner-only) and nightshift.pub into a folder.")
        @Argument(help: "The folder.")
        var folder: String

        func run() throws {
            try KeysCommand.run(folder: folder)
        }
    }
}

struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pack", abstract: "The pack as a whole.", subcommands: [Manifest.self])

    struct Manifest: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the SHA-256 of every pack file, which `verify` checks certificates against.")
        @OptionGroup var packOption: PackOption

        func run() throws {
            TerminalOutput().write(PackManifest(try packOption.load()).encoded())
        }
    }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure command latency, scans, start-up, loading, regrading and memory (build with -c release).")
    @ArgumentParser.Flag(help: "Smaller counts, for a quick look.")
    var quick = false
    @Option(help: "Only these parts, comma-separated: commands, scans, startup, load, regrade, memory.")
    var only: String?
    @OptionGroup var packOption: PackOption

    func run() throws {
        let parts = Set((only ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        if let unknown = parts.first(where: { !BenchCommand.parts.contains($0) }) {
            throw ValidationError("unknown part `\(unknown)`; parts: \(BenchCommand.parts.joined(separator: ", "))")
        }
        try BenchCommand(pack: try packOption.load(), options: .init(quick: quick, only: parts)).run()
    }
}

struct Results: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Your past sessions, one again in full, and onboarding coverage per surface.",
        subcommands: [ListResults.self, Show.self, Sync.self], defaultSubcommand: ListResults.self)

    struct ListResults: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List finished sessions, with coverage per surface.")
        @Option(help: "Only this player's sessions.")
        var player: String?
        @Option(help: "Only this game day's sessions.")
        var gameday: String?
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption

        func run() throws {
            try ResultsCommand(pack: try packOption.load(), environment: ProcessInfo.processInfo.environment, store: storeOption.store)
                .list(player: player, gameday: gameday)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one finished session's grade again.")
        @Argument(help: "Its number in `nightshift results`, or its id.")
        var session: String
        @OptionGroup var storeOption: StoreOption
        @OptionGroup var packOption: PackOption

        func run() throws {
            try ResultsCommand(pack: try packOption.load(), environment: ProcessInfo.processInfo.environment, store: storeOption.store).show(session)
        }
    }

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send results that waited for an unreachable store.")
        @OptionGroup var packOption: PackOption

        func run() throws {
            try ResultsCommand(pack: try packOption.load(), environment: ProcessInfo.processInfo.environment, store: nil).sync()
        }
    }
}

struct Store: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Inspect a results store, or upgrade one of an older schema.",
                                                    subcommands: [Info.self, Migrate.self], defaultSubcommand: Info.self)

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say what a store is: engine, schema version, contents.")
        @OptionGroup var storeOption: StoreOption
        func run() throws {
            try StoreCommand(environment: ProcessInfo.processInfo.environment, store: storeOption.store).info()
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Upgrade a store to this nightshift's schema (every player then needs this version).")
        @OptionGroup var storeOption: StoreOption
        func run() throws {
            try StoreCommand(environment: ProcessInfo.processInfo.environment, store: storeOption.store).migrate()
        }
    }
}
