import ScenarioFormat

/// `scale SERVICE REPLICAS`.
struct ScaleCommand: ActionCommand {
    static let spec = CommandSpec("scale", usage: "scale SERVICE REPLICAS", summary: "change a service's replica count", cost: .action,
                                  arguments: [.word(.service), .text], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard case .scale(let service, let count) = action else { return "" }
        let old = outcome.before.value(StatePath.pods(ofService: service), at: session.now) ?? "?"
        return outcome.changed ? "\(service) scaled from \(old) to \(count) pods." : "\(service) already runs \(count) pods."
    }
}
