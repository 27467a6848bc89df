/// A system prompt with its versions and which version serves in which region over time.
public struct Prompt: SchemaObject, Sendable, Equatable {
    public struct Version: SchemaObject, Sendable, Equatable {
        public var id: String
        public var at: SimDuration
        public var author: String
        public var change: String
        public var text: String

        public static let schema = ObjectSchema("prompt-version", doc: "One revision of a prompt.", [
            FieldSchema("id", .string, required: true, "Version name, as `prompt.version` on spans shows it."),
            FieldSchema("at", .offset, required: true, "When it was published to the registry."),
            FieldSchema("author", .string, "Who published it."),
            FieldSchema("change", .text, "The change note."),
            FieldSchema("text", .text, required: true, "The prompt text, shown by `prompts diff`."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Version? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let at: SimDuration = f.value("at"),
                  let text: String = f.value("text") else { return nil }
            return Version(id: id, at: at, author: f.value("author") ?? "", change: f.value("change") ?? "", text: text)
        }
    }

    /// From `at`, `regions` serve `version`.
    public struct Serving: SchemaObject, Sendable, Equatable {
        public var at: SimDuration
        public var regions: [String]   // ["all"] means every region
        public var version: String
        public var by: String

        public static let schema = ObjectSchema("prompt-serving", doc: "A rollout of a prompt version to regions.", [
            FieldSchema("at", .offset, required: true, "When the rollout took effect."),
            FieldSchema("region", .oneOf([.string, .list(.string)]), required: true, "A region, a list of regions, or `all`."),
            FieldSchema("version", .string, required: true, "The version served from then on."),
            FieldSchema("by", .string, "Who rolled it out (a pipeline, a console, a person)."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Serving? {
            guard let f = decoder.fields(node, schema), let at: SimDuration = f.value("at"),
                  let regions: OneOrMany<String> = f.value("region"), let version: String = f.value("version") else { return nil }
            return Serving(at: at, regions: regions.items, version: version, by: f.value("by") ?? "")
        }
    }

    public var id: String
    public var owner: String
    public var versions: [Version]
    public var serving: [Serving]

    public static let schema = ObjectSchema("prompt", doc: "A prompt in the prompt registry.", [
        FieldSchema("id", .identifier, required: true, "Prompt name."),
        FieldSchema("owner", .identifier, "The team that owns it."),
        FieldSchema("versions", .list(.object("prompt-version")), required: true, "Its revisions, oldest first."),
        FieldSchema("serving", .list(.object("prompt-serving")), required: true, "Which version serves where, over time."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Prompt? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id") else { return nil }
        return Prompt(id: id, owner: f.value("owner") ?? "", versions: f.list("versions"), serving: f.list("serving"))
    }

    public func version(_ id: String) -> Version? { versions.first { $0.id == id } }

    /// The serving history of one region, as registry changes.
    public func history(region: String) -> [Change] {
        serving.filter { $0.regions.contains(region) || $0.regions.contains("all") }
            .sorted { $0.at < $1.at }
            .map { Change(at: $0.at, value: $0.version, by: $0.by) }
    }
}
