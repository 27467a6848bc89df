/// `models`: model aliases and what they resolve to.
struct ModelsCommand: TraineeCommand {
    static let spec = CommandSpec("models", usage: "models", summary: "model aliases and what they resolve to", cost: .registry, group: .registries)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .drawn(ModelRegistryView(session: session).draw(width: width), cost: .registry)
    }
}
