import ScenarioFormat
import Simulation
import Synchronization

/// Tab completion from the live world: commands, then each argument by what it names.
/// Readline calls it from its own callback, so it reads a snapshot rather than the session.
public final class Completer: Sendable {
    struct Snapshot: Sendable {
        var words: [CommandSpec.ArgumentKind: [String]] = [:]
        var versionsByAlias: [String: [String]] = [:]
        var attributes: [String] = []
        /// Values an attribute is known to take, for `--where ATTR=<Tab>`.
        var values: [String: [String]] = [:]
        /// While a form is open, what its current field completes from.
        var form: [String]?
    }

    private let snapshot = Mutex(Snapshot())

    public init() {}

    /// Refreshes what completes from the session as it stands now.
    public func update(from session: Session) {
        let world = session.scenario.world
        var snapshot = Snapshot()
        snapshot.words = [
            .command: CommandRegistry.names,
            .dashboard: session.pack.dashboards.map(\.id),
            .metric: session.scenario.allMetrics(pack: session.pack).map(\.id),
            .service: world.services.map(\.id),
            .alias: world.models.map(\.alias),
            .version: world.models.flatMap { $0.versions.map(\.id) },
            .promptVersion: world.prompts.flatMap { $0.versions.map(\.id) },
            .region: world.regions,
            .replica: world.indexes.flatMap { $0.replicas.map(\.id) },
            .key: world.keys.map(\.id),
            .tenant: world.tenants.map(\.id),
            .keyOrTenant: world.keys.map(\.id) + world.tenants.map(\.id),
            .tool: world.tools.map(\.id),
            .flag: world.flags.map(\.id),
            .onOff: ["on", "off"],
            .surface: session.pack.surfaces.map(\.id),
            .team: session.scenario.teams.map(\.id),
            .traceID: session.record.shownTraces,
            .topic: session.pack.topics.map(\.id),
            .deploy: world.deploys.map(\.id),
            .usageBy: ["key", "tenant", "model"],
        ]
        snapshot.versionsByAlias = Dictionary(uniqueKeysWithValues: world.models.map { ($0.alias, $0.versions.map(\.id)) })
        snapshot.attributes = RequestAttributes.names(in: session.scenario)
        snapshot.values = Self.attributeValues(session, versionsByAlias: snapshot.versionsByAlias)
        if case .postmortem(let field, _) = session.pending {
            let truth = session.scenario.truth.postmortem
            switch PostmortemField.allCases[field] {
            case .shouldDetect: snapshot.form = truth.detection.map(\.id)
            case .prevention: snapshot.form = truth.prevention.map(\.id)
            case .surface, .contributing: snapshot.form = session.pack.surfaces.map(\.id) + ["none"]
            default: snapshot.form = ["unchanged"]
            }
        }
        self.snapshot.withLock { $0 = snapshot }
    }

    /// What each request attribute can be, as far as the scenario says: the world's registries
    /// for the built-in ones, and the classes' and templates' literal values.
    static func attributeValues(_ session: Session, versionsByAlias: [String: [String]]) -> [String: [String]] {
        let world = session.scenario.world, traffic = session.scenario.traffic
        var values: [String: [String]] = [
            "service": world.services.map(\.id),
            "status": ["ok", "error"],
            "feedback": ["up", "down", "handoff", "none"],
            "trace": session.record.shownTraces,
        ]
        for requestClass in traffic.classes + traffic.streams.flatMap(\.classes) {
            switch requestClass.kind {
            case .constant(let value): values[requestClass.name, default: []].append(value)
            case .weighted(let choices, _): values[requestClass.name, default: []] += choices
            case .tenants: values[requestClass.name, default: []] += world.tenants.map(\.id)
            case .replicasOf(let index): values[requestClass.name, default: []] += world.index(index)?.replicas.map(\.id) ?? []
            case .pool: break
            }
        }
        func literals(_ generator: AttributeGenerator) -> [String] {
            switch generator {
            case .text(let text): return text.contains("{") ? [] : [text]  // `{name}` is filled per request
            case .choice(let choices): return choices.map(\.value).filter { !$0.contains("{") }
            case .state(let path): return path.hasPrefix("alias/") ? versionsByAlias[String(path.dropFirst(6))] ?? [] : []
            case .number: return []
            }
        }
        for template in traffic.templates {
            for (key, generator) in template.attributes { values[key, default: []] += literals(generator) }
            for span in template.spans {
                for (key, generator) in span.attributes {
                    values[key, default: []] += literals(generator)
                    values["\(span.id).\(key)", default: []] += literals(generator)
                }
            }
        }
        return values
    }

    /// Candidates for the word at [wordStart, wordEnd) (UTF-8 offsets) of `line`.
    public func candidates(line: String, wordStart: Int, wordEnd: Int) -> [String] {
        let snapshot = self.snapshot.withLock { $0 }
        if let form = snapshot.form { return form }
        let bytes = Array(line.utf8)
        let before = String(decoding: bytes[0..<min(max(0, wordStart), bytes.count)], as: UTF8.self)
        let words = before.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let command = words.first else { return snapshot.words[.command] ?? [] }
        guard let spec = CommandRegistry.spec(command) else { return [] }
        let current = String(decoding: bytes[min(max(0, wordStart), bytes.count)..<min(max(0, wordEnd), bytes.count)], as: UTF8.self)
        if current.hasPrefix("--") { return spec.flags.map(\.name) }
        // `--where ATTR=<Tab>` (and `ATTR!=`): the word break at `=` leaves the attribute in the word before.
        if before.hasSuffix("="), words.count >= 2, let flag = spec.flags.first(where: { $0.name == words[words.count - 2] }),
           flag.kind == .attribute, let last = words.last {
            var attribute = last.dropLast()
            if attribute.hasSuffix("!") { attribute = attribute.dropLast() }
            return snapshot.values[String(attribute)] ?? []
        }
        if let last = words.last, last.hasPrefix("--"), let flag = spec.flags.first(where: { $0.name == last }), flag.takesValue {
            // `--where` wants `ATTR=VALUE`: offering `ATTR=` lets Tab go straight on to the value.
            if flag.kind == .attribute { return flag.name == "--where" ? snapshot.attributes.map { $0 + "=" } : snapshot.attributes }
            return snapshot.words[flag.kind] ?? []
        }
        // The positional words so far, skipping options and the values of those that take one.
        var positional: [String] = []
        var index = 1
        while index < words.count {
            if words[index].hasPrefix("--") {
                let name = String(words[index].prefix { $0 != "=" })
                let takesValue = spec.flags.first { $0.name == name }?.takesValue ?? true
                if takesValue && !words[index].contains("=") { index += 1 }
            } else {
                positional.append(words[index])
            }
            index += 1
        }
        guard positional.count < spec.arguments.count else { return [] }
        switch spec.arguments[positional.count] {
        case .word(let kind): return snapshot.words[kind] ?? []
        case .keyword(let words): return words
        case .versionOfAlias(let at):
            return positional.indices.contains(at) ? (snapshot.versionsByAlias[positional[at]] ?? snapshot.words[.version] ?? []) : []
        case .after(let at, let kinds):
            return positional.indices.contains(at) ? kinds[positional[at]].flatMap { snapshot.words[$0] } ?? [] : []
        case .text: return []
        }
    }
}
