import ScenarioFormat

/// One trainee's incident as a value: the scenario, the world as it has evolved, the clock
/// and everything done. `apply` takes one input and returns what to show; no printing,
/// files or wall clock inside. The same inputs give the same screens, byte for byte.
public struct Session: Sendable {
    public let scenario: Scenario
    public let pack: Pack
    public let costs: CostTable
    public let model: TrafficModel
    public let clock: ClockFace
    public let settings: SessionSettings
    public internal(set) var now: SimDuration = .zero
    public internal(set) var world: WorldState
    public internal(set) var record = SessionRecord()
    public internal(set) var pending: PendingQuestion?
    public internal(set) var ended: SessionEnd?
    /// Columns of the screen being built.
    var width = 100
    /// The page's title as it fired, read once: its numbers are those at the page time.
    var pageTitle: String?
    /// False when a journal is replayed only to be graded: commands whose evidence does not
    /// depend on what they draw (dashboards) skip drawing. Screens are otherwise identical.
    public var drawsScreens = true

    public init(scenario: Scenario, pack: Pack, costs: CostTable, settings: SessionSettings) {
        self.scenario = scenario
        self.pack = pack
        self.costs = costs
        self.settings = settings
        self.clock = ClockFace(pageEpoch: scenario.page.epochSeconds)
        let world = WorldState(scenario: scenario)
        self.world = world
        self.model = TrafficModel(scenario: scenario, pack: pack, world: world)
    }

    /// What a command produced before the session wraps it.
    struct Output {
        var lines: [Line] = []
        var evidence: [String] = []
        /// Cost key in the pack's cost table; nil costs nothing (errors, help).
        var cost: String?
        var items = 0
        var accepted = true
        /// Simulated time the command itself lets pass (`wait`), on top of its cost.
        var elapsed: SimDuration = .zero

        static func error(_ text: String) -> Output {
            Output(lines: [Line(" " + text, .bad)], cost: nil, accepted: false)
        }

        static func message(_ lines: [Line], cost: String? = nil) -> Output { Output(lines: lines, cost: cost) }
    }

    /// The opening screen: the page, and how to start.
    public mutating func opening(width: Int) -> Screen {
        self.width = max(40, min(400, width))
        if pageTitle == nil { pageTitle = renderedPageTitle() }
        var lines = pageBanner()
        let teaching = settings.allowsTeaching ? "Type `help` for commands, `learn` for the AI on-call primer." : "Type `help` for commands. No hints or primer in certification."
        lines.append(Line(" " + teaching + " " + (settings.wallScale > 0 ? "The clock is running." : "The clock moves as you work."), .dim))
        return Screen(lines: lines.flatMap { $0.fitted(to: self.width) })
    }

    /// How long a shift lasts. An input that would take the clock past `shift` after the page
    /// ends the session there, handed over as it stands: so a session of any length ends, and
    /// nothing reads the world past the traffic a scenario has (three days after the page).
    public static let shift = SimDuration.hours(24)

    /// Where the clock stands when `input` is applied: now plus its scaled wall time, never
    /// past the end of the shift. Live play journals this as `at_ms`; a replay compares it.
    public func arrival(of input: SessionInput) -> SimDuration {
        min(Self.shift, now + wallTime(of: input))
    }

    /// The input's wall time on the simulated clock, counted only to just past the shift's end:
    /// enough to tell that it ran out, and never a number that overflows.
    private func wallTime(of input: SessionInput) -> SimDuration {
        settings.simulated(wallMilliseconds: input.wallDelta, atMost: Self.shift - now + SimDuration(milliseconds: 1))
    }

    /// Applies one input: time passes, the command runs at the new time, then its cost passes.
    public mutating func apply(_ input: SessionInput) -> Screen {
        width = input.width
        guard ended == nil else {
            return Screen(lines: [Line(" The session has ended. Start another with `nightshift play`.", .dim)])
        }
        let wall = wallTime(of: input)
        guard now + wall <= Self.shift else {
            // The shift ran out before the input arrived: it is not applied.
            return handOver(Output(cost: nil), notifications: [])
        }
        var notifications = advance(by: wall)
        var output: Output
        switch input.kind {
        case .tick:
            output = Output(cost: nil)
        case .inject(let from, let text):
            record.injects.append((now, from, text))
            notifications.append(notification(at: now, from: from, text: text, style: .warning))
            output = Output(cost: nil)
        case .endOfInput:
            pending = nil
            ended = .gaveUp
            output = .message([Line(" End of input: the incident is left as it stands (given up at \(clock.clock(now))).", .dim)])
        case .line(let text):
            if let question = pending {
                output = answer(question, with: text)
            } else {
                output = run(text)
                record.commands.append(SessionRecord.Command(at: now, text: text, name: commandName(text), cost: cost(output), accepted: output.accepted))
            }
        }
        let evidence = output.evidence
        for id in evidence where record.evidenceSeen[id] == nil { record.evidenceSeen[id] = now }
        for id in evidence where id.hasPrefix("trace:") {
            let trace = String(id.dropFirst(6))
            if !record.shownTraces.contains(trace) { record.shownTraces.append(trace) }
        }
        let spent = cost(output), left = Self.shift - now
        if spent > left, ended == nil { return handOver(output, notifications: notifications) }
        notifications += advance(by: min(spent, left))
        return screen(output, notifications: notifications)
    }

    /// Ends the session at the end of the shift: what falls due until then is delivered, and
    /// the last thing on screen says the incident was handed over.
    private mutating func handOver(_ output: Output, notifications: [Notification]) -> Screen {
        var notifications = notifications + advance(by: Self.shift - now)
        pending = nil
        ended = .handedOver
        let text = "Your shift is over, \(Self.shift.spoken) after the page. The incident is handed over as it stands, and graded now."
        notifications.append(notification(at: now, from: "Handover", text: text, style: .warning))
        return screen(output, notifications: notifications)
    }

    /// Every screen fits the terminal, whatever its renderer did.
    private func screen(_ output: Output, notifications: [Notification]) -> Screen {
        let fitted = notifications.map { note in Notification(time: note.time, from: note.from, text: note.text, lines: note.lines.flatMap { $0.fitted(to: width) }) }
        return Screen(lines: output.lines.flatMap { $0.fitted(to: width) }, evidence: Array(Set(output.evidence)).sorted(), notifications: fitted)
    }

    private func commandName(_ text: String) -> String {
        (try? CommandTokenizer.split(text).get())?.first ?? ""
    }

    /// The simulated time an output costs: the command's price plus any per-item price.
    func cost(_ output: Output) -> SimDuration {
        guard let key = output.cost else { return output.elapsed }
        var total = costs.cost(of: key) + output.elapsed
        let perItem = costs.perItemCost(of: key)
        if output.items > 0 { total += SimDuration(milliseconds: perItem.milliseconds * Int64(output.items)) }
        return total
    }

    // MARK: Running a command

    mutating func run(_ text: String) -> Output {
        let words: [String]
        switch CommandTokenizer.split(text) {
        case .failure(let problem): return .error(problem.message)
        case .success(let split): words = split
        }
        guard let name = words.first else { return Output(cost: nil) }
        let args = Array(words.dropFirst())
        guard let spec = CommandCatalog.spec(name) else {
            if let guess = Suggestion.closest(to: name, in: CommandCatalog.names) {
                return .error("Unknown command `\(name.truncated(to: 40))`. Did you mean `\(guess)`? (`help` lists commands.)")
            }
            return .error("Unknown command `\(name.truncated(to: 40))`. `help` lists commands.")
        }
        var output: Output
        switch spec.name {
        case "help": output = help(args)
        case "page": output = .message(pageBanner(), cost: "page")
        case "status": output = status()
        case "wait": output = wait(args)
        case "dash": output = dash(args)
        case "metric": output = metric(args)
        case "traces": output = traces(args)
        case "trace": output = trace(args)
        case "samples": output = samples(args)
        case "logs": output = logs(args)
        case "deploys": output = args.isEmpty ? deploys() : usageError(spec)
        case "models": output = args.isEmpty ? models() : usageError(spec)
        case "prompts": output = prompts(args)
        case "index": output = args.isEmpty ? indexes() : usageError(spec)
        case "evals": output = args.isEmpty ? evals() : usageError(spec)
        case "tools": output = args.isEmpty ? tools() : usageError(spec)
        case "usage": output = usage(args)
        case "keys": output = args.isEmpty ? keys() : usageError(spec)
        case "flags": output = args.isEmpty ? flags() : usageError(spec)
        case "services": output = args.isEmpty ? services() : usageError(spec)
        case "teams": output = args.isEmpty ? teams() : usageError(spec)
        case "runbook": output = runbook()
        case "learn": output = learn(args)
        case "hint": output = hint()
        case "declare": output = declare(args)
        case "escalate": output = escalate(args)
        case "update": output = update(args)
        case "resolve": output = args.isEmpty ? resolve() : usageError(spec)
        case "postmortem": output = startPostmortem()
        case "quit":
            pending = .confirmQuit
            output = .message([Line(" Leave the incident now? It will be graded as it stands. (y/n)", .warning)])
        default:
            output = act(words, spec: spec)
        }
        return output
    }

    func usageError(_ spec: CommandSpec) -> Output {
        .error("Usage: \(spec.usage)")
    }

    mutating func answer(_ question: PendingQuestion, with text: String) -> Output {
        switch question {
        case .confirmQuit:
            let reply = text.trimmingCharacters(in: .whitespaces).lowercased()
            if ["y", "yes"].contains(reply) {
                pending = nil
                ended = .quit
                return .message([Line(" Left the incident at \(clock.clock(now)), \(elapsed(now)) after the page.", .dim)])
            }
            if ["n", "no", ""].contains(reply) {
                pending = nil
                return .message([Line(" Staying on the incident.", .dim)])
            }
            return .message([Line(" Answer y or n: leave the incident now?", .warning)])
        case .postmortem(let field, let answers):
            return postmortemAnswer(field: field, answers: answers, text: text)
        }
    }

    /// `8 min`, `1 h 12 min`: time since the page.
    func elapsed(_ time: SimDuration) -> String { time.spoken }

    /// Parses `--name value` and `--name=value` flags; the rest are positional.
    func parseFlags(_ args: [String], allowed: [String], repeating: Set<String> = [], switches: Set<String> = []) -> Result<(positional: [String], flags: [(String, String)]), CommandProblem> {
        var positional: [String] = [], flags: [(String, String)] = []
        var index = 0
        while index < args.count {
            let arg = args[index]
            if arg.hasPrefix("--") {
                var name = arg, value: String?
                if let equals = arg.firstIndex(of: "=") { name = String(arg[..<equals]); value = String(arg[arg.index(after: equals)...]) }
                guard allowed.contains(name) || switches.contains(name) else {
                    let known = allowed + Array(switches)
                    let guess = Suggestion.closest(to: name, in: known)
                    return .failure(CommandProblem("Unknown option `\(name.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? (known.isEmpty ? "; this command takes none." : "; it takes " + known.sorted().joined(separator: ", ") + "."))))
                }
                if switches.contains(name) {
                    flags.append((name, "true"))
                } else {
                    if value == nil {
                        guard index + 1 < args.count else { return .failure(CommandProblem("`\(name)` needs a value.")) }
                        index += 1
                        value = args[index]
                    }
                    if !repeating.contains(name), flags.contains(where: { $0.0 == name }) { return .failure(CommandProblem("`\(name)` is given twice.")) }
                    flags.append((name, value!))
                }
            } else {
                positional.append(arg)
            }
            index += 1
        }
        return .success((positional, flags))
    }

    /// Reads a `--window` value; windows run from 5 minutes to 7 days.
    func window(_ text: String?, default fallback: SimDuration) -> Result<SimDuration, CommandProblem> {
        guard let text else { return .success(fallback) }
        guard let value = SimDuration.parse(text), value > .zero else {
            return .failure(CommandProblem("`\(text.truncated(to: 20))` is not a window; write 30m, 6h or 1d."))
        }
        guard value >= .minutes(5), value <= .days(7) else { return .failure(CommandProblem("Windows run from 5m to 7d.")) }
        return .success(value)
    }
}

import Foundation

/// Why a command line could not be run, in the words shown to the trainee.
struct CommandProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
