import ScenarioFormat

/// `flag NAME on|off`.
struct FlagCommand: ActionCommand {
    static let spec = CommandSpec("flag", usage: "flag NAME on|off", summary: "turn a feature flag on or off", cost: .action,
                                  arguments: [.word(.flag), .word(.onOff)], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard case .flag(let name, let value) = action else { return "" }
        let old = outcome.before.value(StatePath.flag(name), at: session.now) ?? "?"
        return outcome.changed ? "flag \(name): \(old) → \(value)." : "flag \(name) is already \(value)."
    }
}
