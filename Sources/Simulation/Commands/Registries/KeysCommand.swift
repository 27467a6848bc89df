/// `keys`: API keys, owners, status.
struct KeysCommand: TraineeCommand {
    static let spec = CommandSpec("keys", usage: "keys", summary: "API keys, owners, status", cost: .registry, group: .registries)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .drawn(KeyRegistryView(session: session).draw(width: width), cost: .registry)
    }
}
