import ScenarioFormat

/// `restart SERVICE`: a rolling restart.
struct RestartCommand: ActionCommand {
    static let spec = CommandSpec("restart", usage: "restart SERVICE", summary: "rolling restart of a service", cost: .action,
                                  arguments: [.word(.service)], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard case .restart(let service) = action else { return "" }
        let pods = outcome.before.value(StatePath.pods(ofService: service), at: session.now) ?? "3"
        return "Rolling restart of \(service): \(pods)/\(pods) pods ready after 1m 40s."
    }
}
