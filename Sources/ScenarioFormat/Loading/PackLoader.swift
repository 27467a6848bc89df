/// A pack's files read into values: the pack definitions, the cost table, and every
/// scenario that parses. A bad file is reported and skipped; the rest still load.
public struct PackContents: Sendable {
    public var pack: Pack
    public var costs: CostTable
    public var scenarios: [ScenarioSource]
    public var diagnostics: [Diagnostic]
    /// Files that could not be used at all, with the first reason.
    public var failures: [(file: String, reason: String)]

    public func source(_ id: String) -> ScenarioSource? { scenarios.first { $0.id == id } }
    public var scenarioIDs: [String] { scenarios.map(\.id) }
}

public enum PackLoader {
    public static let packFile = "pack.yaml"
    public static let costsFile = "costs.yaml"
    public static let learnFile = "learn.yaml"

    /// Loads from (path, text) pairs, where paths are relative to the pack root (`Scenarios/…`).
    /// `displayPrefix` is prepended to paths in diagnostics so they point at real files.
    /// With `only`, scenario files whose top-level `id:` line names another scenario are not
    /// parsed at all: playing one scenario need not parse the whole library.
    public static func load(files: [(path: String, text: String)], displayPrefix: String = "", only: String? = nil) -> PackContents {
        var diagnostics: [Diagnostic] = []
        var failures: [(String, String)] = []
        func display(_ path: String) -> String { displayPrefix + path }
        func text(_ name: String) -> (String, String)? {
            files.first { $0.path == "Scenarios/\(name)" }.map { (display($0.path), $0.text) }
        }

        var pack = Pack(name: "(missing pack)", version: "0", surfaces: [], dashboards: [], metrics: [],
                        feedback: FeedbackModel(good: [("none", 1)], bad: [("none", 1)]), runbook: "", topics: [])
        if let (file, body) = text(packFile) {
            let (loaded, found) = decodePack(file: file, text: body)
            diagnostics += found
            if let loaded { pack = loaded } else { failures.append((file, found.first?.message ?? "not a pack file")) }
        } else {
            let file = display("Scenarios/\(packFile)")
            diagnostics.append(Diagnostic(.error, file: file, at: .start, .unreadable("the pack has no `Scenarios/\(packFile)`")))
            failures.append((file, "missing"))
        }
        if let (file, body) = text(learnFile) {
            let (topics, runbook, found) = decodeLearn(file: file, text: body)
            diagnostics += found
            pack.topics += topics
            if let runbook { pack.runbook = runbook }
        }
        var costs = CostTable(version: "0", costs: [:], perItem: [:])
        if let (file, body) = text(costsFile) {
            let (loaded, found) = decodeCosts(file: file, text: body)
            diagnostics += found
            if let loaded { costs = loaded } else { failures.append((file, found.first?.message ?? "not a cost table")) }
        } else {
            let file = display("Scenarios/\(costsFile)")
            diagnostics.append(Diagnostic(.error, file: file, at: .start, .unreadable("the pack has no `Scenarios/\(costsFile)`")))
            failures.append((file, "missing"))
        }

        var scenarios: [ScenarioSource] = []
        let reserved = Set([packFile, costsFile, learnFile].map { "Scenarios/\($0)" })
        for file in files.sorted(by: { $0.path < $1.path })
        where file.path.hasPrefix("Scenarios/") && !reserved.contains(file.path) && (file.path.hasSuffix(".yaml") || file.path.hasSuffix(".yml")) {
            if let only, let id = quickID(file.text), id != only { continue }
            let (source, found) = ScenarioSource.parse(file: display(file.path), text: file.text)
            diagnostics += found
            guard var source else {
                failures.append((display(file.path), found.first?.message ?? "not a scenario"))
                continue
            }
            if let existing = scenarios.first(where: { $0.id == source.id }) {
                let problem = FormatProblem.inconsistent("duplicate scenario id `\(source.id)`: \(existing.file) has it too; give this file its own `id:` (only the first file loads)")
                diagnostics.append(Diagnostic(.error, file: source.file, at: source.root.locate(["id"]), problem))
                failures.append((source.file, problem.message + " (also in \(existing.file))"))
                continue
            }
            source.diagnostics = found
            scenarios.append(source)
        }
        return PackContents(pack: pack, costs: costs, scenarios: scenarios, diagnostics: diagnostics, failures: failures)
    }

    /// The value of a plain top-level `id:` line, without parsing the YAML; nil when the file
    /// writes its id any other way (it is then parsed, to be safe).
    static func quickID(_ text: String) -> String? {
        // A byte scan: splitting every file into lines costs more than the parse it saves.
        var utf8 = text.utf8[...]
        while !utf8.isEmpty {
            let line = utf8.prefix { $0 != UInt8(ascii: "\n") }
            if line.starts(with: "id:".utf8) {
                var value = String(decoding: line.dropFirst(3), as: UTF8.self)
                if let hash = value.firstIndex(of: "#") { value = String(value[..<hash]) }
                let id = value.trimmingCharacters(in: .whitespaces)
                return !id.isEmpty && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } ? id : nil
            }
            utf8 = utf8.dropFirst(line.count + 1)
        }
        return nil
    }

    static func decodePack(file: String, text: String) -> (Pack?, [Diagnostic]) {
        let decoder = NodeDecoder(file: file)
        let node: YAMLNode
        switch YAMLParser.parse(text) {
        case .success(let parsed): node = parsed
        case .failure(let problem): return (nil, [Diagnostic(.error, file: file, at: problem.location, problem.problem)])
        }
        guard let f = decoder.fields(node, Pack.schema) else { return (nil, decoder.diagnostics) }
        if let format: String = f.value("nightshift"), format != Pack.format {
            decoder.error(.unsupportedFormat(found: format, expected: Pack.format), at: f.location(of: "nightshift"))
            return (nil, decoder.diagnostics)
        }
        guard let name: String = f.value("name"), let version: String = f.value("version"),
              let feedbackNode = f.node("feedback"), let feedback = FeedbackModel.decode(feedbackNode, decoder),
              let runbook: String = f.value("runbook") else { return (nil, decoder.diagnostics) }
        let pack = Pack(name: name, version: version, surfaces: f.list("surfaces"), dashboards: f.list("dashboards"),
                        metrics: f.list("metrics"), feedback: feedback, runbook: runbook, topics: f.list("topics"))
        let metricIDs = pack.metrics.map(\.id)
        for (i, dashboard) in pack.dashboards.enumerated() {
            for (j, panel) in dashboard.panels.enumerated() where !metricIDs.contains(panel.metric) {
                decoder.error(.unknownReference(kind: "metric", name: panel.metric, suggestion: Suggestion.closest(to: panel.metric, in: metricIDs)),
                              at: node.locate(["dashboards", .index(i), "panels", .index(j)]))
            }
        }
        if pack.surfaces.isEmpty { decoder.error(.inconsistent("a pack needs a surface taxonomy"), at: f.location(of: "surfaces")) }
        return (decoder.errorCount == 0 ? pack : nil, decoder.diagnostics)
    }

    static func decodeLearn(file: String, text: String) -> ([Pack.Topic], String?, [Diagnostic]) {
        let decoder = NodeDecoder(file: file)
        switch YAMLParser.parse(text) {
        case .failure(let problem): return ([], nil, [Diagnostic(.error, file: file, at: problem.location, problem.problem)])
        case .success(let node):
            guard let f = decoder.fields(node, Pack.learnSchema) else { return ([], nil, decoder.diagnostics) }
            return (f.list("topics"), f.value("runbook"), decoder.diagnostics)
        }
    }

    static func decodeCosts(file: String, text: String) -> (CostTable?, [Diagnostic]) {
        let decoder = NodeDecoder(file: file)
        switch YAMLParser.parse(text) {
        case .failure(let problem): return (nil, [Diagnostic(.error, file: file, at: problem.location, problem.problem)])
        case .success(let node):
            guard let f = decoder.fields(node, CostTable.schema) else { return (nil, decoder.diagnostics) }
            if let format: String = f.value("nightshift"), format != CostTable.format {
                decoder.error(.unsupportedFormat(found: format, expected: CostTable.format), at: f.location(of: "nightshift"))
            }
            var costs: [String: SimDuration] = [:], perItem: [String: SimDuration] = [:]
            for entry in f.dictionary("commands", of: SimDuration.self) {
                if entry.value < .zero { decoder.error(.outOfRange(entry.value.description, expected: "a cost of 0 or more"), at: entry.key.location) }
                costs[entry.key.value] = entry.value
            }
            for entry in f.dictionary("per_item", of: SimDuration.self) { perItem[entry.key.value] = entry.value }
            guard let version: String = f.value("version"), decoder.errorCount == 0 else { return (nil, decoder.diagnostics) }
            return (CostTable(version: version, costs: costs, perItem: perItem), decoder.diagnostics)
        }
    }
}
