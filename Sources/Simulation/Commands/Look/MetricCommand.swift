import ScenarioFormat

/// `metric NAME [--window 6h]`: one series in detail, as a chart.
struct MetricCommand: TraineeCommand {
    static let spec = CommandSpec("metric", usage: "metric NAME [--window 6h]", summary: "one series in detail, as a chart", cost: .metric,
                                  arguments: [.word(.metric)], flags: [.value("--window")], group: .look)

    let id: String?
    let window: String?

    init(_ words: [String]) throws(CommandProblem) {
        let arguments = try CommandArguments(words, flags: Self.spec.flags)
        // A missing or extra name is answered with the list of metrics, which needs the session.
        id = arguments.positional.count == 1 ? arguments.positional[0] : nil
        window = arguments.value("--window")
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        let all = session.scenario.allMetrics(pack: session.pack)
        guard let id else {
            return .error("Usage: metric NAME [--window 6h]. Metrics: " + all.map(\.id).joined(separator: ", ").truncated(to: 400))
        }
        guard let spec = session.scenario.metric(id, pack: session.pack) else {
            let guess = Suggestion.closest(to: id, in: all.map(\.id))
            return .error("No metric `\(id.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? "; `metric` alone lists them."))
        }
        let span: SimDuration
        switch CommandArguments.window(window, default: .hours(6)) {
        case .failure(let problem): return .error(problem)
        case .success(let value): span = value
        }
        guard let drawn = MetricView(session: session, spec: spec, span: span).draw(width: width) else { return .error("No data for \(id).") }
        return .drawn(drawn, cost: .metric)
    }
}
