/// `evals`: eval sets, judges, recent gated runs.
struct EvalsCommand: TraineeCommand {
    static let spec = CommandSpec("evals", usage: "evals", summary: "eval sets, judges, recent gated runs", cost: .registry, group: .registries)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .drawn(EvalRegistryView(session: session).draw(width: width), cost: .registry)
    }
}
