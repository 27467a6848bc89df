/// `resolve`: claim the incident is mitigated. Accepted when asked; never an oracle.
struct ResolveCommand: TraineeCommand {
    static let spec = CommandSpec("resolve", usage: "resolve", summary: "claim the incident is mitigated",
                                  details: "Accepted when asked. If the cause is still there, the incident reopens.", cost: .resolve, group: .respond)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        session.resolve()
        // The same words whether or not the cause is gone: `resolve` is not an oracle.
        return .message([
            Line(" Incident marked mitigated at \(session.clock.clock(session.now)), \(session.now.spoken) after the page.", .bold),
            Line(session.settings.mode == .certification ? " If it fires again you will hear. Next: `postmortem`, or `quit` to end this scenario."
                                                         : " If it fires again you will hear. Next: `postmortem`, or `quit` for your grade.", .dim),
        ], cost: .resolve)
    }
}
