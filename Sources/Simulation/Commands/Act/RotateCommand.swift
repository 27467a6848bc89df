import ScenarioFormat

/// `rotate key ID`: registered callers get the new secret.
struct RotateCommand: ActionCommand {
    static let spec = CommandSpec("rotate", usage: "rotate key ID", summary: "rotate an API key (registered callers get the new secret)", cost: .action,
                                  arguments: [.keyword(["key"]), .word(.key)], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard case .rotateKey(let key) = action else { return "" }
        return outcome.changed ? "Key \(key) rotated: a new secret was issued and pushed to its registered callers through the secrets manager; the old secret now gets 401."
                               : "Key \(key) is already \(outcome.before.value(StatePath.key(key), at: session.now) ?? "inactive")."
    }
}
