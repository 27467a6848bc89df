/// `status`: the clock, impact so far, and everything the trainee declared and did.
struct StatusCommand: TraineeCommand {
    static let spec = CommandSpec("status", usage: "status", summary: "clock, impact, what you declared and did", cost: .status, group: .session)

    // Extra words are ignored, as they always were.
    init(_ words: [String]) {}

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .drawn(StatusView(session: session).draw(width: width), cost: .status)
    }
}
