/// The world states conditions can read and actions write, in one place. A path is
/// `kind/id` or `kind/id/facet`; `{name}` in it is filled from the request.
public enum StatePath {
    /// Each kind, the facets it has (empty string: the path without a facet), and what it holds.
    public static let kinds: [(kind: String, facets: [String], holds: String)] = [
        ("alias", [""], "the version the alias resolves to"),
        ("prompt", ["*"], "`prompt/ID/REGION`: the version serving in that region"),
        ("replica", ["", "rotation"], "health (`up`, `down`…); `/rotation` is `in` or `out`"),
        ("tool", ["", "enabled"], "the response schema version; `/enabled` is `on` or `off`"),
        ("flag", [""], "the flag's value"),
        ("key", [""], "`active`, `revoked` or `rotated`"),
        ("ratelimit", [""], "requests per minute allowed for a key or tenant, or `none`"),
        ("deploy", [""], "`live` or `rolled-back`"),
        ("service", ["pods"], "`/pods`: replicas running"),
        ("judge", [""], "the judge configuration"),
        ("evals", [""], "`evals/refresh`: `done` once `refresh evals` has run"),
    ]

    /// The state an action writes, and the value: how every action changes the world.
    public static func writes(_ action: WorldAction, world: World) -> [(path: String, value: String)] {
        switch action {
        case .rollbackDeploy(let id): return [("deploy/\(id)", "rolled-back")]
        case .restart: return []
        case .scale(let service, let count): return [("service/\(service)/pods", String(count))]
        case .pinModel(let alias, let version): return [("alias/\(alias)", version)]
        case .rollbackPrompt(let version, let region):
            guard let prompt = world.prompts.first(where: { $0.version(version) != nil }) else { return [] }
            let regions = region.map { [$0] } ?? world.regions
            return regions.map { ("prompt/\(prompt.id)/\($0)", version) }
        case .failoverIndex(let replica): return [("replica/\(replica)/rotation", "out")]
        case .revokeKey(let key): return [("key/\(key)", "revoked")]
        case .rotateKey(let key): return [("key/\(key)", "rotated")]
        case .disableTool(let tool): return [("tool/\(tool)/enabled", "off")]
        case .enableTool(let tool): return [("tool/\(tool)/enabled", "on")]
        case .flag(let name, let value): return [("flag/\(name)", value)]
        case .ratelimit(let subject, let rpm): return [("ratelimit/\(subject)", String(rpm))]
        case .refreshEvals: return [("evals/refresh", "done")]
        }
    }

    /// Whether `id` names something of `kind` in the world (`*`-facet kinds check their first part).
    public static func exists(kind: String, id: String, facet: String?, world: World) -> String? {
        func check(_ candidates: [String], _ noun: String) -> String? {
            candidates.contains(id) ? nil : FormatProblem.unknownReference(kind: noun, name: id, suggestion: Suggestion.closest(to: id, in: candidates)).message
        }
        switch kind {
        case "alias": return check(world.models.map(\.alias), "model alias")
        case "prompt":
            if let problem = check(world.prompts.map(\.id), "prompt") { return problem }
            guard let facet else { return "a prompt path needs a region: `prompt/\(id)/REGION`" }
            if facet.hasPrefix("{") { return nil }
            return world.regions.contains(facet) ? nil : FormatProblem.unknownReference(kind: "region", name: facet, suggestion: Suggestion.closest(to: facet, in: world.regions)).message
        case "replica": return check(world.indexes.flatMap { $0.replicas.map(\.id) }, "replica")
        case "tool": return check(world.tools.map(\.id), "tool")
        case "flag": return check(world.flags.map(\.id), "flag")
        case "key": return check(world.keys.map(\.id), "key")
        case "ratelimit": return check(world.keys.map(\.id) + world.tenants.map(\.id), "key or tenant")
        case "deploy": return check(world.deploys.map(\.id), "deploy")
        case "service": return check(world.services.map(\.id), "service")
        case "judge": return check(world.evals.judges.map(\.id), "judge")
        case "evals": return id == "refresh" ? nil : "the only evals state is `evals/refresh`"
        default: return nil
        }
    }

    /// Checks a path written in a scenario; nil when it is fine.
    public static func problem(with path: String, world: World) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else { return "`\(path)` is not a state path such as `alias/chat-default`" }
        guard let entry = kinds.first(where: { $0.kind == parts[0] }) else {
            return FormatProblem.unknownReference(kind: "state kind", name: parts[0], suggestion: Suggestion.closest(to: parts[0], in: kinds.map(\.kind))).message
        }
        let facet = parts.count > 2 ? parts[2...].joined(separator: "/") : nil
        if !entry.facets.contains("*") {
            if !entry.facets.contains(facet ?? "") {
                let allowed = entry.facets.map { $0.isEmpty ? "\(entry.kind)/ID" : "\(entry.kind)/ID/\($0)" }
                return "`\(path)` has no such facet; use " + allowed.map { "`\($0)`" }.joined(separator: " or ")
            }
        }
        if parts[1].hasPrefix("{") { return nil }
        if entry.kind == "evals" { return parts[1] == "refresh" ? nil : "the only evals state is `evals/refresh`" }
        return exists(kind: entry.kind, id: parts[1], facet: facet, world: world)
    }
}
