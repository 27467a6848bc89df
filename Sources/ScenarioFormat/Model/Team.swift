/// A team that can be paged: what it owns, how fast it answers, and what it can do that
/// the trainee cannot (restore a replica, revert a provider change).
public struct Team: SchemaObject, Sendable, Equatable {
    /// Something the team does once it has acknowledged a page that tells it the surface or the evidence.
    public struct Capability: SchemaObject, Sendable, Equatable {
        public var action: String?
        public var sets: [(key: String, value: String)]
        public var takes: SimDuration
        public var says: String

        public static func == (a: Capability, b: Capability) -> Bool {
            a.action == b.action && a.takes == b.takes && a.says == b.says
                && a.sets.map(\.key) == b.sets.map(\.key) && a.sets.map(\.value) == b.sets.map(\.value)
        }

        public static let schema = ObjectSchema("team-capability", doc: "What a team does when paged with the right information.", [
            FieldSchema("do", .string, "An action in the trainee's command syntax (`pin model chat-default v1`)."),
            FieldSchema("set", .dictionary(.string), "World states it changes (`replica/kb-prod-r2: up`), for things the trainee cannot do."),
            FieldSchema("takes", .duration, required: true, "How long after acknowledging it takes effect."),
            FieldSchema("says", .text, required: true, "What the team posts when it is done."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Capability? {
            guard let f = decoder.fields(node, schema), let takes: SimDuration = f.value("takes"), let says: String = f.value("says") else { return nil }
            let sets = f.dictionary("set", of: String.self).map { (key: $0.key.value, value: $0.value) }
            if f.node("do") == nil && sets.isEmpty {
                decoder.error(.missingKey("do", in: "team capability (give `do` or `set`)"), at: f.location)
            }
            return Capability(action: f.value("do"), sets: sets, takes: takes, says: says)
        }
    }

    public var id: String
    public var name: String
    public var owns: [String]
    public var responds: SimDuration
    public var can: [Capability]
    public var acknowledges: String
    public var bounces: String

    public static let schema = ObjectSchema("team", doc: "A team the trainee can escalate to.", [
        FieldSchema("id", .identifier, required: true, "Name used by `escalate`."),
        FieldSchema("name", .string, required: true, "How it is shown."),
        FieldSchema("owns", .list(.identifier), required: true, "Surfaces it owns."),
        FieldSchema("responds", .duration, required: true, "Time from page to acknowledgement."),
        FieldSchema("can", .list(.object("team-capability")), "What it does when told the surface or the evidence."),
        FieldSchema("acknowledges", .text, "What it says on acknowledging (default provided)."),
        FieldSchema("bounces", .text, "What it says when the page is not theirs (default provided)."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Team? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let name: String = f.value("name"),
              let responds: SimDuration = f.value("responds") else { return nil }
        return Team(id: id, name: name, owns: f.value("owns") ?? [], responds: responds, can: f.list("can"),
                    acknowledges: f.value("acknowledges") ?? "", bounces: f.value("bounces") ?? "")
    }
}
