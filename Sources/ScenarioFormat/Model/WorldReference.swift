/// The one rule for whether a name refers to something in a scenario's world (a deploy, an
/// alias, a version of that alias, a replica…). Lint, state paths, evidence ids and the
/// trainee's actions all ask it; each words the miss for its reader.
public enum WorldReference: Sendable, Equatable {
    case alias, prompt, promptVersion, region, index, replica, build, evalSet, judge, evalRun, tool, deploy, key, tenant, keyOrTenant
    case flag, service, team, metric
    /// A version of this alias.
    case version(of: String)

    /// What the thing is called in a sentence.
    public var noun: String {
        switch self {
        case .alias: return "model alias"
        case .prompt: return "prompt"
        case .promptVersion: return "prompt version"
        case .region: return "region"
        case .index: return "index"
        case .replica: return "replica"
        case .build: return "build"
        case .evalSet: return "eval set"
        case .judge: return "judge"
        case .evalRun: return "eval run"
        case .tool: return "tool"
        case .deploy: return "deploy"
        case .key: return "key"
        case .tenant: return "tenant"
        case .keyOrTenant: return "key or tenant"
        case .flag: return "flag"
        case .service: return "service"
        case .team: return "team"
        case .metric: return "metric"
        case .version(let alias): return "version of `\(alias)`"
        }
    }

    /// Every name of this kind the scenario has, in the order it declares them.
    public func candidates(in scenario: Scenario, pack: Pack) -> [String] {
        let world = scenario.world
        switch self {
        case .metric: return scenario.allMetrics(pack: pack).map(\.id)
        case .team: return scenario.teams.map(\.id)
        default: return candidates(in: world)
        }
    }

    /// Every name of this kind in a world (metrics and teams belong to the scenario: empty here).
    public func candidates(in world: World) -> [String] {
        switch self {
        case .alias: return world.models.map(\.alias)
        case .prompt: return world.prompts.map(\.id)
        case .promptVersion: return world.prompts.flatMap { $0.versions.map(\.id) }
        case .region: return world.regions
        case .index: return world.indexes.map(\.id)
        case .replica: return world.indexes.flatMap { $0.replicas.map(\.id) }
        case .build: return world.indexes.flatMap { $0.builds.map(\.id) }
        case .evalSet: return world.evals.sets.map(\.id)
        case .judge: return world.evals.judges.map(\.id)
        case .evalRun: return world.evals.runs.map(\.id) + (world.evals.refresh?.runs.map(\.id) ?? [])
        case .tool: return world.tools.map(\.id)
        case .deploy: return world.deploys.map(\.id)
        case .key: return world.keys.map(\.id)
        case .tenant: return world.tenants.map(\.id)
        case .keyOrTenant: return world.keys.map(\.id) + world.tenants.map(\.id)
        case .flag: return world.flags.map(\.id)
        case .service: return world.services.map(\.id)
        case .team, .metric: return []
        case .version(let alias): return world.alias(alias)?.versions.map(\.id) ?? []
        }
    }

    /// A name that refers to nothing: what was asked for, what there is, the closest.
    public struct Miss: Sendable, Equatable {
        public var reference: WorldReference
        public var name: String
        public var candidates: [String]
        public var suggestion: String? { Suggestion.closest(to: name, in: candidates) }

        /// As lint says it: `unknown deploy `x`; did you mean `y`?`
        public var lintMessage: String { FormatProblem.unknownReference(kind: reference.noun, name: name, suggestion: suggestion).message }
    }

    /// Nil when `name` is one of them.
    public func check(_ name: String, in world: World) -> Miss? {
        let candidates = candidates(in: world)
        return candidates.contains(name) ? nil : Miss(reference: self, name: name, candidates: candidates)
    }
}

extension WorldAction {
    /// What the action names, in the order a trainee types them: each must exist.
    public var references: [(WorldReference, String)] {
        switch self {
        case .rollbackDeploy(let id): return [(.deploy, id)]
        case .restart(let service), .scale(let service, _): return [(.service, service)]
        case .pinModel(let alias, let version): return [(.alias, alias), (.version(of: alias), version)]
        case .rollbackPrompt(let version, let region): return [(.promptVersion, version)] + (region.map { [(.region, $0)] } ?? [])
        case .failoverIndex(let replica): return [(.replica, replica)]
        case .revokeKey(let key), .rotateKey(let key): return [(.key, key)]
        case .disableTool(let tool), .enableTool(let tool): return [(.tool, tool)]
        case .flag(let name, _): return [(.flag, name)]
        case .ratelimit(let subject, _): return [(.keyOrTenant, subject)]
        case .refreshEvals: return []
        }
    }

    /// The first thing the action names that the world lacks.
    public func firstMiss(in world: World) -> WorldReference.Miss? {
        for (reference, name) in references {
            if let miss = reference.check(name, in: world) { return miss }
        }
        return nil
    }
}
