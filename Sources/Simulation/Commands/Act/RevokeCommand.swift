import ScenarioFormat

/// `revoke key ID`: every caller presenting it fails.
struct RevokeCommand: ActionCommand {
    static let spec = CommandSpec("revoke", usage: "revoke key ID", summary: "revoke an API key (every caller using it fails)", cost: .action,
                                  arguments: [.keyword(["key"]), .word(.key)], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard case .revokeKey(let key) = action else { return "" }
        return outcome.changed ? "Key \(key) revoked. Every caller presenting it now gets 401 invalid_api_key."
                               : "Key \(key) is already \(outcome.before.value(StatePath.key(key), at: session.now) ?? "inactive")."
    }
}
