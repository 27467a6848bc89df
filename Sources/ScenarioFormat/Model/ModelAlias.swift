/// A model alias (`chat-default`) and the versions it has resolved to over time.
public struct ModelAlias: SchemaObject, Sendable, Equatable {
    /// A concrete model version with its price per million tokens.
    public struct Version: SchemaObject, Sendable, Equatable {
        public var id: String
        public var released: SimDuration?
        public var inputPrice: Double
        public var outputPrice: Double
        public var context: Int?
        public var note: String

        public static let schema = ObjectSchema("model-version", doc: "A concrete model version.", [
            FieldSchema("id", .string, required: true, "The version name, as `gen_ai.response.model` reports it."),
            FieldSchema("released", .offset, "When the provider released it."),
            FieldSchema("price", .object("price"), "US$ per million tokens: `{input, output}`."),
            FieldSchema("context", .integer, "Context window in tokens."),
            FieldSchema("note", .text, "Release note shown in the registry."),
        ])

        static let priceSchema = ObjectSchema("price", doc: "US$ per million tokens.", [
            FieldSchema("input", .number, required: true, "Per million input tokens."),
            FieldSchema("output", .number, required: true, "Per million output tokens."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Version? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id") else { return nil }
            var input = 0.0, output = 0.0
            if let price = f.node("price"), let p = decoder.fields(price, priceSchema) {
                input = p.value("input") ?? 0
                output = p.value("output") ?? 0
            }
            return Version(id: id, released: f.value("released"), inputPrice: input, outputPrice: output,
                           context: f.value("context"), note: f.value("note") ?? "")
        }
    }

    public var alias: String
    public var provider: String
    public var policy: String
    public var owner: String
    public var versions: [Version]
    public var history: [Change]

    static let historySchema = Change.schema("alias-change", valueKey: "version", valueDoc: "The version the alias resolves to from then on.")

    public static let schema = ObjectSchema("model-alias", doc: "A model alias and its resolution history.", [
        FieldSchema("alias", .string, required: true, "The alias callers request (`gen_ai.request.model`)."),
        FieldSchema("provider", .string, required: true, "`gen_ai.provider.name` of the provider."),
        FieldSchema("policy", .string, "How the alias moves: `latest` (provider moves it) or `pinned`."),
        FieldSchema("owner", .identifier, "The team that owns the alias policy."),
        FieldSchema("versions", .list(.object("model-version")), required: true, "Versions the alias can resolve to."),
        FieldSchema("history", .list(.object("alias-change")), required: true, "What it resolved to, and since when."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> ModelAlias? {
        guard let f = decoder.fields(node, schema), let alias: String = f.value("alias"), let provider: String = f.value("provider") else { return nil }
        let history = f.changes("history", schema: historySchema, valueKey: "version")
        return ModelAlias(alias: alias, provider: provider, policy: f.value("policy") ?? "pinned", owner: f.value("owner") ?? "",
                          versions: f.list("versions"), history: history)
    }

    public func version(_ id: String) -> Version? { versions.first { $0.id == id } }
}

