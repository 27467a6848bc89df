/// Checks that a decoded scenario refers only to things that exist and tells a possible story:
/// references, ids, timelines, and that every surface's registry is populated.
struct ScenarioValidator {
    let scenario: Scenario
    let pack: Pack
    let root: YAMLNode
    let decoder: NodeDecoder

    private var world: World { scenario.world }

    func validate() {
        checkIDs()
        checkWorld()
        checkTeams()
        checkTraffic()
        checkMetrics()
        checkNarrative()
        checkTruth()
    }

    private func error(_ problem: FormatProblem, _ path: [YAMLPathStep]) {
        decoder.error(problem, at: root.locate(path))
    }

    private func unknown(_ kind: String, _ name: String, among candidates: [String], _ path: [YAMLPathStep]) {
        error(.unknownReference(kind: kind, name: name, suggestion: Suggestion.closest(to: name, in: candidates)), path)
    }

    // MARK: Ids

    private func checkIDs() {
        func unique(_ ids: [String], kind: String, _ path: [YAMLPathStep], key: String = "id") {
            var seen = Set<String>()
            for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
                error(.duplicateID(kind: kind, id: id), path + [.index(index), .key(key)])
            }
        }
        unique(world.services.map(\.id), kind: "service", ["world", "services"])
        unique(world.deploys.map(\.id), kind: "deploy", ["world", "deploys"])
        unique(world.models.map(\.alias), kind: "model alias", ["world", "models"], key: "alias")
        unique(world.prompts.map(\.id), kind: "prompt", ["world", "prompts"])
        unique(world.prompts.flatMap { $0.versions.map(\.id) }, kind: "prompt version (across prompts)", ["world", "prompts"])
        unique(world.indexes.map(\.id), kind: "index", ["world", "indexes"])
        unique(world.indexes.flatMap { $0.replicas.map(\.id) }, kind: "replica (across indexes)", ["world", "indexes"])
        unique(world.evals.sets.map(\.id), kind: "eval set", ["world", "evals", "sets"])
        unique(world.evals.judges.map(\.id), kind: "judge", ["world", "evals", "judges"])
        unique(world.evals.runs.map(\.id), kind: "eval run", ["world", "evals", "runs"])
        unique(world.tools.map(\.id), kind: "tool", ["world", "tools"])
        unique(world.keys.map(\.id), kind: "key", ["world", "keys"])
        unique(world.tenants.map(\.id), kind: "tenant", ["world", "tenants"])
        unique(world.flags.map(\.id), kind: "flag", ["world", "flags"])
        unique(scenario.teams.map(\.id), kind: "team", ["teams"])
        unique(scenario.traffic.overlays.map(\.id) + scenario.traffic.streams.map(\.id), kind: "overlay or stream", ["traffic", "overlays"])
        unique(scenario.metrics.map(\.id), kind: "metric", ["metrics"])
        unique(scenario.logs.map(\.id), kind: "log", ["logs"])
        unique(scenario.timeline.map(\.id), kind: "timeline event", ["timeline"])
        unique(scenario.injects.map(\.id), kind: "inject", ["injects"])
    }

    // MARK: World

    private func checkWorld() {
        let registries: [(String, Bool, [YAMLPathStep])] = [
            ("services", world.services.isEmpty, ["world", "services"]), ("deploys", world.deploys.isEmpty, ["world", "deploys"]),
            ("models", world.models.isEmpty, ["world", "models"]), ("prompts", world.prompts.isEmpty, ["world", "prompts"]),
            ("indexes", world.indexes.isEmpty, ["world", "indexes"]), ("eval sets", world.evals.sets.isEmpty, ["world", "evals", "sets"]),
            ("eval runs", world.evals.runs.isEmpty, ["world", "evals", "runs"]), ("judges", world.evals.judges.isEmpty, ["world", "evals", "judges"]),
            ("tools", world.tools.isEmpty, ["world", "tools"]), ("keys", world.keys.isEmpty, ["world", "keys"]),
            ("tenants", world.tenants.isEmpty, ["world", "tenants"]), ("flags", world.flags.isEmpty, ["world", "flags"]),
            ("regions", world.regions.isEmpty, ["world", "regions"]),
        ]
        for (name, empty, path) in registries where empty {
            decoder.warning(.emptyRegistry(name), at: root.locate(path))
        }
        let teams = scenario.teams.map(\.id)
        for (i, service) in world.services.enumerated() where !teams.contains(service.owner) {
            unknown("team", service.owner, among: teams, ["world", "services", .index(i), "owner"])
        }
        for (i, deploy) in world.deploys.enumerated() {
            if world.service(deploy.service) == nil { unknown("service", deploy.service, among: world.services.map(\.id), ["world", "deploys", .index(i), "service"]) }
            if deploy.at > .zero { error(.impossibleTimeline("deploy `\(deploy.id)` finishes after the page (\(deploy.at))"), ["world", "deploys", .index(i), "at"]) }
        }
        for (i, alias) in world.models.enumerated() {
            let path: [YAMLPathStep] = ["world", "models", .index(i)]
            if alias.versions.isEmpty { error(.inconsistent("model alias `\(alias.alias)` lists no versions"), path + ["versions"]) }
            checkHistory(alias.history, what: "model alias `\(alias.alias)`", path + ["history"])
            for (j, change) in alias.history.enumerated() where alias.version(change.value) == nil {
                unknown("version of `\(alias.alias)`", change.value, among: alias.versions.map(\.id), path + ["history", .index(j), "version"])
            }
            if !alias.owner.isEmpty, !teams.contains(alias.owner) { unknown("team", alias.owner, among: teams, path + ["owner"]) }
        }
        for (i, prompt) in world.prompts.enumerated() {
            let path: [YAMLPathStep] = ["world", "prompts", .index(i)]
            for (j, serving) in prompt.serving.enumerated() {
                if prompt.version(serving.version) == nil {
                    unknown("version of prompt `\(prompt.id)`", serving.version, among: prompt.versions.map(\.id), path + ["serving", .index(j), "version"])
                }
                if let version = prompt.version(serving.version), serving.at < version.at {
                    error(.impossibleTimeline("`\(serving.version)` serves at \(serving.at), before it was published at \(version.at)"), path + ["serving", .index(j), "at"])
                }
                for region in serving.regions where region != "all" && !world.regions.contains(region) {
                    unknown("region", region, among: world.regions, path + ["serving", .index(j), "region"])
                }
            }
            for region in world.regions where prompt.history(region: region).first.map({ $0.at > .zero }) ?? true {
                error(.impossibleTimeline("prompt `\(prompt.id)` serves nothing in `\(region)` at the page"), path + ["serving"])
            }
        }
        for (i, index) in world.indexes.enumerated() {
            let path: [YAMLPathStep] = ["world", "indexes", .index(i)]
            if index.replicas.isEmpty { error(.inconsistent("index `\(index.id)` has no replicas"), path + ["replicas"]) }
            for (j, replica) in index.replicas.enumerated() {
                if !index.builds.contains(where: { $0.id == replica.build }) {
                    unknown("build of `\(index.id)`", replica.build, among: index.builds.map(\.id), path + ["replicas", .index(j), "build"])
                }
                checkHistory(replica.history, what: "replica `\(replica.id)`", path + ["replicas", .index(j), "history"])
            }
        }
        for (i, run) in world.evals.runs.enumerated() {
            let path: [YAMLPathStep] = ["world", "evals", "runs", .index(i)]
            if world.evalSet(run.set) == nil { unknown("eval set", run.set, among: world.evals.sets.map(\.id), path + ["set"]) }
            if world.judge(run.judge) == nil { unknown("judge", run.judge, among: world.evals.judges.map(\.id), path + ["judge"]) }
            if run.at > .zero { error(.impossibleTimeline("eval run `\(run.id)` is after the page"), path + ["at"]) }
        }
        if let refresh = world.evals.refresh {
            for (i, run) in refresh.runs.enumerated() {
                let path: [YAMLPathStep] = ["world", "evals", "refresh", "runs", .index(i)]
                let sets = world.evals.sets.map(\.id) + refresh.sets.map(\.id)
                if !sets.contains(run.set) { unknown("eval set", run.set, among: sets, path + ["set"]) }
                if world.judge(run.judge) == nil { unknown("judge", run.judge, among: world.evals.judges.map(\.id), path + ["judge"]) }
                if run.at < .zero { error(.impossibleTimeline("a refresh run happens after the refresh: write `+4m`"), path + ["at"]) }
            }
        }
        for (i, judge) in world.evals.judges.enumerated() {
            checkHistory(judge.history, what: "judge `\(judge.id)`", ["world", "evals", "judges", .index(i), "history"])
        }
        for (i, tool) in world.tools.enumerated() {
            checkHistory(tool.history, what: "tool `\(tool.id)`", ["world", "tools", .index(i), "history"])
            if !tool.owner.isEmpty, !teams.contains(tool.owner) { unknown("team", tool.owner, among: teams, ["world", "tools", .index(i), "owner"]) }
        }
        for (i, key) in world.keys.enumerated() {
            for tenant in key.tenants where tenant != "all" && world.tenant(tenant) == nil {
                unknown("tenant", tenant, among: world.tenants.map(\.id), ["world", "keys", .index(i), "tenants"])
            }
        }
        for (i, flag) in world.flags.enumerated() {
            checkHistory(flag.history, what: "flag `\(flag.id)`", ["world", "flags", .index(i), "history"])
        }
        for (i, change) in world.changes.enumerated() {
            if change.path.contains("{") {
                error(.inconsistent("a scripted change names one state; `{…}` placeholders belong in conditions"), ["world", "changes", .index(i), "set"])
            } else if let problem = StatePath.problem(with: change.path, world: world) {
                error(.inconsistent(problem), ["world", "changes", .index(i), "set"])
            }
        }
    }

    /// A history must say what held at the page, or the registry would show nothing.
    private func checkHistory(_ history: [Change], what: String, _ path: [YAMLPathStep]) {
        guard let first = history.first else {
            error(.inconsistent("\(what) has an empty history; give at least its state before the page"), path)
            return
        }
        if first.at > .zero { error(.impossibleTimeline("\(what) has no state at the page: its first entry is at \(first.at)"), path + [.index(0), "at"]) }
    }

    // MARK: Teams

    private func checkTeams() {
        for (i, team) in scenario.teams.enumerated() {
            let path: [YAMLPathStep] = ["teams", .index(i)]
            for (j, surface) in team.owns.enumerated() where pack.surface(surface) == nil {
                unknown("surface", surface, among: pack.surfaces.map(\.id), path + ["owns", .index(j)])
            }
            for (j, capability) in team.can.enumerated() {
                if let text = capability.action {
                    let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
                    switch WorldAction.parse(words) {
                    case .success(let action): checkAction(action, path + ["can", .index(j), "do"])
                    case .failure(let problem): error(.invalidValue(text, expected: "an action: \(problem.message)"), path + ["can", .index(j), "do"])
                    }
                }
                for (k, set) in capability.sets.enumerated() {
                    if let problem = StatePath.problem(with: set.key, world: world) { error(.inconsistent(problem), path + ["can", .index(j), "set", .index(k)]) }
                }
            }
        }
    }

    // MARK: Traffic

    private func checkTraffic() {
        let traffic = scenario.traffic
        let classNames = traffic.classes.map(\.name)
        for (i, requestClass) in traffic.classes.enumerated() {
            switch requestClass.kind {
            case .replicasOf(let index) where world.index(index) == nil:
                unknown("index", index, among: world.indexes.map(\.id), ["traffic", "classes", .index(i)])
            case .tenants where world.tenants.isEmpty:
                error(.inconsistent("`tenants` needs tenants in the world"), ["traffic", "classes", .index(i)])
            default: break
            }
        }
        checkTemplate(traffic.request, classNames: classNames, ["traffic", "request"])
        for (i, overlay) in traffic.overlays.enumerated() {
            let path: [YAMLPathStep] = ["traffic", "overlays", .index(i)]
            // Overlays are chosen before a request has spans, so only its classes can be read.
            checkCondition(overlay.when, attributes: classNames, classNames: classNames, path + ["when"])
            if overlay.sticky, !traffic.classes.contains(where: { if case .pool = $0.kind { return $0.name == "user" } else { return false } }) {
                error(.inconsistent("`sticky: user` needs a `user: {pool: N}` class"), path + ["sticky"])
            }
            if case .metric(let id) = overlay.share {
                guard let spec = scenario.metric(id, pack: pack) else {
                    unknown("metric", id, among: scenario.allMetrics(pack: pack).map(\.id), path + ["share"])
                    continue
                }
                if case .requests = spec.source { error(.inconsistent("a share must come from an ambient or world metric, not a request metric"), path + ["share"]) }
            }
            checkTemplate(traffic.overlayTemplates[i], classNames: classNames, path)
        }
        for (i, stream) in traffic.streams.enumerated() {
            let path: [YAMLPathStep] = ["traffic", "streams", .index(i)]
            let names = classNames + stream.classes.map(\.name)
            checkCondition(stream.when, attributes: [], classNames: [], path + ["when"])
            checkTemplate(traffic.streamTemplates[i], classNames: names, path)
        }
        if traffic.request.samples.isEmpty {
            error(.inconsistent("the base request needs samples, good and bad, for `samples` to show"), ["traffic", "request"])
        }
    }

    private func checkTemplate(_ template: RequestTemplate, classNames: [String], _ path: [YAMLPathStep]) {
        let ids = template.spans.map(\.id)
        let base = scenario.traffic.request
        for (i, span) in template.spans.enumerated() {
            // A shape inherits the base's spans; report a problem once, where it was written.
            if template.id != base.id, base.span(span.id) == span { continue }
            if let parent = span.parent, !ids.contains(parent) {
                unknown("parent span", parent, among: ids, path + ["spans", .index(i), "parent"])
            }
            // A span cannot be its own ancestor.
            var seen: Set<String> = [span.id]
            var next = span.parent
            while let current = next {
                if !seen.insert(current).inserted {
                    error(.inconsistent("span `\(span.id)` is its own ancestor"), path + ["spans", .index(i), "parent"])
                    break
                }
                next = template.span(current)?.parent
            }
            for attribute in span.attributes {
                checkGenerator(attribute.value, classNames: classNames, path + ["spans"])
            }
        }
        for attribute in template.attributes where template.id == base.id || !base.attributes.contains(where: { $0.key == attribute.key && $0.value == attribute.value }) {
            checkGenerator(attribute.value, classNames: classNames, path + ["attributes"])
        }
        if !template.samples.contains(where: \.bad), template.bad > 0 {
            error(.inconsistent("`\(template.id)` has bad answers (\(Percent(template.bad * 100))) but no bad samples to show for them"), path)
        }
        if !template.samples.contains(where: { !$0.bad }), template.bad < 1 {
            error(.inconsistent("`\(template.id)` has good answers but no good samples to show for them"), path)
        }
    }

    private func checkGenerator(_ generator: AttributeGenerator, classNames: [String], _ path: [YAMLPathStep]) {
        guard case .state(let statePath) = generator else { return }
        if let problem = StatePath.problem(with: statePath, world: world) { error(.inconsistent(problem), path) }
        for name in Operand.state(statePath).placeholders where !classNames.contains(name) {
            unknown("request attribute", name, among: classNames, path)
        }
    }

    private func checkCondition(_ condition: Condition, attributes: [String], classNames: [String], _ path: [YAMLPathStep]) {
        for operand in condition.operands {
            switch operand {
            case .state(let statePath):
                if let problem = StatePath.problem(with: statePath, world: world) { error(.invalidExpression(problem), path) }
                for name in operand.placeholders where !classNames.contains(name) {
                    unknown("request attribute", name, among: classNames, path)
                }
            case .attribute(let name):
                if !attributes.contains(name) {
                    if attributes.isEmpty {
                        error(.invalidExpression("only world states (`kind/id`) may be used here, not `\(name)`"), path)
                    } else {
                        unknown("request attribute", name, among: attributes, path)
                    }
                }
            }
        }
    }

    // MARK: Metrics

    private func checkMetrics() {
        let attributes = RequestAttributes.names(in: scenario)
        for (i, metric) in scenario.allMetrics(pack: pack).enumerated() {
            let ownIndex = scenario.metrics.firstIndex { $0.id == metric.id }
            let path: [YAMLPathStep] = ownIndex.map { ["metrics", .index($0)] } ?? ["metrics"]
            switch metric.source {
            case .requests(_, let of, _, let whereCondition, let among, _):
                // Pack metrics read attributes each scenario may or may not have; only a scenario's own are checked strictly.
                guard ownIndex != nil else { continue }
                if let of, !attributes.contains(of) { unknown("request attribute", of, among: attributes, path + ["of"]) }
                if let whereCondition { checkCondition(whereCondition, attributes: attributes, classNames: [], path + ["where"]) }
                if let among { checkCondition(among, attributes: attributes, classNames: [], path + ["among"]) }
            case .ambient(_, _, _, let effects):
                for (j, effect) in effects.enumerated() {
                    if let when = effect.when { checkCondition(when, attributes: [], classNames: [], path + ["effects", .index(j), "when"]) }
                }
            case .world(let gauge, let subject):
                switch gauge {
                case .replicasHealthy, .indexAgeHours:
                    if let subject, world.index(subject) == nil { unknown("index", subject, among: world.indexes.map(\.id), path + ["subject"]) }
                case .evalSetAgeDays, .evalScore:
                    if let subject, world.evalSet(subject) == nil { unknown("eval set", subject, among: world.evals.sets.map(\.id), path + ["subject"]) }
                }
            }
            _ = i
        }
        for dashboard in pack.dashboards {
            for panel in dashboard.panels where scenario.metric(panel.metric, pack: pack) == nil {
                error(.inconsistent("the pack's dashboard `\(dashboard.id)` draws `\(panel.metric)`, which this scenario lacks; add it under `metrics`"), ["metrics"])
            }
        }
        // The page's live numbers must name metrics.
        for name in placeholders(in: scenario.page.title) {
            let id = name.hasSuffix(".baseline") ? String(name.dropLast(".baseline".count)) : name
            if scenario.metric(id, pack: pack) == nil {
                unknown("metric", id, among: scenario.allMetrics(pack: pack).map(\.id), ["page", "title"])
            }
        }
    }

    private func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.append(String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }

    // MARK: Logs, timeline, hints

    private func checkNarrative() {
        for (i, log) in scenario.logs.enumerated() {
            if world.service(log.service) == nil { unknown("service", log.service, among: world.services.map(\.id), ["logs", .index(i), "service"]) }
            if let when = log.when { checkCondition(when, attributes: [], classNames: [], ["logs", .index(i), "when"]) }
            if let at = log.at, at > .zero { error(.impossibleTimeline("a one-off log line must be at or before the page"), ["logs", .index(i), "at"]) }
        }
        for (i, event) in scenario.timeline.enumerated() where event.at <= .zero {
            error(.impossibleTimeline(event.countsFromFix ? "an event counted from the fix happens after it: write `+5m`" : "timeline events happen after the page: write `+15m`"),
                  ["timeline", .index(i), "at"])
        }
        if scenario.hints.count != 3 {
            decoder.warning(.inconsistent("give three hints, each stronger than the last (found \(scenario.hints.count))"), at: root.locate(["hints"]))
        }
        if scenario.teams.isEmpty { error(.inconsistent("a scenario needs teams to escalate to"), ["teams"]) }
    }

    // MARK: Truth

    private func checkTruth() {
        let truth = scenario.truth
        let surfaces = pack.surfaces.map(\.id)
        if pack.surface(truth.surface) == nil { unknown("surface", truth.surface, among: surfaces, ["truth", "surface"]) }
        for (i, surface) in truth.contributing.enumerated() where pack.surface(surface) == nil {
            unknown("surface", surface, among: surfaces, ["truth", "contributing", .index(i)])
        }
        checkCondition(truth.cause, attributes: [], classNames: [], ["truth", "cause"])
        if truth.evidence.isEmpty { error(.inconsistent("name at least one decisive evidence item"), ["truth", "evidence"]) }
        for (i, item) in truth.evidence.enumerated() {
            if let problem = evidenceProblem(item.ref) { error(.inconsistent(problem), ["truth", "evidence", .index(i), "ref"]) }
        }
        let teams = scenario.teams.map(\.id)
        for (i, owner) in truth.owners.enumerated() where !teams.contains(owner) {
            unknown("team", owner, among: teams, ["truth", "owners", .index(i)])
        }
        for (key, moves) in [("containment", truth.containment), ("mitigations", truth.mitigations), ("helpful", truth.helpful)] {
            for (i, move) in moves.enumerated() { checkAction(move.action.value, ["truth", .key(key), .index(i), "action"]) }
        }
        if truth.mitigations.isEmpty { error(.inconsistent("name at least one mitigation"), ["truth", "mitigations"]) }
        for (key, harms) in [("harmful", truth.harmful), ("critical", truth.critical)] {
            for (i, harm) in harms.enumerated() {
                checkAction(harm.action.value, ["truth", .key(key), .index(i), "action"])
                if truth.mitigations.contains(where: { $0.action.value == harm.action.value }) {
                    error(.inconsistent("`\(harm.action.value)` is both a mitigation and harmful"), ["truth", .key(key), .index(i), "action"])
                }
            }
        }
    }

    /// Why an evidence reference cannot be shown by any screen, or nil if it can.
    private func evidenceProblem(_ ref: String) -> String? {
        guard let colon = ref.firstIndex(of: ":") else { return "`\(ref)` is not an evidence id such as `alias:chat-default`" }
        let kind = String(ref[..<colon]), id = String(ref[ref.index(after: colon)...])
        func known(_ noun: String, _ candidates: [String]) -> String? {
            candidates.contains(id) ? nil : FormatProblem.unknownReference(kind: noun, name: id, suggestion: Suggestion.closest(to: id, in: candidates)).message
        }
        func known(_ reference: WorldReference) -> String? { reference.check(id, in: world)?.lintMessage }
        switch kind {
        case "alias": return known(.alias)
        case "prompt": return known("prompt or prompt/region", world.prompts.map(\.id) + world.prompts.flatMap { p in world.regions.map { "\(p.id)/\($0)" } })
        case "prompt-version": return known(.promptVersion)
        case "diff":
            let versions = world.prompts.flatMap { $0.versions.map(\.id) }
            let parts = id.components(separatedBy: "..")
            guard parts.count == 2 else { return "a diff is written `diff:OLD..NEW`" }
            for part in parts where !versions.contains(part) {
                return FormatProblem.unknownReference(kind: "prompt version", name: part, suggestion: Suggestion.closest(to: part, in: versions)).message
            }
            return nil
        case "index": return known(.index)
        case "replica": return known(.replica)
        case "build": return known(.build)
        case "evalset": return known(.evalSet)
        case "judge": return known(.judge)
        case "evalrun": return known(.evalRun)
        case "tool": return known(.tool)
        case "deploy": return known(.deploy)
        case "key": return known(.key)
        case "tenant": return known(.tenant)
        case "flag": return known(.flag)
        case "service": return known(.service)
        case "metric": return known("metric", scenario.allMetrics(pack: pack).map(\.id))
        case "log":
            let ids = scenario.logs.map(\.id) + scenario.traffic.templates.flatMap { $0.logs.map(\.id) + $0.spans.flatMap { $0.logs.map(\.id) } }
            return known("log line", ids)
        case "samples": return known("request shape", scenario.traffic.templates.map(\.id))
        case "usage":
            let parts = id.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["key", "tenant", "model"].contains(parts[0]) else { return "usage evidence is written `usage:key:ID`, `usage:tenant:ID` or `usage:model:ID`" }
            return nil
        case "attr":
            guard let equals = id.firstIndex(of: "=") else { return "attribute evidence is written `attr:NAME=VALUE`" }
            let name = String(id[..<equals])
            let names = RequestAttributes.names(in: scenario)
            return names.contains(name) ? nil : FormatProblem.unknownReference(kind: "attribute", name: name, suggestion: Suggestion.closest(to: name, in: names)).message
        default:
            let kinds = ["alias", "prompt", "prompt-version", "diff", "index", "replica", "build", "evalset", "judge", "evalrun", "tool",
                         "deploy", "key", "tenant", "flag", "service", "metric", "log", "samples", "usage", "attr"]
            return FormatProblem.unknownReference(kind: "evidence kind", name: kind, suggestion: Suggestion.closest(to: kind, in: kinds)).message
        }
    }

    // MARK: Actions

    /// An action must name things that exist, or the trainee could never type it.
    func checkAction(_ action: WorldAction, _ path: [YAMLPathStep]) {
        for (reference, name) in action.references {
            guard let miss = reference.check(name, in: world) else { continue }
            error(.unknownReference(kind: reference.noun, name: name, suggestion: miss.suggestion), path)
            // A version of an alias that does not exist cannot be checked.
            if reference == .alias { break }
        }
    }
}

import Foundation
