/// `services`: services, owners, pods.
struct ServicesCommand: TraineeCommand {
    static let spec = CommandSpec("services", usage: "services", summary: "services, owners, pods", cost: .registry, group: .registries)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .drawn(ServiceRegistryView(session: session).draw(width: width), cost: .registry)
    }
}
