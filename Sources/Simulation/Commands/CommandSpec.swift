import ScenarioFormat

/// How a trainee command is written, what it does, what it costs, and what its words complete
/// from. Each command's file holds its spec; help, "did you mean", completion, the cost
/// table's lint and the bench all read the specs through `CommandRegistry`.
public struct CommandSpec: Sendable {
    /// What a word completes from.
    public enum ArgumentKind: String, Sendable, Hashable {
        case command, dashboard, metric, service, alias, version, promptVersion, region, replica, key, tenant, keyOrTenant,
             tool, flag, onOff, surface, team, traceID, attribute, topic, deploy, usageBy, none
    }

    /// One positional word of the command.
    public enum Argument: Sendable, Equatable {
        /// A word of this kind.
        case word(ArgumentKind)
        /// One of these literal words (`deploy`, `prompt`).
        case keyword([String])
        /// A version of the alias named by the positional word at this index.
        case versionOfAlias(at: Int)
        /// A word whose kind depends on the keyword at this index (`rollback deploy ID`).
        case after(Int, [String: ArgumentKind])
        /// Free text: nothing completes it.
        case text
    }

    /// One `--option`: a switch, or one that takes a value (and may be given more than once).
    public struct Flag: Sendable, Equatable {
        public var name: String
        public var kind: ArgumentKind
        public var takesValue: Bool
        public var repeats: Bool

        public static func value(_ name: String, _ kind: ArgumentKind = .none, repeats: Bool = false) -> Flag {
            Flag(name: name, kind: kind, takesValue: true, repeats: repeats)
        }

        public static func toggle(_ name: String) -> Flag { Flag(name: name, kind: .none, takesValue: false, repeats: false) }
    }

    /// Where `help` lists a command.
    public enum Group: String, Sendable, CaseIterable {
        case session, look, registries, respond, act, teaching

        public var title: String {
            switch self {
            case .session: return "Session"
            case .look: return "Look"
            case .registries: return "Registries"
            case .respond: return "Respond"
            case .act: return "Act on the world"
            case .teaching: return "Learn"
            }
        }
    }

    public var name: String
    public var usage: String
    public var summary: String
    public var details: String
    /// What it costs in the pack's cost table; nil for `wait`, which costs the time it waits.
    public var cost: CostKey?
    /// Other prices some forms of the command have (`dash` alone, `traces --by`), for help.
    public var otherCosts: [(key: CostKey, form: String)]
    public var arguments: [Argument]
    public var flags: [Flag]
    public var group: Group
    /// Only where teaching is allowed (not in certification).
    public var teaching: Bool

    public init(_ name: String, usage: String, summary: String, details: String = "", cost: CostKey?, otherCosts: [(key: CostKey, form: String)] = [],
                arguments: [Argument] = [], flags: [Flag] = [], group: Group, teaching: Bool = false) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.details = details
        self.cost = cost
        self.otherCosts = otherCosts
        self.arguments = arguments
        self.flags = flags
        self.group = group
        self.teaching = teaching
    }

    /// Every cost key the command can be charged under.
    public var costKeys: [CostKey] { (cost.map { [$0] } ?? []) + otherCosts.map(\.key) }
}
