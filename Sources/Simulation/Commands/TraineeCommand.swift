import ScenarioFormat

/// A command the trainee types, as a typed value: its file holds its spec, how its words are
/// read, what it does to the session, and (through a view) what it draws. `CommandRegistry`
/// lists every one; adding a command is a new file and a line there.
public protocol TraineeCommand: Sendable {
    static var spec: CommandSpec { get }
    /// Reads the words after the command's name, or says why they do not fit.
    init(_ words: [String]) throws(CommandProblem)
    /// Runs it: changes the session if it acts, and returns what to show, at `width` columns.
    func run(in session: inout Session, width: Int) -> CommandOutput
}

/// What a command produced, before the session wraps it into a screen.
public struct CommandOutput: Sendable {
    public var lines: [Line] = []
    public var evidence: [EvidenceID] = []
    /// Its price in the pack's cost table; nil costs nothing (errors, help, answers).
    public var cost: CostKey?
    /// Items read, for a per-item price (`samples`).
    public var items = 0
    public var accepted = true
    /// Simulated time the command itself lets pass (`wait`), on top of its cost.
    public var elapsed: SimDuration = .zero

    public init(lines: [Line] = [], evidence: [EvidenceID] = [], cost: CostKey? = nil, items: Int = 0, accepted: Bool = true, elapsed: SimDuration = .zero) {
        self.lines = lines
        self.evidence = evidence
        self.cost = cost
        self.items = items
        self.accepted = accepted
        self.elapsed = elapsed
    }

    /// A refusal: shown in the error style, runs nothing, costs nothing.
    public static func error(_ text: String) -> CommandOutput {
        CommandOutput(lines: [Line(" " + text, .bad)], cost: nil, accepted: false)
    }

    public static func error(_ problem: CommandProblem) -> CommandOutput { error(problem.message) }

    public static func message(_ lines: [Line], cost: CostKey? = nil) -> CommandOutput { CommandOutput(lines: lines, cost: cost) }

    /// What a view drew, charged at `cost`.
    public static func drawn(_ view: Drawn, cost: CostKey?, items: Int = 0) -> CommandOutput {
        CommandOutput(lines: view.lines, evidence: view.evidence, cost: cost, items: items)
    }
}

/// What a view draws: lines, and the evidence ids of what is on them.
public struct Drawn: Sendable {
    public var lines: [Line]
    public var evidence: [EvidenceID]

    public init(_ lines: [Line], evidence: [EvidenceID] = []) {
        self.lines = lines
        self.evidence = evidence
    }
}

extension TraineeCommand {
    /// The usage line as a refusal.
    static var usageError: CommandProblem { CommandProblem("Usage: \(spec.usage)") }

    /// For commands that take no words: any word is a usage error.
    static func none(_ words: [String]) throws(CommandProblem) {
        guard words.isEmpty else { throw usageError }
    }
}
