import ScenarioFormat

/// `usage [--by key|tenant|model] [--window 1h]`: token spend against a day earlier.
struct UsageCommand: TraineeCommand {
    static let spec = CommandSpec("usage", usage: "usage [--by key|tenant|model] [--window 1h]", summary: "token spend by key, tenant or model",
                                  details: "Spend over the window against the same window a day earlier.", cost: .usage,
                                  flags: [.value("--by", .usageBy), .value("--window")], group: .registries)

    static let groupings = ["key", "tenant", "model"]

    let by: String
    let window: String?

    init(_ words: [String]) throws(CommandProblem) {
        let arguments = try CommandArguments(words, flags: Self.spec.flags)
        guard arguments.positional.isEmpty else { throw Self.usageError }
        by = arguments.value("--by") ?? "key"
        guard Self.groupings.contains(by) else { throw CommandProblem("`--by` takes key, tenant or model.") }
        window = arguments.value("--window")
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        let span: SimDuration
        switch CommandArguments.window(window, default: .hours(1)) {
        case .failure(let problem): return .error(problem)
        case .success(let value): span = value
        }
        return .drawn(UsageView(session: session, by: by, span: span).draw(width: width), cost: .usage)
    }
}
