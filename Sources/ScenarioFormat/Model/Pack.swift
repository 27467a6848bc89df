/// Pack-level definitions every scenario shares: the failure-surface taxonomy, the
/// dashboards (the same list in every scenario), the metrics they draw, default feedback,
/// the classic runbook and the `learn` topics.
public struct Pack: Sendable, Equatable {
    public static let format = "pack/1"

    public struct Surface: SchemaObject, Sendable, Equatable {
        public var id: String
        public var title: String
        public var moves: String
        public var evidence: String

        public static let schema = ObjectSchema("surface", doc: "A failure surface.", [
            FieldSchema("id", .identifier, required: true, "Surface id, used by `declare`."),
            FieldSchema("title", .string, required: true, "Short title."),
            FieldSchema("moves", .text, required: true, "What moves on this surface."),
            FieldSchema("evidence", .text, required: true, "Where its evidence lives."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Surface? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let title: String = f.value("title"),
                  let moves: String = f.value("moves"), let evidence: String = f.value("evidence") else { return nil }
            return Surface(id: id, title: title, moves: moves, evidence: evidence)
        }
    }

    public struct Dashboard: SchemaObject, Sendable, Equatable {
        public struct Panel: Sendable, Equatable {
            public var metric: String
            public var by: String?
            public var top: Int
            public var location: SourceLocation
        }

        public var id: String
        public var title: String
        public var about: String
        public var panels: [Panel]
        public var annotations: Bool

        public static let schema = ObjectSchema("dashboard", doc: "A dashboard: rows of metrics.", [
            FieldSchema("id", .identifier, required: true, "Name used by `dash NAME`."),
            FieldSchema("title", .string, required: true, "Title."),
            FieldSchema("about", .string, required: true, "One line for the dashboard list."),
            FieldSchema("panels", .list(.oneOf([.identifier, .object("panel")])), required: true, "Metric ids, or `{metric, by, top}` for a breakdown."),
            FieldSchema("annotations", .boolean, "Mark code deploys on it, as a real dashboard would (default true)."),
        ])

        static let panelSchema = ObjectSchema("panel", doc: "A metric broken down by an attribute.", [
            FieldSchema("metric", .identifier, required: true, "A request metric."),
            FieldSchema("by", .string, required: true, "The request attribute to break it down by."),
            FieldSchema("top", .integer, "How many values to show (default 3)."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Dashboard? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let title: String = f.value("title"),
                  let about: String = f.value("about"), let panelsNode = f.node("panels") else { return nil }
            let panels: [Panel] = (decoder.list(panelsNode, of: YAMLNode.self) ?? []).compactMap { item in
                if case .scalar(let scalar) = item { return Panel(metric: scalar.text, by: nil, top: 0, location: scalar.location) }
                guard let p = decoder.fields(item, panelSchema), let metric: String = p.value("metric") else { return nil }
                return Panel(metric: metric, by: p.value("by"), top: p.value("top") ?? 3, location: p.location)
            }
            return Dashboard(id: id, title: title, about: about, panels: panels, annotations: f.value("annotations") ?? true)
        }
    }

    public struct Topic: SchemaObject, Sendable, Equatable {
        public var id: String
        public var title: String
        public var summary: String
        public var body: String

        public static let schema = ObjectSchema("topic", doc: "A `learn` topic.", [
            FieldSchema("id", .identifier, required: true, "Topic id, used by `learn ID`."),
            FieldSchema("title", .string, required: true, "Title."),
            FieldSchema("summary", .string, required: true, "One line for the topic list."),
            FieldSchema("body", .text, required: true, "The text."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Topic? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let title: String = f.value("title"),
                  let summary: String = f.value("summary"), let body: String = f.value("body") else { return nil }
            return Topic(id: id, title: title, summary: summary, body: body)
        }
    }

    public var name: String
    public var version: String
    public var surfaces: [Surface]
    public var dashboards: [Dashboard]
    public var metrics: [MetricSpec]
    public var feedback: FeedbackModel
    public var runbook: String
    public var topics: [Topic]

    public static let schema = ObjectSchema("pack", doc: "The pack file, `Scenarios/pack.yaml`.", [
        FieldSchema("nightshift", .enumeration([format]), required: true, "The format version: `\(format)`."),
        FieldSchema("name", .string, required: true, "Pack name."),
        FieldSchema("version", .string, required: true, "Pack version."),
        FieldSchema("surfaces", .list(.object("surface")), required: true, "The failure-surface taxonomy."),
        FieldSchema("dashboards", .list(.object("dashboard")), required: true, "Dashboards every scenario offers."),
        FieldSchema("metrics", .list(.object("metric")), required: true, "Metrics every scenario has."),
        FieldSchema("feedback", .object("feedback"), required: true, "Default feedback weights."),
        FieldSchema("runbook", .text, required: true, "The classic runbook."),
        FieldSchema("topics", .list(.object("topic")), "`learn` topics (may also live in `learn.yaml`)."),
    ])

    public static let learnSchema = ObjectSchema("learn", doc: "The `learn` topics, `Scenarios/learn.yaml`.", [
        FieldSchema("nightshift", .enumeration(["learn/1"]), required: true, "The format version: `learn/1`."),
        FieldSchema("topics", .list(.object("topic")), required: true, "Topics."),
        FieldSchema("runbook", .text, "The classic runbook (overrides the pack file's)."),
    ])

    public func surface(_ id: String) -> Surface? { surfaces.first { $0.id == id } }
    public func dashboard(_ id: String) -> Dashboard? { dashboards.first { $0.id == id } }
    public func topic(_ id: String) -> Topic? { topics.first { $0.id == id } }
}
