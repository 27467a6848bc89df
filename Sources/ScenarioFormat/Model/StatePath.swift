/// A world state that conditions read and actions write: `kind/id` or `kind/id/facet`. The
/// constructors below are the one spelling of each in code; scenario files write the same
/// text, and `{name}` in a path there is filled from the request.
public struct StatePath: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case alias, prompt, replica, tool, flag, key, ratelimit, deploy, service, judge, evals

        /// The facets a path of this kind may have (empty: none; `*`: any, as a region).
        public var facets: [String] {
            switch self {
            case .prompt: return ["*"]
            case .replica: return ["", "rotation"]
            case .tool: return ["", "enabled"]
            case .service: return ["pods"]
            default: return [""]
            }
        }

        /// What a path of this kind holds, for the format's documentation.
        public var holds: String {
            switch self {
            case .alias: return "the version the alias resolves to"
            case .prompt: return "`prompt/ID/REGION`: the version serving in that region"
            case .replica: return "health (`up`, `down`…); `/rotation` is `in` or `out`"
            case .tool: return "the response schema version; `/enabled` is `on` or `off`"
            case .flag: return "the flag's value"
            case .key: return "`active`, `revoked` or `rotated`"
            case .ratelimit: return "requests per minute allowed for a key or tenant, or `none`"
            case .deploy: return "`live` or `rolled-back`"
            case .service: return "`/pods`: replicas running"
            case .judge: return "the judge configuration"
            case .evals: return "`evals/refresh`: `done` once `refresh evals` has run"
            }
        }

        /// What the id of a path of this kind refers to.
        var reference: WorldReference? {
            switch self {
            case .alias: return .alias
            case .prompt: return .prompt
            case .replica: return .replica
            case .tool: return .tool
            case .flag: return .flag
            case .key: return .key
            case .ratelimit: return .keyOrTenant
            case .deploy: return .deploy
            case .service: return .service
            case .judge: return .judge
            case .evals: return nil
            }
        }
    }

    public var kind: Kind
    public var id: String
    public var facet: String?

    public init(_ kind: Kind, _ id: String, facet: String? = nil) {
        self.kind = kind
        self.id = id
        self.facet = facet
    }

    public var description: String { facet.map { "\(kind.rawValue)/\(id)/\($0)" } ?? "\(kind.rawValue)/\(id)" }

    public static func alias(_ alias: String) -> StatePath { StatePath(.alias, alias) }
    public static func prompt(_ prompt: String, region: String) -> StatePath { StatePath(.prompt, prompt, facet: region) }
    public static func replica(_ replica: String) -> StatePath { StatePath(.replica, replica) }
    public static func rotation(ofReplica replica: String) -> StatePath { StatePath(.replica, replica, facet: "rotation") }
    public static func tool(_ tool: String) -> StatePath { StatePath(.tool, tool) }
    public static func enabled(tool: String) -> StatePath { StatePath(.tool, tool, facet: "enabled") }
    public static func flag(_ flag: String) -> StatePath { StatePath(.flag, flag) }
    public static func key(_ key: String) -> StatePath { StatePath(.key, key) }
    public static func ratelimit(_ subject: String) -> StatePath { StatePath(.ratelimit, subject) }
    public static func deploy(_ deploy: String) -> StatePath { StatePath(.deploy, deploy) }
    public static func pods(ofService service: String) -> StatePath { StatePath(.service, service, facet: "pods") }
    public static func judge(_ judge: String) -> StatePath { StatePath(.judge, judge) }
    public static let evalsRefresh = StatePath(.evals, "refresh")

    /// The state an action writes, and the value: how every action changes the world.
    public static func writes(_ action: WorldAction, world: World) -> [(path: StatePath, value: String)] {
        switch action {
        case .rollbackDeploy(let id): return [(.deploy(id), "rolled-back")]
        case .restart: return []
        case .scale(let service, let count): return [(.pods(ofService: service), String(count))]
        case .pinModel(let alias, let version): return [(.alias(alias), version)]
        case .rollbackPrompt(let version, let region):
            guard let prompt = world.prompts.first(where: { $0.version(version) != nil }) else { return [] }
            let regions = region.map { [$0] } ?? world.regions
            return regions.map { (.prompt(prompt.id, region: $0), version) }
        case .failoverIndex(let replica): return [(.rotation(ofReplica: replica), "out")]
        case .revokeKey(let key): return [(.key(key), "revoked")]
        case .rotateKey(let key): return [(.key(key), "rotated")]
        case .disableTool(let tool): return [(.enabled(tool: tool), "off")]
        case .enableTool(let tool): return [(.enabled(tool: tool), "on")]
        case .flag(let name, let value): return [(.flag(name), value)]
        case .ratelimit(let subject, let rpm): return [(.ratelimit(subject), String(rpm))]
        case .refreshEvals: return [(.evalsRefresh, "done")]
        }
    }

    /// Checks a path written in a scenario; nil when it is fine.
    public static func problem(with path: String, world: World) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else { return "`\(path)` is not a state path such as `alias/chat-default`" }
        guard let kind = Kind(rawValue: parts[0]) else {
            return FormatProblem.unknownReference(kind: "state kind", name: parts[0], suggestion: Suggestion.closest(to: parts[0], in: Kind.allCases.map(\.rawValue))).message
        }
        let facet = parts.count > 2 ? parts[2...].joined(separator: "/") : nil
        if !kind.facets.contains("*"), !kind.facets.contains(facet ?? "") {
            let allowed = kind.facets.map { $0.isEmpty ? "\(kind.rawValue)/ID" : "\(kind.rawValue)/ID/\($0)" }
            return "`\(path)` has no such facet; use " + allowed.map { "`\($0)`" }.joined(separator: " or ")
        }
        if parts[1].hasPrefix("{") { return nil }
        guard let reference = kind.reference else { return parts[1] == "refresh" ? nil : "the only evals state is `evals/refresh`" }
        if let miss = reference.check(parts[1], in: world) { return miss.lintMessage }
        if kind == .prompt {
            guard let facet else { return "a prompt path needs a region: `prompt/\(parts[1])/REGION`" }
            if facet.hasPrefix("{") { return nil }
            return WorldReference.region.check(facet, in: world)?.lintMessage
        }
        return nil
    }
}
