/// `quit`: asks first; the answer ends the session or keeps it.
struct QuitCommand: TraineeCommand {
    static let spec = CommandSpec("quit", usage: "quit", summary: "leave (asks first)", cost: .quit, group: .session)

    init(_ words: [String]) {}

    func run(in session: inout Session, width: Int) -> CommandOutput {
        session.ask(.confirmQuit)
        return .message([Line(" Leave the incident now? It will be graded as it stands. (y/n)", .warning)])
    }
}
