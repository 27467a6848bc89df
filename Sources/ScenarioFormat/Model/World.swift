/// Everything the trainee can inspect, across all seven surfaces. Every scenario fills all
/// of it, healthy except where the cause lives, so an empty registry never rules a surface out.
public struct World: SchemaObject, Sendable, Equatable {
    public var regions: [String]
    public var services: [Service]
    public var deploys: [Deploy]
    public var models: [ModelAlias]
    public var prompts: [Prompt]
    public var indexes: [SearchIndex]
    public var evals: Evals
    public var tools: [Tool]
    public var keys: [APIKey]
    public var tenants: [Tenant]
    public var flags: [Flag]
    /// Scripted changes to any world state, merged into the registries' histories: the
    /// incident's own moves (a replica lost, a flag flipped), before or after the page.
    public var changes: [ScriptedChange]

    public static let schema = ObjectSchema("world", doc: "The registries of every surface.", [
        FieldSchema("regions", .list(.string), required: true, "Regions the product serves."),
        FieldSchema("services", .list(.object("service")), required: true, "Services (infra)."),
        FieldSchema("deploys", .list(.object("deploy")), required: true, "Code deploys (infra)."),
        FieldSchema("models", .list(.object("model-alias")), required: true, "Model aliases (model)."),
        FieldSchema("prompts", .list(.object("prompt")), required: true, "Prompts (prompt)."),
        FieldSchema("indexes", .list(.object("index")), required: true, "Retrieval indexes (retrieval)."),
        FieldSchema("evals", .object("evals"), required: true, "Eval sets, judges, runs (eval)."),
        FieldSchema("tools", .list(.object("tool")), required: true, "Tools (tool)."),
        FieldSchema("keys", .list(.object("key")), required: true, "API keys (abuse)."),
        FieldSchema("tenants", .list(.object("tenant")), required: true, "Tenants (abuse)."),
        FieldSchema("flags", .list(.object("flag")), required: true, "Feature flags."),
        FieldSchema("changes", .list(.object("scripted-change")), "Dated changes to any world state, merged into the histories (before or after the page)."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> World? {
        guard let f = decoder.fields(node, schema) else { return nil }
        return World(regions: f.value("regions") ?? [], services: f.list("services"), deploys: f.list("deploys"),
                     models: f.list("models"), prompts: f.list("prompts"), indexes: f.list("indexes"),
                     evals: f.value("evals") ?? .empty, tools: f.list("tools"), keys: f.list("keys"),
                     tenants: f.list("tenants"), flags: f.list("flags"), changes: f.list("changes"))
    }

    public func alias(_ id: String) -> ModelAlias? { models.first { $0.alias == id } }
    public func prompt(_ id: String) -> Prompt? { prompts.first { $0.id == id } }
    public func index(_ id: String) -> SearchIndex? { indexes.first { $0.id == id } }
    public func replica(_ id: String) -> (index: SearchIndex, replica: SearchIndex.Replica)? {
        for index in indexes { if let replica = index.replicas.first(where: { $0.id == id }) { return (index, replica) } }
        return nil
    }
    public func tool(_ id: String) -> Tool? { tools.first { $0.id == id } }
    public func key(_ id: String) -> APIKey? { keys.first { $0.id == id } }
    public func tenant(_ id: String) -> Tenant? { tenants.first { $0.id == id } }
    public func flag(_ id: String) -> Flag? { flags.first { $0.id == id } }
    public func service(_ id: String) -> Service? { services.first { $0.id == id } }
    public func deploy(_ id: String) -> Deploy? { deploys.first { $0.id == id } }
    public func judge(_ id: String) -> Evals.Judge? { evals.judges.first { $0.id == id } }
    public func evalSet(_ id: String) -> Evals.EvalSet? { evals.sets.first { $0.id == id } }
}

/// One scripted change to a world state: `{at: -4h, set: replica/kb-prod-r2, to: down}`.
public struct ScriptedChange: SchemaObject, Sendable, Equatable {
    public var at: SimDuration
    public var path: String
    public var value: String
    public var by: String
    public var note: String

    public static let schema = ObjectSchema("scripted-change", doc: "A dated change to a world state.", [
        FieldSchema("at", .offset, required: true, "When, relative to the page (after it, it happens as the clock reaches it)."),
        FieldSchema("set", .string, required: true, "The state path: `replica/ID`, `flag/ID`, `alias/ID`, `tool/ID`, `prompt/ID/REGION`…"),
        FieldSchema("to", .string, required: true, "The value from then on."),
        FieldSchema("by", .string, "Who or what made it, as the registry records it."),
        FieldSchema("note", .text, "A note shown in the registry."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> ScriptedChange? {
        guard let f = decoder.fields(node, schema), let at: SimDuration = f.value("at"), let path: String = f.value("set"),
              let value: String = f.value("to") else { return nil }
        return ScriptedChange(at: at, path: path, value: value, by: f.value("by") ?? "", note: f.value("note") ?? "")
    }
}
