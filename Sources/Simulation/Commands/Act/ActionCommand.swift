import ScenarioFormat

/// What the action commands share: their words read as a `WorldAction` (the same syntax
/// scenario files use), the action taken by the session, and a sentence about what it did.
protocol ActionCommand: TraineeCommand {
    var action: WorldAction { get }
    init(action: WorldAction)
    /// What the trainee reads once it is taken (or found already in place).
    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String
}

extension ActionCommand {
    init(_ words: [String]) throws(CommandProblem) {
        switch WorldAction.parse([Self.spec.name] + words) {
        case .failure(let problem): throw CommandProblem(problem.message.prefix(1).uppercased() + problem.message.dropFirst() + ".")
        case .success(let action): self.init(action: action)
        }
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        if let problem = session.problem(with: action) { return .error(problem) }
        let outcome = session.act(action)
        var lines = describe(outcome, in: session).wrapped(to: width - 2).map { Line(" " + $0, .bold) }
        if let says = outcome.consequence { lines += says.wrapped(to: width - 2).map { Line(" " + $0, .warning) } }
        return .message(lines, cost: Self.spec.cost)
    }
}
