/// What one request looks like: its root span, its child spans, how often the answer is
/// bad, how users react, and the conversations `samples` can show. Traces and the
/// request-level metrics both come from it, so they agree.
public struct RequestTemplate: Sendable, Equatable {
    public var id: String
    public var name: String
    public var service: String
    public var overhead: Distribution
    public var attributes: [(key: String, value: AttributeGenerator)]
    public var bad: Double          // 0...1
    public var feedback: FeedbackModel?
    public var spans: [SpanTemplate]
    public var samples: [Sample]
    public var logs: [LogTemplate]

    public static func == (a: RequestTemplate, b: RequestTemplate) -> Bool {
        a.id == b.id && a.name == b.name && a.service == b.service && a.overhead == b.overhead && a.bad == b.bad
            && a.feedback == b.feedback && a.spans == b.spans && a.samples == b.samples && a.logs == b.logs
            && a.attributes.map(\.key) == b.attributes.map(\.key) && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    public func span(_ id: String) -> SpanTemplate? { spans.first { $0.id == id } }

    /// Children of a span (nil: of the root), in the order written.
    public func children(of parent: String?) -> [SpanTemplate] { spans.filter { $0.parent == parent } }
}

/// Changes an overlay or stream makes to the base request. Written with the same keys as
/// `request`, plus `drop`. Spans are matched by id; an id the base lacks adds a span.
public struct TemplatePatch: Sendable, Equatable {
    public var name: String?
    public var service: String?
    public var overhead: Distribution?
    public var attributes: [(key: String, value: AttributeGenerator)]
    public var bad: Double?
    public var feedback: FeedbackModel?
    public var spans: [SpanPatch]
    public var drop: [Located<String>]
    public var samples: [Sample]
    public var logs: [LogTemplate]?

    public static func == (a: TemplatePatch, b: TemplatePatch) -> Bool {
        a.name == b.name && a.service == b.service && a.overhead == b.overhead && a.bad == b.bad && a.feedback == b.feedback
            && a.spans == b.spans && a.drop == b.drop && a.samples == b.samples && a.logs == b.logs
            && a.attributes.map(\.key) == b.attributes.map(\.key) && a.attributes.map(\.value) == b.attributes.map(\.value)
    }

    static let requestFields: [FieldSchema] = [
        FieldSchema("name", .string, "Root span name (`POST /assist`)."),
        FieldSchema("service", .identifier, "Service of the root span."),
        FieldSchema("overhead", .oneOf([.duration, .object("distribution")]), "Root self time."),
        FieldSchema("attributes", .dictionary(.oneOf([.string, .number, .boolean, .object("attribute")])), "Root span attributes (`http.response.status_code`…)."),
        FieldSchema("bad", .percent, "Share of answers that are bad (wrong, harmful, unhelpful)."),
        FieldSchema("feedback", .object("feedback"), "Feedback weights (default: the pack's)."),
        FieldSchema("spans", .oneOf([.list(.object("span")), .dictionary(.object("span"))]), "Spans: a list in the base request, a mapping by id in overlays."),
        FieldSchema("samples", .list(.object("sample")), "Conversations to show for requests of this shape."),
        FieldSchema("logs", .list(.object("span-log")), "Root log lines (the access log)."),
    ]

    public static let requestSchema = ObjectSchema("request", doc: "The base request every other shape patches.", requestFields)

    /// Reads the patch keys from an already opened mapping (overlay, stream, or request).
    static func decode(_ f: Fields, _ decoder: NodeDecoder) -> TemplatePatch {
        var spans: [SpanPatch] = []
        if let node = f.node("spans") {
            switch node {
            case .sequence(let items, _):
                spans = items.compactMap { SpanPatch.decode($0, id: nil, decoder) }
            case .mapping(let entries, _):
                spans = entries.compactMap { SpanPatch.decode($0.value, id: $0.key.text, decoder) }
            case .scalar:
                decoder.error(.wrongType(expected: "a list or mapping of spans", found: node.kindDescription), at: node.location)
            }
        }
        let bad: Percent? = f.value("bad")
        return TemplatePatch(
            name: f.value("name"), service: f.value("service"),
            overhead: f.node("overhead").flatMap { Distribution.decode($0, decoder, durations: true) },
            attributes: f.dictionary("attributes", of: AttributeGenerator.self).map { (key: $0.key.value, value: $0.value) },
            bad: bad?.fraction, feedback: f.node("feedback").flatMap { FeedbackModel.decode($0, decoder) },
            spans: spans, drop: f.schema.keys.contains("drop") ? f.list("drop", of: Located<String>.self) : [],
            samples: f.list("samples"), logs: f.has("logs") ? f.list("logs") : nil)
    }

    /// The base request: a patch applied to nothing, which must then be complete.
    static func decodeBase(_ node: YAMLNode, _ decoder: NodeDecoder) -> RequestTemplate? {
        guard let f = decoder.fields(node, requestSchema) else { return nil }
        let patch = decode(f, decoder)
        var missing: [String] = []
        if patch.name == nil { missing.append("name") }
        if patch.service == nil { missing.append("service") }
        if !missing.isEmpty { decoder.error(.missingKey(missing.joined(separator: "`, `"), in: "request"), at: f.location) }
        if case .mapping = f.node("spans") {
            decoder.error(.wrongType(expected: "a list of spans in the base request", found: "a mapping"), at: f.location(of: "spans"))
        }
        var seen = Set<String>()
        var spans: [SpanTemplate] = []
        for span in patch.spans {
            if !seen.insert(span.id).inserted { decoder.error(.duplicateID(kind: "span", id: span.id), at: span.location); continue }
            if let made = span.applied(to: nil, decoder: decoder) { spans.append(made) }
        }
        return RequestTemplate(
            id: "base", name: patch.name ?? "request", service: patch.service ?? "", overhead: patch.overhead ?? .constant(5),
            attributes: patch.attributes, bad: patch.bad ?? 0, feedback: patch.feedback, spans: spans,
            samples: patch.samples, logs: patch.logs ?? [])
    }

    /// The base request with this patch applied.
    public func applied(to base: RequestTemplate, id: String, decoder: NodeDecoder) -> RequestTemplate {
        var template = base
        template.id = id
        if let name { template.name = name }
        if let service { template.service = service }
        if let overhead { template.overhead = overhead }
        if let bad { template.bad = bad }
        if let feedback { template.feedback = feedback }
        if let logs { template.logs = logs }
        for (key, value) in attributes {
            if let index = template.attributes.firstIndex(where: { $0.key == key }) {
                template.attributes[index].value = value
            } else {
                template.attributes.append((key, value))
            }
        }
        for dropped in drop {
            guard template.spans.contains(where: { $0.id == dropped.value }) else {
                decoder.error(.unknownReference(kind: "span", name: dropped.value, suggestion: Suggestion.closest(to: dropped.value, in: template.spans.map(\.id))), at: dropped.location)
                continue
            }
            // Children of a dropped span go with it.
            var gone: Set<String> = [dropped.value]
            var changed = true
            while changed {
                changed = false
                for span in template.spans where !gone.contains(span.id) && span.parent.map(gone.contains) == true {
                    gone.insert(span.id)
                    changed = true
                }
            }
            template.spans.removeAll { gone.contains($0.id) }
        }
        for patch in spans {
            if let index = template.spans.firstIndex(where: { $0.id == patch.id }) {
                if let span = patch.applied(to: template.spans[index], decoder: decoder) { template.spans[index] = span }
            } else if let span = patch.applied(to: nil, decoder: decoder) {
                template.spans.append(span)
            }
        }
        // Samples written for this shape replace the base's; a shape without its own keeps them.
        if !samples.isEmpty {
            let bad = samples.filter(\.bad), good = samples.filter { !$0.bad }
            template.samples = (good.isEmpty ? base.samples.filter { !$0.bad } : good) + (bad.isEmpty ? base.samples.filter(\.bad) : bad)
        }
        return template
    }
}
