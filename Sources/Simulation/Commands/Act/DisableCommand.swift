import ScenarioFormat

/// `disable tool NAME`.
struct DisableCommand: ActionCommand {
    static let spec = CommandSpec("disable", usage: "disable tool NAME", summary: "stop the agent calling a tool", cost: .action,
                                  arguments: [.keyword(["tool"]), .word(.tool)], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard case .disableTool(let tool) = action else { return "" }
        return outcome.changed ? "Tool \(tool) disabled: the agent now answers without it." : "Tool \(tool) is already disabled."
    }
}
