/// One dated entry in a registry's history: the alias moved, the flag flipped, the replica
/// went down. The trainee's and owners' actions append entries of the same shape at run time.
public struct Change: Sendable, Equatable {
    public var at: SimDuration
    public var value: String
    public var by: String
    public var note: String

    public init(at: SimDuration, value: String, by: String = "", note: String = "") {
        self.at = at
        self.value = value
        self.by = by
        self.note = note
    }

    /// Decodes a history entry whose value is under `valueKey` (`version`, `status`, `value`…).
    static func decode(_ node: YAMLNode, _ decoder: NodeDecoder, schema: ObjectSchema, valueKey: String) -> Change? {
        guard let fields = decoder.fields(node, schema),
              let at: SimDuration = fields.value("at"),
              let value: String = fields.value(valueKey) else { return nil }
        return Change(at: at, value: value, by: fields.value("by") ?? "", note: fields.value("note") ?? "")
    }

    static func schema(_ name: String, valueKey: String, valueDoc: String) -> ObjectSchema {
        ObjectSchema(name, doc: "A dated change.", [
            FieldSchema("at", .offset, required: true, "When, relative to the page (`-25m`, `-3d`)."),
            FieldSchema(valueKey, .string, required: true, valueDoc),
            FieldSchema("by", .string, "Who or what made the change, as a registry would record it."),
            FieldSchema("note", .text, "A short note shown in the registry."),
        ])
    }
}

extension Array where Element == Change {
    /// The value in force at `time`: the last change at or before it.
    public func value(at time: SimDuration) -> String? {
        var current: String?
        for change in self where change.at <= time { current = change.value }
        return current
    }
}

extension Fields {
    /// Reads a list of dated changes whose value sits under `valueKey`.
    func changes(_ key: String, schema: ObjectSchema, valueKey: String) -> [Change] {
        guard let node = node(key) else { return [] }
        guard case .sequence(let items, _) = node else {
            decoder.error(.wrongType(expected: "a list of dated changes", found: node.kindDescription), at: node.location)
            return []
        }
        let changes = items.compactMap { Change.decode($0, decoder, schema: schema, valueKey: valueKey) }
        for (previous, next) in zip(changes, changes.dropFirst()) where next.at < previous.at {
            decoder.error(.impossibleTimeline("history entries must be in time order; \(next.at) comes after \(previous.at)"), at: node.location)
            break
        }
        return changes
    }
}
