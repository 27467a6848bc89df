import ScenarioFormat

/// `pin model ALIAS VERSION`.
struct PinCommand: ActionCommand {
    static let spec = CommandSpec("pin", usage: "pin model ALIAS VERSION", summary: "pin a model alias to a version", cost: .action,
                                  arguments: [.keyword(["model"]), .word(.alias), .versionOfAlias(at: 1)], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard case .pinModel(let alias, let version) = action else { return "" }
        let old = outcome.before.value(StatePath.alias(alias), at: session.now) ?? "?"
        return outcome.changed ? "\(alias) pinned to \(version) (was \(old)). New requests use it now." : "\(alias) already resolves to \(version); pinned it there."
    }
}
