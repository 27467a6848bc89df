/// One scripted incident, resolved for one seed: every `${parameter}` already replaced.
public struct Scenario: Sendable, Equatable {
    public static let format = "scenario/1"

    public var id: String
    public var title: String
    public var codename: String
    public var summary: String
    public var difficulty: String
    public var minutes: Int
    public var modelledOn: [String]
    public var tags: [String]
    public var parameters: ParameterSpace
    public var seed: UInt64
    /// The parameter values of this variant, by `${name}`.
    public var variant: [String: String]
    public var page: Page
    public var world: World
    public var teams: [Team]
    public var traffic: Traffic
    public var metrics: [MetricSpec]
    public var logs: [LogEntry]
    public var timeline: [TimelineEvent]
    public var injects: [Inject]
    public var runbook: String?
    public var hints: [String]
    public var truth: Truth
    public var debrief: String

    public static let difficulties = ["intro", "intermediate", "advanced"]

    public static let schema = ObjectSchema("scenario", doc: "A Nightshift scenario: one incident.", [
        FieldSchema("nightshift", .enumeration([format]), required: true, "The format version: `\(format)`."),
        FieldSchema("id", .identifier, required: true, "Scenario id; names the cause, so shown only in onboarding and debriefs."),
        FieldSchema("title", .string, required: true, "Title; names the cause, like the id."),
        FieldSchema("codename", .string, "Neutral name shown in game days and certification (default: derived from the id)."),
        FieldSchema("summary", .text, required: true, "Two or three sentences for the debrief and the catalogue."),
        FieldSchema("difficulty", .enumeration(difficulties), required: true, "How hard."),
        FieldSchema("minutes", .integer, required: true, "Estimated minutes to play."),
        FieldSchema("modelled_on", .list(.text), required: true, "The public incidents or essays it is grounded in."),
        FieldSchema("tags", .list(.identifier), "Free tags."),
        FieldSchema("parameters", .dictionary(.object("parameter")), "Seeded parameters; use as `${name}` or `${name.field}` anywhere below."),
        FieldSchema("page", .object("page"), required: true, "The page."),
        FieldSchema("world", .object("world"), required: true, "Registries of every surface."),
        FieldSchema("teams", .list(.object("team")), required: true, "Teams the trainee can page."),
        FieldSchema("traffic", .object("traffic"), required: true, "Requests, their shapes and the overlays that change them."),
        FieldSchema("metrics", .list(.object("metric")), "Scenario metrics, and overrides of the pack's by id."),
        FieldSchema("logs", .list(.object("log")), "Log lines at times or periodically."),
        FieldSchema("timeline", .list(.object("timeline-event")), "Messages at times."),
        FieldSchema("injects", .list(.object("inject")), "Named injects a facilitator can fire."),
        FieldSchema("runbook", .text, "The runbook for this service (default: the pack's classic runbook)."),
        FieldSchema("hints", .list(.text), required: true, "Three hints, each stronger than the last."),
        FieldSchema("truth", .object("truth"), required: true, "The cause and the expectations."),
        FieldSchema("debrief", .text, required: true, "What the trainee reads after: the cause, the evidence, the real incident."),
    ])

    /// The neutral name for game days and certification: an adjective-noun pair from the id's hash.
    public static func derivedCodename(for id: String) -> String {
        let adjectives = ["Amber", "Basalt", "Cobalt", "Dusk", "Ember", "Fathom", "Granite", "Harbor", "Indigo", "Juniper",
                          "Kestrel", "Lantern", "Meridian", "Nimbus", "Obsidian", "Pylon", "Quartz", "Russet", "Sable", "Tundra"]
        let nouns = ["Anvil", "Beacon", "Cipher", "Delta", "Echo", "Falcon", "Gale", "Heron", "Ibis", "Jetty",
                     "Kiln", "Lattice", "Mistral", "Nettle", "Orbit", "Pike", "Quill", "Reef", "Spindle", "Thistle"]
        let hash = StableHash.mix(StableHash.fnv1a(id))
        return adjectives[Int(hash % 20)] + " " + nouns[Int((hash / 20) % 20)]
    }

    /// The metric with this id: the scenario's own, else the pack's.
    public func metric(_ id: String, pack: Pack) -> MetricSpec? {
        metrics.first { $0.id == id } ?? pack.metrics.first { $0.id == id }
    }

    /// The pack's metrics with this scenario's overrides and additions, pack order first.
    public func allMetrics(pack: Pack) -> [MetricSpec] {
        let own = Set(metrics.map(\.id))
        return pack.metrics.map { spec in own.contains(spec.id) ? metrics.first { $0.id == spec.id }! : spec }
            + metrics.filter { ownID in !pack.metrics.contains { $0.id == ownID.id } }
    }
}
