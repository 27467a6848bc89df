/// `postmortem`: the form, one line per field, in the documented order.
struct PostmortemCommand: TraineeCommand {
    static let spec = CommandSpec("postmortem", usage: "postmortem", summary: "record the six facts, detection and prevention", cost: .postmortem, group: .respond)

    // Extra words are ignored, as they always were.
    init(_ words: [String]) {}

    func run(in session: inout Session, width: Int) -> CommandOutput {
        guard session.record.postmortem == nil else {
            return .message([Line(" The postmortem is already recorded. It is part of your grade.", .dim)])
        }
        session.ask(.postmortem(field: 0, answers: [:]))
        var lines = [Line(" Postmortem: \(PostmortemField.allCases.count) questions, one line each. An empty line skips one.", .heading)]
        lines += PostmortemView(session: session).question(.allCases[0], width: width)
        return .message(lines, cost: .postmortem)
    }
}
