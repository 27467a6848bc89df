import ScenarioFormat

/// `help [COMMAND]`: every command by group, or one explained with its price.
struct HelpCommand: TraineeCommand {
    static let spec = CommandSpec("help", usage: "help [COMMAND]", summary: "list commands, or explain one", cost: .help,
                                  arguments: [.word(.command)], group: .session)

    let command: String?

    init(_ words: [String]) { command = words.first }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        guard let name = command else { return .drawn(HelpView.index(session, width: width), cost: nil) }
        guard let spec = CommandRegistry.spec(name) else {
            let guess = Suggestion.closest(to: name, in: CommandRegistry.names)
            return .error("No command `\(name.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? "."))
        }
        return .drawn(HelpView.command(spec, costs: session.costs, width: width), cost: nil)
    }
}
