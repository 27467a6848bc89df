import ScenarioFormat

/// `logs SERVICE [--grep TEXT] [--window 30m]`: recent log lines of a service.
struct LogsCommand: TraineeCommand {
    static let spec = CommandSpec("logs", usage: "logs SERVICE [--grep TEXT] [--window 30m]", summary: "recent log lines of a service",
                                  cost: .logs, arguments: [.word(.service)], flags: [.value("--grep"), .value("--window")], group: .look)

    let service: String?
    let grep: String?
    let window: String?

    init(_ words: [String]) throws(CommandProblem) {
        let arguments = try CommandArguments(words, flags: Self.spec.flags)
        // A missing service is answered with the list of services, which needs the session.
        service = arguments.positional.count == 1 ? arguments.positional[0] : nil
        grep = arguments.value("--grep")?.lowercased()
        window = arguments.value("--window")
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        let services = session.scenario.world.services.map(\.id)
        guard let service else {
            return .error("Usage: logs SERVICE [--grep TEXT] [--window 30m]. Services: " + services.joined(separator: ", ") + ".")
        }
        guard services.contains(service) else {
            let guess = Suggestion.closest(to: service, in: services)
            return .error("No service `\(service.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? ". Services: " + services.joined(separator: ", ") + "."))
        }
        let span: SimDuration
        switch CommandArguments.window(window, default: .minutes(30)) {
        case .failure(let problem): return .error(problem)
        case .success(let value): span = value
        }
        return .drawn(LogsView(session: session, service: service, grep: grep, span: span).draw(width: width), cost: .logs)
    }
}
