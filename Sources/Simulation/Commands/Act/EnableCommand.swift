import ScenarioFormat

/// `enable tool NAME`.
struct EnableCommand: ActionCommand {
    static let spec = CommandSpec("enable", usage: "enable tool NAME", summary: "let the agent call a tool again", cost: .action,
                                  arguments: [.keyword(["tool"]), .word(.tool)], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard case .enableTool(let tool) = action else { return "" }
        return outcome.changed ? "Tool \(tool) enabled." : "Tool \(tool) is already enabled."
    }
}
