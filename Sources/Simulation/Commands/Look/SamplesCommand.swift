import ScenarioFormat

/// `samples [N] [--where EXPR] [--window 30m]`: read sampled conversations with their feedback.
struct SamplesCommand: TraineeCommand {
    static let spec = CommandSpec("samples", usage: "samples [N] [--where EXPR] [--window 30m]", summary: "read N sampled conversations with their feedback",
                                  details: "Reading costs time per conversation. `--where feedback=down` reads only the unhappy ones. They come from the last 30 minutes, or the last day when the filter names `time` (`--where time<02:20` reads from before a change).",
                                  cost: .samples, arguments: [.text], flags: [.value("--where", .attribute, repeats: true), .value("--window")], group: .look)

    let count: Int
    let wheres: [String]
    let window: String?

    init(_ words: [String]) throws(CommandProblem) {
        let arguments = try CommandArguments(words, flags: Self.spec.flags)
        var count = 5
        if let text = arguments.positional.first {
            guard arguments.positional.count == 1, let value = Int(text), (1...50).contains(value) else {
                throw CommandProblem("Usage: samples [N] [--where EXPR] [--window 30m], N from 1 to 50.")
            }
            count = value
        }
        self.count = count
        wheres = arguments.values("--where")
        window = arguments.value("--window")
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        let filter: RequestFilter
        do {
            filter = try RequestFilter(wheres, session: session)
        } catch {
            return .error(error)
        }
        // Spread the reading over the last half hour rather than the last few seconds; a
        // `time` filter reaches further back (reading before and after a change is the point).
        let span: SimDuration
        switch CommandArguments.window(window, default: filter.mentionsTime ? .hours(24) : .minutes(30)) {
        case .failure(let problem): return .error(problem)
        case .success(let value): span = value
        }
        let drawn = SamplesView(session: session, filter: filter, count: count, span: span).draw(width: width)
        return .drawn(drawn.view, cost: .samples, items: drawn.read)
    }
}
