/// `update "TEXT"`: a status update to the incident channel.
struct UpdateCommand: TraineeCommand {
    static let spec = CommandSpec("update", usage: "update \"TEXT\"", summary: "post a status update", cost: .update, arguments: [.text], group: .respond)

    let text: String

    init(_ words: [String]) throws(CommandProblem) {
        text = words.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw CommandProblem("Usage: update \"TEXT\" — say what is happening, what you are doing, and when the next update is.") }
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        session.postUpdate(text)
        return .message([Line(" Status update posted to #inc-\(session.scenario.page.service) at \(session.clock.clock(session.now)).", .bold)], cost: .update)
    }
}
