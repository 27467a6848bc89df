/// `page`: the page again, as it fired.
struct PageCommand: TraineeCommand {
    static let spec = CommandSpec("page", usage: "page", summary: "show the page again", cost: .page, group: .session)

    // Extra words are ignored, as they always were.
    init(_ words: [String]) {}

    func run(in session: inout Session, width: Int) -> CommandOutput {
        .message(PageView(session: session).banner(width: width), cost: .page)
    }
}
