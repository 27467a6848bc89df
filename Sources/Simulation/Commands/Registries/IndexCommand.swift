/// `index`: retrieval indexes, builds, replica health.
struct IndexCommand: TraineeCommand {
    static let spec = CommandSpec("index", usage: "index", summary: "retrieval indexes, builds, replica health", cost: .registry, group: .registries)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .drawn(IndexRegistryView(session: session).draw(width: width), cost: .registry)
    }
}
