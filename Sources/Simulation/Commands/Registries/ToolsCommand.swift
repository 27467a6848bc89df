/// `tools`: tools, schema versions, error rates.
struct ToolsCommand: TraineeCommand {
    static let spec = CommandSpec("tools", usage: "tools", summary: "tools, schema versions, error rates", cost: .registry, group: .registries)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .drawn(ToolRegistryView(session: session).draw(width: width), cost: .registry)
    }
}
