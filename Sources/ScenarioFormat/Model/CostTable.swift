/// What each command costs in simulated time. One pack-level file, versioned, and hashed
/// into journals and certificates, so a grade always knows the prices it was earned under.
public struct CostTable: Sendable, Equatable {
    public static let format = "costs/1"

    public var version: String
    public var costs: [String: SimDuration]
    /// Extra cost per item for commands that read many things (`samples` per sample).
    public var perItem: [String: SimDuration]

    public static let schema = ObjectSchema("costs", doc: "Command costs, `Scenarios/costs.yaml`.", [
        FieldSchema("nightshift", .enumeration([format]), required: true, "The format version: `\(format)`."),
        FieldSchema("version", .string, required: true, "Version of the table; recorded in every journal."),
        FieldSchema("commands", .dictionary(.duration), required: true, "Cost of each command (`dash: 1m`); `default` for the rest."),
        FieldSchema("per_item", .dictionary(.duration), "Extra cost per item read (`samples: 20s`)."),
    ])

    /// The cost of a command by its cost key, falling back to `default`, then to nothing.
    public func cost(of key: String) -> SimDuration {
        costs[key] ?? costs["default"] ?? .zero
    }

    public func perItemCost(of key: String) -> SimDuration { perItem[key] ?? .zero }
}
