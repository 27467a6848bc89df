import ScenarioFormat

/// Actions on the world. Every action writes world state the same way whoever takes it;
/// what that does to the incident follows from the scenario's traffic and truth.
extension Session {
    /// What taking an action did: the world before it, whether it changed anything, and the
    /// consequence the scenario models for it, if any.
    public struct ActionOutcome: Sendable {
        public var before: WorldState
        public var changed: Bool
        public var consequence: String?
    }

    mutating func act(_ action: WorldAction) -> ActionOutcome {
        let before = world
        var changed = false
        for write in StatePath.writes(action, world: scenario.world) where world.value(write.path, at: now) != write.value {
            changed = true
            _ = world.record(write.path, value: write.value, at: now, by: "you")
        }
        if case .restart = action { changed = true }
        if case .refreshEvals = action, before.value("evals/refresh", at: now) == "done" { changed = false }
        record.actions.append(SessionRecord.Action(at: now, action: action, changed: changed))
        guard changed, let harm = (scenario.truth.harmful + scenario.truth.critical).first(where: { $0.action.value == action }),
              let consequence = harm.consequence else { return ActionOutcome(before: before, changed: changed, consequence: nil) }
        if consequence.patch != nil, let template = model.consequenceTemplates[action] {
            world.disturb(Disturbance(template: template, from: now, until: now + consequence.lasts, share: consequence.share))
        }
        record.consequences.append(SessionRecord.Consequence(at: now, action: action, conversations: consequence.conversations, dollars: consequence.dollars))
        return ActionOutcome(before: before, changed: changed, consequence: consequence.says)
    }

    /// Why an action cannot be taken as written, with a suggestion; nil when it can.
    func problem(with action: WorldAction) -> String? {
        let w = scenario.world
        func unknown(_ kind: String, _ name: String, _ candidates: [String], list: Bool = true) -> String {
            let guess = Suggestion.closest(to: name, in: candidates)
            let known = list && candidates.count <= 12 ? " Known: " + candidates.joined(separator: ", ") + "." : ""
            return "No \(kind) `\(name.truncated(to: 40))`" + (guess.map { "; did you mean `\($0)`?" } ?? ".") + (guess == nil ? known : "")
        }
        switch action {
        case .rollbackDeploy(let id):
            return w.deploy(id) == nil ? unknown("deploy", id, w.deploys.map(\.id)) : nil
        case .restart(let service), .scale(let service, _):
            return w.service(service) == nil ? unknown("service", service, w.services.map(\.id)) : nil
        case .pinModel(let alias, let version):
            guard let entry = w.alias(alias) else { return unknown("model alias", alias, w.models.map(\.alias)) }
            return entry.version(version) == nil ? unknown("version of \(alias)", version, entry.versions.map(\.id)) : nil
        case .rollbackPrompt(let version, let region):
            let versions = w.prompts.flatMap { $0.versions.map(\.id) }
            if !versions.contains(version) { return unknown("prompt version", version, versions) }
            if let region, !w.regions.contains(region) { return unknown("region", region, w.regions) }
            return nil
        case .failoverIndex(let replica):
            return w.replica(replica) == nil ? unknown("replica", replica, w.indexes.flatMap { $0.replicas.map(\.id) }) : nil
        case .revokeKey(let key), .rotateKey(let key):
            return w.key(key) == nil ? unknown("key", key, w.keys.map(\.id)) : nil
        case .disableTool(let tool), .enableTool(let tool):
            return w.tool(tool) == nil ? unknown("tool", tool, w.tools.map(\.id)) : nil
        case .flag(let name, _):
            return w.flag(name) == nil ? unknown("flag", name, w.flags.map(\.id)) : nil
        case .ratelimit(let subject, _):
            let subjects = w.keys.map(\.id) + w.tenants.map(\.id)
            return subjects.contains(subject) ? nil : unknown("key or tenant", subject, subjects)
        case .refreshEvals:
            return nil
        }
    }
}
