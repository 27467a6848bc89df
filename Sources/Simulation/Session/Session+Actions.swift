import ScenarioFormat

/// Actions on the world. Every action writes world state the same way whoever takes it;
/// what that does to the incident follows from the scenario's traffic and truth.
extension Session {
    mutating func act(_ words: [String], spec: CommandSpec) -> Output {
        let action: WorldAction
        switch WorldAction.parse(words) {
        case .failure(let problem): return .error(problem.message.prefix(1).uppercased() + problem.message.dropFirst() + ".")
        case .success(let parsed): action = parsed
        }
        if let problem = problem(with: action) { return .error(problem) }
        let world0 = world
        var changed = false
        for write in StatePath.writes(action, world: scenario.world) where world.value(write.path, at: now) != write.value {
            changed = true
            _ = world.record(write.path, value: write.value, at: now, by: "you")
        }
        if case .restart = action { changed = true }
        if case .refreshEvals = action, world0.value("evals/refresh", at: now) == "done" { changed = false }
        var lines = describe(action, before: world0, changed: changed)
        if changed {
            record.actions.append(SessionRecord.Action(at: now, action: action, changed: true))
            if let harm = (scenario.truth.harmful + scenario.truth.critical).first(where: { $0.action.value == action }), let consequence = harm.consequence {
                lines += consequence.says.wrapped(to: width - 2).map { Line(" " + $0, .warning) }
                if consequence.patch != nil, let template = model.consequenceTemplates[action] {
                    world.disturb(Disturbance(template: template, from: now, until: now + consequence.lasts, share: consequence.share))
                }
                record.consequences.append(SessionRecord.Consequence(at: now, action: action, conversations: consequence.conversations, dollars: consequence.dollars))
            }
        } else {
            record.actions.append(SessionRecord.Action(at: now, action: action, changed: false))
        }
        return .message(lines, cost: action == .refreshEvals ? "refresh" : "action")
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

    private func describe(_ action: WorldAction, before: WorldState, changed: Bool) -> [Line] {
        let w = scenario.world
        func line(_ text: String) -> [Line] { text.wrapped(to: width - 2).map { Line(" " + $0, .bold) } }
        switch action {
        case .rollbackDeploy(let id):
            guard changed, let deploy = w.deploy(id) else { return line("\(id) is already rolled back.") }
            let previous = w.deploys.filter { $0.service == deploy.service && $0.at < deploy.at }.max { $0.at < $1.at }
            let pods = before.value("service/\(deploy.service)/pods", at: now) ?? "3"
            let target = !deploy.replaces.isEmpty ? deploy.replaces : (previous?.version ?? "the build before it")
            return line("Rolled back \(id): \(deploy.service) \(deploy.version) → \(target). \(pods)/\(pods) pods on it after 2m 10s.")
        case .restart(let service):
            let pods = before.value("service/\(service)/pods", at: now) ?? "3"
            return line("Rolling restart of \(service): \(pods)/\(pods) pods ready after 1m 40s.")
        case .scale(let service, let count):
            let old = before.value("service/\(service)/pods", at: now) ?? "?"
            return changed ? line("\(service) scaled from \(old) to \(count) pods.") : line("\(service) already runs \(count) pods.")
        case .pinModel(let alias, let version):
            let old = before.value("alias/\(alias)", at: now) ?? "?"
            return changed ? line("\(alias) pinned to \(version) (was \(old)). New requests use it now.") : line("\(alias) already resolves to \(version); pinned it there.")
        case .rollbackPrompt(let version, let region):
            let prompt = w.prompts.first { $0.version(version) != nil }
            let regions = region.map { [$0] } ?? w.regions
            let olds = regions.map { "\($0): \(before.value("prompt/\(prompt?.id ?? "")/\($0)", at: now) ?? "?")" }
            return changed ? line("\(prompt?.id ?? "prompt") now serves \(version) in \(regions.joined(separator: ", ")) (was \(olds.joined(separator: ", "))).")
                           : line("\(prompt?.id ?? "prompt") already serves \(version) there.")
        case .failoverIndex(let replica):
            guard changed, let (index, _) = w.replica(replica) else { return line("\(replica) is already out of rotation.") }
            let others = index.replicas.map(\.id).filter { $0 != replica && before.value("replica/\($0)/rotation", at: now) == "in" }
            return line("\(replica) taken out of rotation for \(index.id); " + (others.isEmpty ? "no replica is left serving it." : "\(others.joined(separator: " and ")) now \(others.count == 1 ? "serves" : "serve") it."))
        case .revokeKey(let key):
            return changed ? line("Key \(key) revoked. Every caller presenting it now gets 401 invalid_api_key.") : line("Key \(key) is already \(before.value("key/\(key)", at: now) ?? "inactive").")
        case .rotateKey(let key):
            return changed ? line("Key \(key) rotated: a new secret was issued and pushed to its registered callers through the secrets manager; the old secret now gets 401.")
                           : line("Key \(key) is already \(before.value("key/\(key)", at: now) ?? "inactive").")
        case .disableTool(let tool):
            return changed ? line("Tool \(tool) disabled: the agent now answers without it.") : line("Tool \(tool) is already disabled.")
        case .enableTool(let tool):
            return changed ? line("Tool \(tool) enabled.") : line("Tool \(tool) is already enabled.")
        case .flag(let name, let value):
            let old = before.value("flag/\(name)", at: now) ?? "?"
            return changed ? line("flag \(name): \(old) → \(value).") : line("flag \(name) is already \(value).")
        case .ratelimit(let subject, let rpm):
            return line("\(subject) limited to \(rpm) requests/min from \(clock.clock(now)).")
        case .refreshEvals:
            guard changed else { return line("The eval sets were already refreshed at \(clock.clock(before.history("evals/refresh").first { $0.value == "done" }?.at ?? now)).") }
            let says = w.evals.refresh?.says ?? ""
            return line(says.isEmpty ? "Re-sampling the eval sets from the last 7 days of production traffic; gated runs will follow." : says)
        }
    }
}
