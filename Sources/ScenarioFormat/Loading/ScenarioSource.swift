/// A scenario file parsed once, from which a variant can be made for any seed.
public struct ScenarioSource: Sendable {
    public var file: String
    public var text: String
    public var root: YAMLNode
    public var id: String
    public var parameters: ParameterSpace
    /// Problems found while reading the file's outer shape (format, parameters).
    public var diagnostics: [Diagnostic]

    /// Parses the file; nil (with diagnostics) when it is not YAML or not a scenario at all.
    public static func parse(file: String, text: String) -> (ScenarioSource?, [Diagnostic]) {
        let root: YAMLNode
        switch YAMLParser.parse(text) {
        case .success(let node): root = node
        case .failure(let problem): return (nil, [Diagnostic(.error, file: file, at: problem.location, problem.problem)])
        }
        let decoder = NodeDecoder(file: file)
        guard case .mapping = root else {
            decoder.error(.wrongType(expected: "a mapping (scenario)", found: root.kindDescription), at: root.location)
            return (nil, decoder.diagnostics)
        }
        guard let format = root["nightshift"]?.scalar else {
            decoder.error(.missingKey("nightshift", in: "scenario (write `nightshift: \(Scenario.format)` first)"), at: root.location)
            return (nil, decoder.diagnostics)
        }
        guard format.text == Scenario.format else {
            decoder.error(.unsupportedFormat(found: format.text, expected: Scenario.format), at: format.location)
            return (nil, decoder.diagnostics)
        }
        let parameters = root["parameters"].map { ParameterSpace.decode($0, decoder) } ?? ParameterSpace()
        let id = root["id"]?.scalar?.text ?? ""
        let source = ScenarioSource(file: file, text: text, root: root, id: id, parameters: parameters, diagnostics: decoder.diagnostics)
        return (source, decoder.diagnostics)
    }

    /// The scenario for one seed, checked against the pack. Diagnostics include the source's own.
    public func instantiate(seed: UInt64, pack: Pack) -> (Scenario?, [Diagnostic]) {
        let decoder = NodeDecoder(file: file)
        let values = parameters.values(seed: seed)
        let node = parameters.substitute(root, values: values, decoder: decoder, skipping: ["parameters"])
        let scenario = Self.decodeScenario(node, decoder, parameters: parameters, seed: seed, values: values)
        // Cross-references are checked only on a cleanly decoded file: with items missing,
        // list positions would no longer match the file and diagnostics would point astray.
        if let scenario, decoder.errorCount == 0 {
            ScenarioValidator(scenario: scenario, pack: pack, root: node, decoder: decoder).validate()
        }
        let all = diagnostics + decoder.diagnostics
        return (all.hasErrors ? nil : scenario, all)
    }

    static func decodeScenario(_ node: YAMLNode, _ decoder: NodeDecoder, parameters: ParameterSpace, seed: UInt64,
                               values: [String: String]) -> Scenario? {
        guard let f = decoder.fields(node, Scenario.schema) else { return nil }
        let id: String? = f.value("id"), title: String? = f.value("title"), summary: String? = f.value("summary")
        let difficulty: String? = f.value("difficulty"), minutes: Int? = f.value("minutes")
        // A scenario id names its journals and reports: one plain word, never a path.
        if let id, Identifier.problem(id) == nil, id.contains(where: { $0 == "/" || $0 == ":" }) {
            decoder.error(.notAnIdentifier(id, reason: "a scenario id names files, so it may not hold `/` or `:`"), at: f.location(of: "id"))
        }
        if let difficulty, !Scenario.difficulties.contains(difficulty) {
            decoder.error(.invalidValue(difficulty, expected: Scenario.difficulties.map { "`\($0)`" }.joined(separator: ", ")), at: f.location(of: "difficulty"))
        }
        let page: Page? = f.value("page"), world: World? = f.value("world"), traffic: Traffic? = f.value("traffic")
        let truth: Truth? = f.value("truth"), debrief: String? = f.value("debrief")
        let teams: [Team] = f.list("teams"), metrics: [MetricSpec] = f.list("metrics"), logs: [LogEntry] = f.list("logs")
        let timeline: [TimelineEvent] = f.list("timeline"), injects: [Inject] = f.list("injects")
        let hints: [String] = f.value("hints") ?? []
        guard let id, let title, let summary, let difficulty, let minutes, let page, let world, let traffic, let truth, let debrief else {
            return nil
        }
        return Scenario(
            id: id, title: title, codename: f.value("codename") ?? Scenario.derivedCodename(for: id), summary: summary,
            difficulty: difficulty, minutes: minutes, modelledOn: f.value("modelled_on") ?? [], tags: f.value("tags") ?? [],
            parameters: parameters, seed: seed, variant: values, page: page, world: world, teams: teams, traffic: traffic,
            metrics: metrics, logs: logs, timeline: timeline, injects: injects, runbook: f.value("runbook"), hints: hints,
            truth: truth, debrief: debrief)
    }
}
