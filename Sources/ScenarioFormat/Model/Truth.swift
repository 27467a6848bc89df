/// What really happened and what the right moves are. Never shown before the debrief.
public struct Truth: SchemaObject, Sendable, Equatable {
    /// An item on screen that shows the cause, by its evidence id.
    public struct Evidence: SchemaObject, Sendable, Equatable {
        public var ref: String
        /// The item `ref` names, typed; lint refuses a ref that names none.
        public var id: EvidenceID? { EvidenceID(ref) }
        public var says: String
        public var location: SourceLocation

        public static let schema = ObjectSchema("evidence", doc: "A decisive evidence item.", [
            FieldSchema("ref", .string, required: true, "Evidence id as screens carry it: `alias:chat-default`, `attr:KEY=VALUE`, `metric:ID`, `log:ID`…"),
            FieldSchema("says", .text, required: true, "What it shows, for the debrief and the grade."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Evidence? {
            guard let f = decoder.fields(node, schema), let ref: String = f.value("ref"), let says: String = f.value("says") else { return nil }
            return Evidence(ref: ref, says: says, location: f.location(of: "ref"))
        }
    }

    /// An action the scenario expects (containment, mitigation) and why it helps.
    public struct Move: SchemaObject, Sendable, Equatable {
        public var action: Located<WorldAction>
        public var says: String

        public static let schema = ObjectSchema("move", doc: "An expected action.", [
            FieldSchema("action", .string, required: true, "The action, as a trainee types it."),
            FieldSchema("says", .text, required: true, "Why it helps: used in the grade."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Move? {
            guard let f = decoder.fields(node, schema), let actionNode = f.node("action"),
                  let action = WorldAction.decode(actionNode, decoder), let says: String = f.value("says") else { return nil }
            return Move(action: action, says: says)
        }
    }

    /// What an action the scenario considers harmful does to the world.
    public struct Consequence: SchemaObject, Sendable, Equatable {
        public var says: String
        public var lasts: SimDuration
        public var share: Double
        public var patch: TemplatePatch?
        public var conversations: Int
        public var dollars: Double

        public static let schema = ObjectSchema("consequence", doc: "The modelled result of a harmful action.", [
            FieldSchema("says", .text, required: true, "What the trainee sees right after the action."),
            FieldSchema("for", .duration, "How long the disturbance lasts (with `request`)."),
            FieldSchema("share", .percent, "Share of requests it hits while it lasts (default 100%)."),
            FieldSchema("request", .object("request-patch"), "How requests look while it lasts (a patch of the base)."),
            FieldSchema("conversations", .integer, "Conversations dropped or harmed at once."),
            FieldSchema("dollars", .number, "Money lost at once."),
        ])

        static let patchSchema = ObjectSchema("request-patch", doc: "Changes to the base request.", TemplatePatch.requestFields + [
            FieldSchema("drop", .list(.identifier), "Span ids it lacks."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Consequence? {
            guard let f = decoder.fields(node, schema), let says: String = f.value("says") else { return nil }
            let patch = f.node("request").flatMap { decoder.fields($0, patchSchema) }.map { TemplatePatch.decode($0, decoder) }
            let share: Percent? = f.value("share")
            let lasts: SimDuration? = f.value("for")
            if patch != nil, lasts == nil {
                decoder.error(.missingKey("for", in: "consequence (a disturbance needs a duration)"), at: f.location)
            }
            return Consequence(says: says, lasts: lasts ?? .zero, share: share?.fraction ?? 1, patch: patch,
                               conversations: f.value("conversations") ?? 0, dollars: f.value("dollars") ?? 0)
        }
    }

    /// An action that hurts, with its modelled consequence.
    public struct Harm: SchemaObject, Sendable, Equatable {
        public var action: Located<WorldAction>
        public var says: String
        public var consequence: Consequence?

        public static let schema = ObjectSchema("harm", doc: "A harmful (or critical) action.", [
            FieldSchema("action", .string, required: true, "The action, as a trainee types it."),
            FieldSchema("says", .text, required: true, "Why it hurts: used in the grade."),
            FieldSchema("consequence", .object("consequence"), "What it does to the world."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Harm? {
            guard let f = decoder.fields(node, schema), let actionNode = f.node("action"),
                  let action = WorldAction.decode(actionNode, decoder), let says: String = f.value("says") else { return nil }
            return Harm(action: action, says: says, consequence: f.value("consequence"))
        }
    }

    /// One choice in the postmortem's "how it should have been detected" or "prevention".
    public struct Option: SchemaObject, Sendable, Equatable {
        public var id: String
        public var text: String
        public var right: Bool

        public static let schema = ObjectSchema("option", doc: "A choice in the postmortem form.", [
            FieldSchema("id", .identifier, required: true, "Short id the trainee can type."),
            FieldSchema("text", .text, required: true, "The option."),
            FieldSchema("right", .boolean, "Whether it is a right answer (default false)."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Option? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let text: String = f.value("text") else { return nil }
            return Option(id: id, text: text, right: f.value("right") ?? false)
        }
    }

    /// The six facts every LLM postmortem records; a fact that did not move is `unchanged (VALUE)`.
    public struct Postmortem: SchemaObject, Sendable, Equatable {
        public static let factNames = ["prompt", "model", "judge", "index", "tools", "traffic"]

        public var facts: [(name: String, value: String)]
        public var detected: String
        public var detection: [Option]
        public var prevention: [Option]

        public static func == (a: Postmortem, b: Postmortem) -> Bool {
            a.facts.map(\.name) == b.facts.map(\.name) && a.facts.map(\.value) == b.facts.map(\.value)
                && a.detected == b.detected && a.detection == b.detection && a.prevention == b.prevention
        }

        static let factsSchema = ObjectSchema("facts", doc: "The six facts.", factNames.map {
            FieldSchema($0, .string, required: true, "What the \($0) was during the incident, or `unchanged (VALUE)`.")
        })

        public static let schema = ObjectSchema("postmortem", doc: "The postmortem's answers.", [
            FieldSchema("facts", .object("facts"), required: true, "The six facts."),
            FieldSchema("detected", .text, required: true, "How it was actually detected."),
            FieldSchema("detection", .list(.object("option")), required: true, "How it should have been detected: options, at least one right."),
            FieldSchema("prevention", .list(.object("option")), required: true, "Preventions to choose from, at least one right."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Postmortem? {
            guard let f = decoder.fields(node, schema), let factsNode = f.node("facts"), let facts = decoder.fields(factsNode, factsSchema),
                  let detected: String = f.value("detected") else { return nil }
            let values = factNames.map { (name: $0, value: facts.value($0, as: String.self) ?? "") }
            let detection: [Option] = f.list("detection"), prevention: [Option] = f.list("prevention")
            for (key, options) in [("detection", detection), ("prevention", prevention)] where !options.isEmpty && !options.contains(where: \.right) {
                decoder.error(.inconsistent("`\(key)` needs at least one option with `right: true`"), at: f.location(of: key))
            }
            return Postmortem(facts: values, detected: detected, detection: detection, prevention: prevention)
        }

        public func fact(_ name: String) -> String? { facts.first { $0.name == name }?.value }
    }

    public var surface: String
    public var contributing: [String]
    public var cause: Condition
    public var evidence: [Evidence]
    public var target: SimDuration
    public var limit: SimDuration
    public var containment: [Move]
    public var mitigations: [Move]
    /// Actions that help the diagnosis without containing or fixing (re-running evals); never wasted.
    public var helpful: [Move]
    public var harmful: [Harm]
    public var critical: [Harm]
    public var owners: [String]
    public var postmortem: Postmortem
    public var location: SourceLocation

    static let timeSchema = ObjectSchema("time-to-surface", doc: "Target and limit for naming the surface.", [
        FieldSchema("target", .duration, required: true, "Full credit at or under this."),
        FieldSchema("limit", .duration, required: true, "No credit past this."),
    ])

    public static let schema = ObjectSchema("truth", doc: "The cause and the expectations graded against.", [
        FieldSchema("surface", .identifier, required: true, "The primary failure surface."),
        FieldSchema("contributing", .list(.identifier), "Contributing surfaces."),
        FieldSchema("cause", .expression, required: true, "World condition that holds while the cause is present; the incident is fixed when it stops holding."),
        FieldSchema("evidence", .list(.object("evidence")), required: true, "Decisive evidence items."),
        FieldSchema("time_to_surface", .object("time-to-surface"), required: true, "Target and limit."),
        FieldSchema("containment", .list(.object("move")), "Actions that stop or slow the impact without fixing the cause."),
        FieldSchema("mitigations", .list(.object("move")), required: true, "Actions that remove the cause."),
        FieldSchema("helpful", .list(.object("move")), "Actions that help without containing or fixing (re-running evals); never counted as wasted."),
        FieldSchema("harmful", .list(.object("harm")), "Actions with a modelled harmful consequence."),
        FieldSchema("critical", .list(.object("harm")), "Actions that fail a certification outright."),
        FieldSchema("owners", .list(.identifier), required: true, "Teams that own the cause (right escalation targets)."),
        FieldSchema("postmortem", .object("postmortem"), required: true, "The postmortem's answers."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Truth? {
        guard let f = decoder.fields(node, schema), let surface: String = f.value("surface"), let cause: Condition = f.value("cause"),
              let timeNode = f.node("time_to_surface"), let time = decoder.fields(timeNode, timeSchema),
              let target: SimDuration = time.value("target"), let limit: SimDuration = time.value("limit"),
              let postmortem: Postmortem = f.value("postmortem") else { return nil }
        if limit <= target {
            decoder.error(.impossibleTimeline("the limit (\(limit)) must be later than the target (\(target))"), at: time.location(of: "limit"))
        }
        if target <= .zero {
            decoder.error(.impossibleTimeline("the target must be after the page"), at: time.location(of: "target"))
        }
        return Truth(surface: surface, contributing: f.value("contributing") ?? [], cause: cause, evidence: f.list("evidence"),
                     target: target, limit: limit, containment: f.list("containment"), mitigations: f.list("mitigations"), helpful: f.list("helpful"),
                     harmful: f.list("harmful"), critical: f.list("critical"), owners: f.value("owners") ?? [],
                     postmortem: postmortem, location: f.location)
    }
}
