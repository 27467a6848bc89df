import ScenarioFormat

/// `rollback deploy ID | prompt VERSION [--region R]`.
struct RollbackCommand: ActionCommand {
    static let spec = CommandSpec("rollback", usage: "rollback deploy ID | prompt VERSION [--region R]", summary: "roll back a code deploy or a prompt",
                                  cost: .action, arguments: [.keyword(["deploy", "prompt"]), .after(0, ["deploy": .deploy, "prompt": .promptVersion])],
                                  flags: [.value("--region", .region)], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        let (w, now, before) = (session.scenario.world, session.now, outcome.before)
        switch action {
        case .rollbackDeploy(let id):
            guard outcome.changed, let deploy = w.deploy(id) else { return "\(id) is already rolled back." }
            let previous = w.deploys.filter { $0.service == deploy.service && $0.at < deploy.at }.max { $0.at < $1.at }
            let pods = before.value(StatePath.pods(ofService: deploy.service), at: now) ?? "3"
            let target = !deploy.replaces.isEmpty ? deploy.replaces : (previous?.version ?? "the build before it")
            return "Rolled back \(id): \(deploy.service) \(deploy.version) → \(target). \(pods)/\(pods) pods on it after 2m 10s."
        case .rollbackPrompt(let version, let region):
            let prompt = w.prompts.first { $0.version(version) != nil }
            let regions = region.map { [$0] } ?? w.regions
            let olds = regions.map { "\($0): \(before.value(StatePath.prompt(prompt?.id ?? "", region: $0), at: now) ?? "?")" }
            return outcome.changed ? "\(prompt?.id ?? "prompt") now serves \(version) in \(regions.joined(separator: ", ")) (was \(olds.joined(separator: ", ")))."
                                   : "\(prompt?.id ?? "prompt") already serves \(version) there."
        default: return ""
        }
    }
}
