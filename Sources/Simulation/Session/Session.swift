import ScenarioFormat

/// One trainee's incident as a small state machine: the scenario, the world as it has
/// evolved, the clock and everything done. `apply` takes one input, changes the state, and
/// returns what to show; what a command draws is a view of that state at a width. No
/// printing, files or wall clock inside. The same inputs give the same screens, byte for byte.
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

    /// The page's title with the numbers it fired with.
    var firedTitle: String { pageTitle ?? renderedPageTitle() }

    /// The opening screen: the page, and how to start.
    public mutating func opening(width: Int) -> Screen {
        let width = max(40, min(400, width))
        if pageTitle == nil { pageTitle = renderedPageTitle() }
        return Screen(lines: PageView(session: self).opening(width: width).flatMap { $0.fitted(to: width) })
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
        let width = input.width
        guard ended == nil else {
            return Screen(lines: [Line(" The session has ended. Start another with `nightshift play`.", .dim)])
        }
        let wall = wallTime(of: input)
        guard now + wall <= Self.shift else {
            // The shift ran out before the input arrived: it is not applied.
            return handOver(CommandOutput(), notifications: [], width: width)
        }
        var notifications = advance(by: wall)
        var output: CommandOutput
        switch input.kind {
        case .tick:
            output = CommandOutput()
        case .inject(let from, let text):
            record.injects.append((now, from, text))
            notifications.append(Notice(time: now, from: from, text: text, style: .warning))
            output = CommandOutput()
        case .endOfInput:
            pending = nil
            ended = .gaveUp
            output = .message([Line(" End of input: the incident is left as it stands (given up at \(clock.clock(now))).", .dim)])
        case .line(let text):
            if let question = pending {
                output = answer(question, with: text, width: width)
            } else {
                output = run(text, width: width)
                record.commands.append(SessionRecord.Command(at: now, text: text, name: commandName(text), cost: cost(output), accepted: output.accepted))
            }
        }
        let evidence = output.evidence
        for id in evidence where record.evidenceSeen[id] == nil { record.evidenceSeen[id] = now }
        for id in evidence where id.kind == .trace && !record.shownTraces.contains(id.value) { record.shownTraces.append(id.value) }
        let spent = cost(output), left = Self.shift - now
        if spent > left, ended == nil { return handOver(output, notifications: notifications, width: width) }
        notifications += advance(by: min(spent, left))
        return screen(output, notifications: notifications, width: width)
    }

    /// Ends the session at the end of the shift: what falls due until then is delivered, and
    /// the last thing on screen says the incident was handed over.
    private mutating func handOver(_ output: CommandOutput, notifications: [Notice], width: Int) -> Screen {
        var notifications = notifications + advance(by: Self.shift - now)
        pending = nil
        ended = .handedOver
        let text = "Your shift is over, \(Self.shift.spoken) after the page. The incident is handed over as it stands, and graded now."
        notifications.append(Notice(time: now, from: "Handover", text: text, style: .warning))
        return screen(output, notifications: notifications, width: width)
    }

    /// Every screen fits the terminal, whatever its renderer did.
    private func screen(_ output: CommandOutput, notifications: [Notice], width: Int) -> Screen {
        let fitted = notifications.map { $0.notification(clock: clock, width: width) }
        return Screen(lines: output.lines.flatMap { $0.fitted(to: width) }, evidence: Array(Set(output.evidence)).sorted(), notifications: fitted)
    }

    private func commandName(_ text: String) -> String {
        (try? CommandTokenizer.split(text).get())?.first ?? ""
    }

    /// The simulated time an output costs: the command's price plus any per-item price.
    func cost(_ output: CommandOutput) -> SimDuration {
        guard let key = output.cost else { return output.elapsed }
        var total = costs.cost(of: key.rawValue) + output.elapsed
        let perItem = costs.perItemCost(of: key.rawValue)
        if output.items > 0 { total += SimDuration(milliseconds: perItem.milliseconds * Int64(output.items)) }
        return total
    }

    // MARK: Running a command

    /// Reads the line into a typed command and runs it; a line that does not read is refused.
    mutating func run(_ text: String, width: Int) -> CommandOutput {
        switch CommandRegistry.parse(text) {
        case .failure(let problem): return .error(problem)
        case .success(nil): return CommandOutput()
        case .success(let command?): return command.run(in: &self, width: width)
        }
    }

    /// Holds the next line as the answer to a question.
    mutating func ask(_ question: PendingQuestion) { pending = question }

    mutating func answer(_ question: PendingQuestion, with text: String, width: Int) -> CommandOutput {
        switch question {
        case .confirmQuit:
            let reply = text.trimmingCharacters(in: .whitespaces).lowercased()
            if ["y", "yes"].contains(reply) {
                pending = nil
                ended = .quit
                return .message([Line(" Left the incident at \(clock.clock(now)), \(now.spoken) after the page.", .dim)])
            }
            if ["n", "no", ""].contains(reply) {
                pending = nil
                return .message([Line(" Staying on the incident.", .dim)])
            }
            return .message([Line(" Answer y or n: leave the incident now?", .warning)])
        case .postmortem(let field, let answers):
            return postmortemAnswer(field: PostmortemField.allCases[field], answers: answers, text: text, width: width)
        }
    }
}
