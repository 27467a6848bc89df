/// A running service of the product: what `restart`, `scale` and `logs` act on.
public struct Service: SchemaObject, Sendable, Equatable {
    public var id: String
    public var owner: String
    public var role: String
    public var pods: Int
    public var version: String

    public static let schema = ObjectSchema("service", doc: "A service of the product.", [
        FieldSchema("id", .identifier, required: true, "Name used by `logs`, `restart`, `scale`."),
        FieldSchema("owner", .identifier, required: true, "The team that owns it (a `teams` id)."),
        FieldSchema("role", .text, "What it does, one line."),
        FieldSchema("pods", .integer, "Replicas running (default 3)."),
        FieldSchema("version", .string, "The version deployed now."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Service? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let owner: String = f.value("owner") else { return nil }
        return Service(id: id, owner: owner, role: f.value("role") ?? "", pods: f.value("pods") ?? 3, version: f.value("version") ?? "")
    }
}

/// A code deploy in the change log.
public struct Deploy: SchemaObject, Sendable, Equatable {
    public var id: String
    public var service: String
    public var at: SimDuration
    public var version: String
    public var by: String
    public var change: String
    /// The version this deploy replaced, which a rollback returns to.
    public var replaces: String

    public static let schema = ObjectSchema("deploy", doc: "A code deploy, as the deploy log shows it.", [
        FieldSchema("id", .identifier, required: true, "Deploy id, used by `rollback deploy`."),
        FieldSchema("service", .identifier, required: true, "The service deployed."),
        FieldSchema("at", .offset, required: true, "When it finished, relative to the page."),
        FieldSchema("version", .string, required: true, "The version it shipped."),
        FieldSchema("by", .string, "Who or what shipped it."),
        FieldSchema("change", .text, "What changed, as the deploy log says it."),
        FieldSchema("replaces", .string, "The version it replaced, which `rollback deploy` returns to (default: the service's previous deploy)."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Deploy? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let service: String = f.value("service"),
              let at: SimDuration = f.value("at"), let version: String = f.value("version") else { return nil }
        return Deploy(id: id, service: service, at: at, version: version, by: f.value("by") ?? "", change: f.value("change") ?? "",
                      replaces: f.value("replaces") ?? "")
    }
}
