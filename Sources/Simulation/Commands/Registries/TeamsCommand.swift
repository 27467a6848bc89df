/// `teams`: who you can page and what they own.
struct TeamsCommand: TraineeCommand {
    static let spec = CommandSpec("teams", usage: "teams", summary: "who you can page and what they own", cost: .teams, group: .registries)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .drawn(TeamsView(session: session).draw(width: width), cost: .teams)
    }
}
