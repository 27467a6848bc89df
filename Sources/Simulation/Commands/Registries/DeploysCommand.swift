/// `deploys`: the code deploy log.
struct DeploysCommand: TraineeCommand {
    static let spec = CommandSpec("deploys", usage: "deploys", summary: "the code deploy log", cost: .registry, group: .registries)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .drawn(DeployLogView(session: session).draw(width: width), cost: .registry)
    }
}
