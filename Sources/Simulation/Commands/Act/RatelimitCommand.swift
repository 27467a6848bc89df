import ScenarioFormat

/// `ratelimit KEY|TENANT RPM`.
struct RatelimitCommand: ActionCommand {
    static let spec = CommandSpec("ratelimit", usage: "ratelimit KEY|TENANT RPM", summary: "cap requests per minute for a key or tenant", cost: .action,
                                  arguments: [.word(.keyOrTenant), .text], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard case .ratelimit(let subject, let rpm) = action else { return "" }
        return "\(subject) limited to \(rpm) requests/min from \(session.clock.clock(session.now))."
    }
}
