/// A tool the agent can call, with its schema version over time.
public struct Tool: SchemaObject, Sendable, Equatable {
    public var id: String
    public var provider: String
    public var owner: String
    public var access: String
    public var description: String
    public var timeout: SimDuration
    public var history: [Change]

    static let historySchema = Change.schema("tool-change", valueKey: "schema", valueDoc: "The response schema version from then on.")

    public static let schema = ObjectSchema("tool", doc: "A tool in the tool registry.", [
        FieldSchema("id", .identifier, required: true, "`gen_ai.tool.name`."),
        FieldSchema("provider", .string, required: true, "Who runs it (internal, or a third party)."),
        FieldSchema("owner", .identifier, "The team that owns the integration."),
        FieldSchema("access", .enumeration(["read", "write"]), "Whether it only reads or also acts (default read)."),
        FieldSchema("description", .text, "What it does."),
        FieldSchema("timeout", .duration, "Client timeout (default 5s)."),
        FieldSchema("history", .list(.object("tool-change")), required: true, "Schema versions over time."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Tool? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let provider: String = f.value("provider") else { return nil }
        let access: String = f.value("access") ?? "read"
        if !["read", "write"].contains(access) {
            decoder.error(.invalidValue(access, expected: "`read` or `write`"), at: f.location(of: "access"))
        }
        return Tool(id: id, provider: provider, owner: f.value("owner") ?? "", access: access, description: f.value("description") ?? "",
                    timeout: f.value("timeout") ?? .seconds(5), history: f.changes("history", schema: historySchema, valueKey: "schema"))
    }
}

/// An API key that callers authenticate with.
public struct APIKey: SchemaObject, Sendable, Equatable {
    public var id: String
    public var owner: String
    public var tenants: [String]
    public var shared: Bool
    public var created: SimDuration
    public var scopes: [String]
    public var note: String

    public static let schema = ObjectSchema("key", doc: "An API key.", [
        FieldSchema("id", .identifier, required: true, "Key id (never the secret), as usage reports show it."),
        FieldSchema("owner", .string, required: true, "The team or system it belongs to."),
        FieldSchema("tenants", .oneOf([.string, .list(.string)]), "Tenants whose traffic uses it, or `all`."),
        FieldSchema("shared", .boolean, "Used by every production caller: revoking it without rotation takes them all down."),
        FieldSchema("created", .offset, required: true, "When it was issued."),
        FieldSchema("scopes", .list(.string), "What it may call."),
        FieldSchema("note", .text, "What the key registry says about it."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> APIKey? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let owner: String = f.value("owner"),
              let created: SimDuration = f.value("created") else { return nil }
        let tenants: OneOrMany<String>? = f.value("tenants")
        return APIKey(id: id, owner: owner, tenants: tenants?.items ?? [], shared: f.value("shared") ?? false, created: created,
                      scopes: f.value("scopes") ?? [], note: f.value("note") ?? "")
    }
}

/// A customer of the product.
public struct Tenant: SchemaObject, Sendable, Equatable {
    public var id: String
    public var plan: String
    public var share: Double

    public static let schema = ObjectSchema("tenant", doc: "A tenant (customer).", [
        FieldSchema("id", .identifier, required: true, "Tenant id."),
        FieldSchema("plan", .string, "Plan name."),
        FieldSchema("share", .percent, required: true, "Its share of normal traffic."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Tenant? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let share: Percent = f.value("share") else { return nil }
        return Tenant(id: id, plan: f.value("plan") ?? "", share: share.value)
    }
}

/// A feature flag (kill switches, fallbacks, routing switches).
public struct Flag: SchemaObject, Sendable, Equatable {
    public var id: String
    public var owner: String
    public var description: String
    public var history: [Change]

    static let historySchema = Change.schema("flag-change", valueKey: "value", valueDoc: "The value from then on (`on`, `off`, or any word).")

    public static let schema = ObjectSchema("flag", doc: "A feature flag.", [
        FieldSchema("id", .identifier, required: true, "Flag name, used by `flag NAME on|off`."),
        FieldSchema("owner", .identifier, "The team that owns it."),
        FieldSchema("description", .text, required: true, "What turning it on does."),
        FieldSchema("history", .list(.object("flag-change")), required: true, "Its values over time."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Flag? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id") else { return nil }
        return Flag(id: id, owner: f.value("owner") ?? "", description: f.value("description") ?? "",
                    history: f.changes("history", schema: historySchema, valueKey: "value"))
    }
}
