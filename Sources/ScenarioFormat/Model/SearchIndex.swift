/// A retrieval index: its builds and the replicas that serve it.
public struct SearchIndex: SchemaObject, Sendable, Equatable {
    public struct Build: SchemaObject, Sendable, Equatable {
        public var id: String
        public var at: SimDuration
        public var documents: Int
        public var source: String
        public var status: String

        public static let schema = ObjectSchema("index-build", doc: "One build of the index.", [
            FieldSchema("id", .string, required: true, "Build id."),
            FieldSchema("at", .offset, required: true, "When it finished."),
            FieldSchema("documents", .integer, "Documents in it."),
            FieldSchema("source", .string, "What it was built from."),
            FieldSchema("status", .string, "`ok`, `partial`, `failed`…"),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Build? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let at: SimDuration = f.value("at") else { return nil }
            return Build(id: id, at: at, documents: f.value("documents") ?? 0, source: f.value("source") ?? "", status: f.value("status") ?? "ok")
        }
    }

    public struct Replica: SchemaObject, Sendable, Equatable {
        public var id: String
        public var zone: String
        public var build: String
        public var history: [Change]

        static let historySchema = Change.schema("replica-change", valueKey: "status", valueDoc: "`up`, `down`, `degraded`, `syncing`…")

        public static let schema = ObjectSchema("replica", doc: "A replica serving the index.", [
            FieldSchema("id", .identifier, required: true, "Replica id, used by `failover index`."),
            FieldSchema("zone", .string, "Where it runs."),
            FieldSchema("build", .string, required: true, "The build it serves."),
            FieldSchema("history", .list(.object("replica-change")), required: true, "Its health over time."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Replica? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let build: String = f.value("build") else { return nil }
            return Replica(id: id, zone: f.value("zone") ?? "", build: build,
                           history: f.changes("history", schema: historySchema, valueKey: "status"))
        }
    }

    public var id: String
    public var owner: String
    public var embedding: String
    public var documents: Int
    public var builds: [Build]
    public var replicas: [Replica]

    public static let schema = ObjectSchema("index", doc: "A retrieval index.", [
        FieldSchema("id", .identifier, required: true, "Index id, as `gen_ai.data_source.id` shows it."),
        FieldSchema("owner", .identifier, "The team that owns it."),
        FieldSchema("embedding", .string, "The embedding model its vectors come from."),
        FieldSchema("documents", .integer, "Documents indexed."),
        FieldSchema("builds", .list(.object("index-build")), required: true, "Its builds, oldest first."),
        FieldSchema("replicas", .list(.object("replica")), required: true, "Replicas serving it."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> SearchIndex? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id") else { return nil }
        return SearchIndex(id: id, owner: f.value("owner") ?? "", embedding: f.value("embedding") ?? "",
                           documents: f.value("documents") ?? 0, builds: f.list("builds"), replicas: f.list("replicas"))
    }
}
