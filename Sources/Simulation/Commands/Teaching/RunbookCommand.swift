/// `runbook`: the service's runbook, the classic one unless the scenario has its own.
struct RunbookCommand: TraineeCommand {
    static let spec = CommandSpec("runbook", usage: "runbook", summary: "the service's runbook (its steps may not apply)", cost: .runbook, group: .teaching)

    // Extra words are ignored, as they always were.
    init(_ words: [String]) {}

    func run(in session: inout Session, width: Int) -> CommandOutput {
        let text = session.scenario.runbook ?? session.pack.runbook
        var lines = [Line(" Runbook: \(session.scenario.page.service)", .heading)]
        lines += text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            String(line).wrapped(to: width - 2).map { Line(" " + $0) }
        }
        return .message(lines, cost: .runbook)
    }
}
