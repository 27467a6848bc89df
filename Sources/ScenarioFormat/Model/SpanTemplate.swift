/// One span of a request's trace. Durations are self time: a span's total is its own
/// duration plus its children's, so the root's latency is the sum of the work beneath it.
public struct SpanTemplate: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: String
    public var service: String
    public var parent: String?
    public var duration: Distribution
    public var status: StatusSpec
    /// Share of requests that have this span at all (a tool called only sometimes).
    public var present: Double
    public var attributes: [(key: String, value: AttributeGenerator)]
    public var logs: [LogTemplate]

    public static func == (a: SpanTemplate, b: SpanTemplate) -> Bool {
        a.id == b.id && a.name == b.name && a.kind == b.kind && a.service == b.service && a.parent == b.parent && a.present == b.present
            && a.duration == b.duration && a.status == b.status && a.logs == b.logs
            && a.attributes.map(\.key) == b.attributes.map(\.key) && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    /// OpenInference span kinds, which the pack's metrics select spans by.
    public static let kinds = ["LLM", "RETRIEVER", "TOOL", "CHAIN", "AGENT", "EMBEDDING", "GUARDRAIL", "RERANKER", "INTERNAL"]

    public static let schema = ObjectSchema("span", doc: "A span of the request's trace.", [
        FieldSchema("id", .identifier, "Short id, used by overlays and in `traces --where ID.attr=…` (in overlays, the mapping key)."),
        FieldSchema("name", .string, "Span name, per GenAI conventions `{operation} {model or tool}` (required for a new span)."),
        FieldSchema("kind", .enumeration(kinds), "OpenInference kind (required for a new span)."),
        FieldSchema("service", .identifier, "The service that emits it (required for a new span)."),
        FieldSchema("parent", .identifier, "Id of the parent span (default: the root)."),
        FieldSchema("duration", .oneOf([.duration, .object("distribution")]), "Self time: `84ms` or `{median: 84ms, p95: 170ms}`."),
        FieldSchema("status", .oneOf([.enumeration(["ok", "error"]), .object("status")]), "`ok` (default) or `{error: 4%, type: timeout}`."),
        FieldSchema("present", .percent, "Share of requests that have this span (default 100%); its children come and go with it."),
        FieldSchema("attributes", .dictionary(.oneOf([.string, .number, .boolean, .object("attribute")])), "Span attributes by name."),
        FieldSchema("logs", .list(.object("span-log")), "Log lines written per request."),
    ])
}

/// Changes to one span, or a whole new span, as written in the base request or an overlay.
public struct SpanPatch: Sendable, Equatable {
    public var id: String
    public var location: SourceLocation
    public var name: String?
    public var kind: String?
    public var service: String?
    public var parent: String?
    public var duration: Distribution?
    public var status: StatusSpec?
    public var present: Double?
    public var attributes: [(key: String, value: AttributeGenerator)]
    public var logs: [LogTemplate]?

    public static func == (a: SpanPatch, b: SpanPatch) -> Bool {
        a.id == b.id && a.name == b.name && a.kind == b.kind && a.service == b.service && a.parent == b.parent && a.present == b.present
            && a.duration == b.duration && a.status == b.status && a.logs == b.logs
            && a.attributes.map(\.key) == b.attributes.map(\.key) && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    static func decode(_ node: YAMLNode, id: String?, _ decoder: NodeDecoder) -> SpanPatch? {
        guard let f = decoder.fields(node, SpanTemplate.schema) else { return nil }
        guard let id = id ?? f.value("id") else {
            decoder.error(.missingKey("id", in: "span"), at: f.location)
            return nil
        }
        let kind: String? = f.value("kind")
        if let kind, !SpanTemplate.kinds.contains(kind) {
            decoder.error(.invalidValue(kind, expected: "a span kind: " + SpanTemplate.kinds.joined(separator: ", ")), at: f.location(of: "kind"))
        }
        return SpanPatch(
            id: id, location: f.location, name: f.value("name"), kind: kind, service: f.value("service"), parent: f.value("parent"),
            duration: f.node("duration").flatMap { Distribution.decode($0, decoder, durations: true) },
            status: f.node("status").flatMap { StatusSpec.decode($0, decoder) },
            present: f.value("present", as: Percent.self)?.fraction,
            attributes: f.dictionary("attributes", of: AttributeGenerator.self).map { (key: $0.key.value, value: $0.value) },
            logs: f.has("logs") ? f.list("logs") : nil)
    }

    /// Applies this patch to a span, or makes a new span when there is none.
    func applied(to span: SpanTemplate?, decoder: NodeDecoder) -> SpanTemplate? {
        if var span {
            if let name { span.name = name }
            if let kind { span.kind = kind }
            if let service { span.service = service }
            if let parent { span.parent = parent }
            if let duration { span.duration = duration }
            if let status { span.status = status }
            if let present { span.present = present }
            if let logs { span.logs = logs }
            for (key, value) in attributes {
                if let index = span.attributes.firstIndex(where: { $0.key == key }) {
                    span.attributes[index].value = value
                } else {
                    span.attributes.append((key, value))
                }
            }
            return span
        }
        var missing: [String] = []
        if name == nil { missing.append("name") }
        if kind == nil { missing.append("kind") }
        if service == nil { missing.append("service") }
        if duration == nil { missing.append("duration") }
        guard missing.isEmpty, let name, let kind, let service, let duration else {
            decoder.error(.missingKey(missing.joined(separator: "`, `"), in: "new span `\(id)`"), at: location)
            return nil
        }
        return SpanTemplate(id: id, name: name, kind: kind, service: service, parent: parent, duration: duration,
                            status: status ?? .ok, present: present ?? 1, attributes: attributes, logs: logs ?? [])
    }
}
