import ScenarioFormat

/// `traces [--where EXPR]… [--errors] [--limit N] [--by ATTR] [--window W]`: recent traces as a
/// table, or counts per value of an attribute.
struct TracesCommand: TraineeCommand {
    static let spec = CommandSpec("traces", usage: "traces [--where EXPR]… [--errors] [--by ATTR]",
                                  summary: "recent traces as a table, or counts by an attribute",
                                  details: "Also --limit N (default 20) and --window (default 24h for a list, 1h with --by). `--errors` keeps traces with an error span or a 5xx. EXPR compares any attribute or `time`: `gen_ai.response.model=v2`, `status!=ok`, `duration_ms>2000`, `time<02:20`, `time>-30m` (the last thirty minutes). Several --where are ANDed; inside one, `and`, `or`, `not` and parentheses work. A span's own attribute is `SPAN.attr` (`retrieve.duration_ms`). `--by ATTR` counts traces per value instead of listing them.",
                                  cost: .traces, otherCosts: [(.tracesBy, "with --by")],
                                  flags: [.value("--where", .attribute, repeats: true), .toggle("--errors"), .value("--limit"), .value("--by", .attribute), .value("--window")],
                                  group: .look)

    let wheres: [String]
    let errorsOnly: Bool
    let limit: String?
    let by: String?
    let window: String?

    init(_ words: [String]) throws(CommandProblem) {
        let arguments = try CommandArguments(words, flags: Self.spec.flags)
        guard arguments.positional.isEmpty else {
            throw CommandProblem("`traces` takes options only: --where EXPR, --errors, --limit N, --by ATTR, --window 1h. (Did you mean `trace \(arguments.positional[0].truncated(to: 20))`?)")
        }
        wheres = arguments.values("--where")
        errorsOnly = arguments.has("--errors")
        limit = arguments.value("--limit")
        by = arguments.value("--by")
        window = arguments.value("--window")
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        var filter: RequestFilter
        do {
            filter = try RequestFilter(wheres, session: session)
        } catch {
            return .error(error)
        }
        if errorsOnly { filter.conditions.append(.compare(.attribute("status"), .equal, ["error"])) }
        var count = 20
        if let limit {
            guard let value = Int(limit), (1...200).contains(value) else { return .error("`--limit` takes a number from 1 to 200.") }
            count = value
        }
        let span: SimDuration
        switch CommandArguments.window(window, default: by == nil ? .hours(24) : .hours(1)) {
        case .failure(let problem): return .error(problem)
        case .success(let value): span = value
        }
        if let by {
            let known = RequestAttributes.names(in: session.scenario)
            guard known.contains(by) else {
                let guess = Suggestion.closest(to: by, in: known)
                return .error("No attribute `\(by.truncated(to: 40))` on these traces" + (guess.map { "; did you mean `\($0)`?" } ?? "."))
            }
            return .drawn(TraceCountView(session: session, attribute: by, filter: filter, span: span).draw(width: width), cost: .tracesBy)
        }
        return .drawn(TraceListView(session: session, filter: filter, limit: count, span: span).draw(width: width), cost: .traces)
    }
}
