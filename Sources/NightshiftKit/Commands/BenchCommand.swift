import Foundation
import Grading
import ScenarioFormat
import Simulation

/// `nightshift bench`: the numbers in docs/performance.md, measured on this machine. Build
/// it in release (`swift run -c release nightshift bench`); a debug build measures the
/// debugger's overhead. Each figure prints as a Markdown table row.
public struct BenchCommand {
    public struct Options: Sendable {
        /// Smaller counts, for a smoke run (the numbers are then only indicative).
        public var quick: Bool
        public var only: Set<String>

        public init(quick: Bool, only: Set<String>) {
            self.quick = quick
            self.only = only
        }
    }

    let pack: LoadedPack
    let options: Options
    let output = TerminalOutput()

    public init(pack: LoadedPack, options: Options) {
        self.pack = pack
        self.options = options
    }

    public static let parts = ["commands", "scans", "startup", "load", "regrade", "memory"]

    public func run() throws(NightshiftError) {
        #if DEBUG
        output.error("warning: this is a debug build; for the figures in docs/performance.md run `swift run -c release nightshift bench`")
        #endif
        guard let largest = largestScenario() else { throw .nothingToMeasure(pack.origin) }
        output.line("Nightshift \(Engine.version) bench · \(ProcessInfo.processInfo.activeProcessorCount) cores · "
                    + "\(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB · largest scenario \(largest.id) (\(largest.text.count / 1024) KiB)")
        let wanted = options.only.isEmpty ? Set(Self.parts) : options.only
        if wanted.contains("commands") { commandLatency(largest) }
        if wanted.contains("scans") { windowScans(largest) }
        if wanted.contains("startup") { startup() }
        if wanted.contains("load") { loading() }
        if wanted.contains("regrade") { regrading() }
        if wanted.contains("memory") { memory(largest) }
    }

    // MARK: Helpers

    /// The shipped scenario with the largest file.
    func largestScenario() -> ScenarioSource? {
        pack.contents.scenarios.max { $0.text.utf8.count < $1.text.utf8.count }
    }

    func session(_ source: ScenarioSource, seed: UInt64 = 0) -> Session? {
        guard let scenario = source.instantiate(seed: seed, pack: pack.contents.pack).0 else { return nil }
        var session = Session(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs, settings: SessionSettings(mode: .onboarding, clock: .sim))
        _ = session.opening(width: 100)  // as a played session starts: the page is read once
        return session
    }

    /// Milliseconds a block takes.
    static func time(_ work: () -> Void) -> Double {
        let start = ContinuousClock.now
        work()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count - 1)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    static func ms(_ value: Double) -> String {
        value < 1 ? String(format: "%.3f", value) : (value < 100 ? String(format: "%.2f", value) : String(format: "%.0f", value))
    }

    /// A session's commands, cycling through every look, registry and respond command with
    /// arguments read from the scenario (its dashboards, services, alias, tools, flags).
    static func script(for session: Session, count: Int) -> [String] {
        // Every command the registry lists, with arguments from this scenario's world; then
        // the forms that scan (filters, counts, every dashboard) and a few that are refused.
        var cycle = CommandRegistry.specs.compactMap { invocation(of: $0, in: session) }
        cycle += ["traces --limit 20", "traces --errors --limit 10", "traces --where feedback=down --limit 10", "traces --by gen_ai.response.model",
                  "samples 3", "usage --by tenant", "help traces", "trace 0000000", "models extra", "dash nonexistent"]
        cycle += session.pack.dashboards.map { "dash \($0.id)" }
        if let flag = session.scenario.world.flags.first?.id { cycle += ["flag \(flag) off"] }
        return (0..<count).map { cycle[$0 % cycle.count] }
    }

    /// A command as a trainee would type it here: each argument the first thing of its kind in
    /// the world. Nil for commands a benchmark must not run (leaving, waiting, the form).
    static func invocation(of spec: CommandSpec, in session: Session) -> String? {
        guard !["quit", "wait", "postmortem", "resolve", "hint"].contains(spec.name) else { return nil }
        let world = session.scenario.world
        func first(_ kind: CommandSpec.ArgumentKind) -> String? {
            switch kind {
            case .dashboard: return session.pack.dashboards.first?.id
            case .metric: return session.pack.metrics.first?.id
            case .service: return world.services.first?.id
            case .alias: return world.models.first?.alias
            case .promptVersion: return world.prompts.first?.versions.first?.id
            case .region: return world.regions.first
            case .replica: return world.indexes.first?.replicas.first?.id
            case .key, .keyOrTenant: return world.keys.first?.id
            case .tenant: return world.tenants.first?.id
            case .tool: return world.tools.first?.id
            case .flag: return world.flags.first?.id
            case .onOff: return "on"
            case .surface: return session.scenario.truth.surface
            case .team: return session.scenario.teams.first?.id
            case .deploy: return world.deploys.first?.id
            case .topic: return session.pack.topics.first?.id
            case .usageBy: return "key"
            case .command, .traceID, .attribute, .version, .none: return nil
            }
        }
        var words = [spec.name]
        for argument in spec.arguments {
            switch argument {
            case .word(let kind):
                // Optional arguments (a dashboard, a topic, a command to explain) are left out when there is none.
                guard let value = first(kind) else { return words.count == 1 && [.dashboard, .command, .topic].contains(kind) ? words.joined(separator: " ") : nil }
                words.append(value)
            case .keyword(let options):
                guard spec.name != "prompts" else { return spec.name }  // `prompts` alone is the registry; its diff is optional
                words.append(options[0])
            case .versionOfAlias(let at):
                guard let version = world.alias(words[at + 1])?.versions.first?.id else { return nil }
                words.append(version)
            case .after(let at, let kinds):
                guard let value = kinds[words[at + 1]].flatMap(first) else { return nil }
                words.append(value)
            case .text:
                switch spec.name {
                case "scale": words.append("4")
                case "ratelimit": words.append("1000")
                case "samples": words.append("3")
                case "escalate", "update": words.append("\"investigating \(session.scenario.page.service)\"")
                default: continue
                }
            }
        }
        return words.joined(separator: " ")
    }

    /// Commands that scan a window of traffic rather than look something up.
    static func isWindowScan(_ line: String) -> Bool {
        let verb = line.split(separator: " ").first.map(String.init) ?? ""
        return ["dash", "metric", "samples", "logs", "usage", "status"].contains(verb) || line.contains("--by") || line.contains("--where") || line.contains("--errors")
    }

    // MARK: The figures

    func commandLatency(_ source: ScenarioSource) {
        guard var session = session(source) else { return }
        let count = options.quick ? 200 : 1200
        var timings: [String: [Double]] = [:]
        for line in Self.script(for: session, count: count) {
            let name = line.hasPrefix("dash ") ? "dash NAME" : (line.split(separator: " ").prefix(line.hasPrefix("traces") ? 2 : 1).joined(separator: " "))
            let elapsed = Self.time { _ = session.apply(SessionInput(.line(line), width: 100)) }
            timings[name, default: []].append(elapsed)
        }
        output.line("")
        output.line("REPL commands on \(source.id), \(count) commands over \(session.clock.clock(session.now)) of simulated time (ms):")
        output.line("| command | runs | median | p99 | kind |")
        output.line("| --- | ---: | ---: | ---: | --- |")
        for (name, values) in timings.sorted(by: { Self.percentile($0.value, 0.99) > Self.percentile($1.value, 0.99) }) {
            let kind = Self.isWindowScan(name) ? "window scan" : "point"
            output.line("| `\(name)` | \(values.count) | \(Self.ms(Self.percentile(values, 0.5))) | \(Self.ms(Self.percentile(values, 0.99))) | \(kind) |")
        }
        let point = timings.filter { !Self.isWindowScan($0.key) }.values.flatMap { $0 }
        output.line("Point commands overall: median \(Self.ms(Self.percentile(point, 0.5))) ms, p99 \(Self.ms(Self.percentile(point, 0.99))) ms (goal: p99 under 5 ms).")
    }

    func windowScans(_ source: ScenarioSource) {
        guard var session = session(source) else { return }
        // A window that holds a million requests at this scenario's traffic rate.
        let target = options.quick ? 100_000 : 1_000_000
        let perHour = session.requestCount(from: -.hours(1), to: .zero)
        let hours = max(1, min(7 * 24, (target + perHour - 1) / max(1, perHour)))
        let inWindow = session.requestCount(from: session.now - .hours(Int64(hours)), to: session.now)
        let window = "\(hours)h"
        let attribute = "gen_ai.response.model"
        let scans = ["traces --by \(attribute) --window \(window)", "traces --where feedback=down --window \(window) --limit 20",
                     "traces --where \"duration_ms>999999\" --window \(window)", "samples 5 --where feedback=down",
                     "metric thumbs_down_pct --window \(window)", "traces --by region --window 6h", "metric requests_per_min --window 24h"]
        output.line("")
        output.line("Window scans on \(source.id): \(window) holds \(inWindow) simulated requests (\(perHour)/h). Milliseconds, median of 5 (max):")
        output.line("| scan | median | max | RSS growth |")
        output.line("| --- | ---: | ---: | ---: |")
        for line in scans {
            var timings: [Double] = []
            let before = Self.residentBytes()
            for _ in 0..<5 {
                var look = session
                timings.append(Self.time { _ = look.apply(SessionInput(.line(line), width: 100)) })
            }
            let growth = max(0, Self.residentBytes() - before)
            output.line("| `\(line)` | \(Self.ms(Self.percentile(timings, 0.5))) | \(Self.ms(timings.max() ?? 0)) | \(growth / 1024) KiB |")
        }
        _ = session.apply(SessionInput(.line("status"), width: 100))
    }

    func startup() {
        let runs = options.quick ? 5 : 21
        guard let executable = Self.executablePath() else { return }
        var timings: [Double] = []
        for _ in 0..<runs {
            if let elapsed = Self.timeToFirstPrompt(executable: executable, arguments: ["play", "silent-alias-upgrade", "--seed", "0"]) { timings.append(elapsed) }
        }
        output.line("")
        output.line("Process start to first prompt (`play silent-alias-upgrade`, built-in pack, piped): median \(Self.ms(Self.percentile(timings, 0.5))) ms, "
                    + "p90 \(Self.ms(Self.percentile(timings, 0.9))) ms over \(timings.count) runs (goal: under 30 ms).")
    }

    func loading() {
        let runs = options.quick ? 2 : 5
        var loads: [Double] = [], checks: [Double] = []
        for _ in 0..<runs {
            loads.append(Self.time { _ = PackLoader.load(files: pack.files) })
            checks.append(Self.time { _ = LintCommand.lint(contents: pack.contents) })
        }
        output.line("")
        output.line("Loading and validating:")
        output.line("| pack | scenarios | load (parse + index) | validate every scenario at 21 seeds |")
        output.line("| --- | ---: | ---: | ---: |")
        output.line("| shipped | \(pack.contents.scenarios.count) | \(Self.ms(Self.percentile(loads, 0.5))) ms | \(Self.ms(Self.percentile(checks, 0.5))) ms |")
        // A generated pack: copies of the shipped scenarios under new ids.
        let count = options.quick ? 100 : 500
        let sources = pack.contents.scenarios
        let shipped = Set(sources.map { "Scenarios/\($0.id).yaml" })
        var files = pack.files.filter { !shipped.contains($0.path) }
        for index in 0..<count {
            let source = sources[index % sources.count]
            let id = "\(source.id)-\(index)"
            files.append(("Scenarios/\(id).yaml", source.text.replacingOccurrences(of: "id: \(source.id)\n", with: "id: \(id)\n")))
        }
        var generated: PackContents?
        let load = Self.time { generated = PackLoader.load(files: files) }
        guard let generated else { return }
        let instantiate = Self.time { for source in generated.scenarios { _ = source.instantiate(seed: 0, pack: generated.pack) } }
        output.line("| generated | \(generated.scenarios.count) | \(Self.ms(load)) ms | \(Self.ms(instantiate)) ms (one seed each) |")
    }

    func regrading() {
        guard let rubric = pack.rubric(for: .onboarding).rubric else { return }
        // Journals: a short expert-like session for each scenario and seed, played once.
        let seeds: [UInt64] = Array(0..<(options.quick ? 3 : 20))
        var journals: [(scenario: Scenario, header: JournalHeader, entries: [JournalEntry])] = []
        for source in pack.contents.scenarios {
            for seed in seeds {
                guard var session = session(source, seed: seed) else { continue }
                let truth = session.scenario.truth
                let lines = ["dash overview", "traces --limit 5", "declare \(truth.surface)", truth.mitigations.first?.action.value.description ?? "status",
                             "update \"mitigating\"", "dash overview", "resolve", "quit", "y"]
                var entries: [JournalEntry] = []
                for (index, line) in lines.enumerated() {
                    let kind: JournalEntry.Kind = session.pending == nil ? .command : .confirm
                    entries.append(JournalEntry(seq: index + 1, type: kind, text: line, atMs: session.now.milliseconds, wallMs: 0, width: 100))
                    _ = session.apply(SessionInput(.line(line), width: 100))
                }
                let header = JournalHeader(scenario: source.id, scenarioSHA256: "-", packVersion: pack.contents.pack.version, costsVersion: pack.contents.costs.version,
                                           costsSHA256: "-", seed: seed, settings: session.settings, width: 100, started: "-")
                journals.append((session.scenario, header, entries))
            }
        }
        let total = options.quick ? 500 : 10_000
        // Twice: each journal graded on its own, then with one memo across the batch, as a
        // game day's journals share their variants (the do-nothing reference is then worked
        // out once per variant). The scores must not differ.
        func regrade(memo: GradingMemo?) -> (seconds: Double, scores: Int) {
            var scores = 0
            let elapsed = Self.time {
                for index in 0..<total {
                    let journal = journals[index % journals.count]
                    if let grade = try? Grader.grade(scenario: journal.scenario, pack: pack.contents.pack, costs: pack.contents.costs, rubric: rubric,
                                                     header: journal.header, entries: journal.entries, memo: memo) {
                        scores += grade.score
                    }
                }
            }
            return (elapsed, scores)
        }
        let alone = regrade(memo: nil), shared = regrade(memo: GradingMemo())
        output.line("")
        output.line("Regrading \(total) journals (\(journals.count) distinct variants, 9 inputs each, scenarios instantiated once) on one core (goal: under 10 s):")
        output.line("  each on its own:           \(Self.ms(alone.seconds)) ms, \(Self.ms(alone.seconds / Double(total))) ms each. Mean score \(alone.scores / max(1, total)).")
        output.line("  one memo across the batch: \(Self.ms(shared.seconds)) ms, \(Self.ms(shared.seconds / Double(total))) ms each. Mean score \(shared.scores / max(1, total))"
                    + (shared.scores == alone.scores ? " (the same grades)." : " — THE GRADES DIFFER."))
    }

    func memory(_ source: ScenarioSource) {
        guard let executable = Self.executablePath(), var probe = session(source) else { return }
        let lines = Self.script(for: probe, count: options.quick ? 200 : 1200) + ["quit", "y"]
        _ = probe.apply(SessionInput(.line("status"), width: 100))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["play", source.id, "--seed", "0", "--journal", NSTemporaryDirectory() + "nightshift-bench-\(getpid()).jsonl"]
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = NSTemporaryDirectory() + "nightshift-bench-\(getpid())"
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return }
        input.fileHandleForWriting.write(Data(lines.joined(separator: "\n").appending("\n").utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        var usage = rusage()
        getrusage(Int32(RUSAGE_CHILDREN.rawValue), &usage)
        output.line("")
        output.line("Peak memory of a \(lines.count)-command session on \(source.id) (whole process, pack loaded, reports written): \(usage.ru_maxrss / 1024) MiB.")
        try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "nightshift-bench-\(getpid())")
        try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "nightshift-bench-\(getpid()).jsonl")
    }

    // MARK: Processes

    static func executablePath() -> String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? Bundle.main.executablePath
    }

    static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    /// Milliseconds from spawning the binary to the first prompt on its stdout.
    static func timeToFirstPrompt(executable: String, arguments: [String]) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = NSTemporaryDirectory() + "nightshift-bench-start-\(getpid())"
        environment["NIGHTSHIFT_PACK"] = nil
        process.environment = environment
        // From a folder without a pack, so the binary uses its built-in one, as an installed copy does.
        process.currentDirectoryURL = URL(fileURLWithPath: NSTemporaryDirectory())
        let input = Pipe(), outputPipe = Pipe()
        process.standardInput = input
        process.standardOutput = outputPipe
        process.standardError = FileHandle.nullDevice
        let start = ContinuousClock.now
        guard (try? process.run()) != nil else { return nil }
        // Piped, the prompt is printed as the first line is read, so the input goes first.
        input.fileHandleForWriting.write(Data("quit\ny\n".utf8))
        try? input.fileHandleForWriting.close()
        var seen = Data()
        var elapsed: Double?
        while elapsed == nil {
            let chunk = outputPipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
            if String(decoding: seen, as: UTF8.self).contains("on-call> ") {
                let duration = ContinuousClock.now - start
                elapsed = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            }
        }
        _ = outputPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "nightshift-bench-start-\(getpid())")
        return elapsed
    }
}
