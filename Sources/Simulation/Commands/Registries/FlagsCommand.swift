/// `flags`: feature flags and their history.
struct FlagsCommand: TraineeCommand {
    static let spec = CommandSpec("flags", usage: "flags", summary: "feature flags and their history", cost: .registry, group: .registries)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .drawn(FlagRegistryView(session: session).draw(width: width), cost: .registry)
    }
}
