/// A log line written by a service at a time, or every so often.
public struct LogEntry: SchemaObject, Sendable, Equatable {
    public var id: String
    public var service: String
    public var at: SimDuration?
    public var every: SimDuration?
    public var from: SimDuration
    public var until: SimDuration?
    public var when: Condition?
    public var level: String
    public var text: String

    public static let schema = ObjectSchema("log", doc: "A log line written at a time or periodically.", [
        FieldSchema("id", .identifier, required: true, "Evidence id (`log:ID` once on screen)."),
        FieldSchema("service", .identifier, required: true, "The service that writes it."),
        FieldSchema("at", .offset, "Once, at this time…"),
        FieldSchema("every", .duration, "…or periodically."),
        FieldSchema("from", .offset, "Periodic: from this time (default -24h)."),
        FieldSchema("until", .offset, "Periodic: until this time."),
        FieldSchema("when", .expression, "Only while this world condition holds."),
        FieldSchema("level", .enumeration(["DEBUG", "INFO", "WARN", "ERROR"]), required: true, "Log level."),
        FieldSchema("text", .text, required: true, "The line."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> LogEntry? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let service: String = f.value("service"),
              let level: String = f.value("level"), let text: String = f.value("text") else { return nil }
        let at: SimDuration? = f.value("at"), every: SimDuration? = f.value("every")
        if (at == nil) == (every == nil) {
            decoder.error(.inconsistent("a log line needs `at` (once) or `every` (periodic), not both"), at: f.location)
            return nil
        }
        if let every, every < .seconds(10) {
            decoder.error(.outOfRange(every.description, expected: "at least 10s between periodic lines"), at: f.location(of: "every"))
            return nil
        }
        return LogEntry(id: id, service: service, at: at, every: every, from: f.value("from") ?? .hours(-24), until: f.value("until"),
                        when: f.value("when"), level: level, text: text)
    }
}

/// Something that happens to the trainee at a time: a customer escalation, a manager asking for status.
public struct TimelineEvent: SchemaObject, Sendable, Equatable {
    public enum Gate: String, Sendable, CaseIterable {
        /// Only while the cause holds and nothing contains it.
        case burning
        /// Only while the cause holds (contained or not).
        case unfixed
        /// Only once the cause is gone.
        case fixed
        case always
    }

    public var id: String
    public var at: SimDuration
    /// Whether `at` counts from the page or from the moment the cause went away.
    public var countsFromFix: Bool
    public var from: String
    public var text: String
    public var gate: Gate

    public static let schema = ObjectSchema("timeline-event", doc: "A message the trainee receives at a time.", [
        FieldSchema("id", .identifier, required: true, "Event id."),
        FieldSchema("at", .offset, required: true, "When, after the page (`+15m`)."),
        FieldSchema("from", .string, required: true, "Who says it."),
        FieldSchema("text", .text, required: true, "What they say."),
        FieldSchema("if", .enumeration(Gate.allCases.map(\.rawValue)), "When it fires (default always)."),
        FieldSchema("counting_from", .enumeration(["page", "fix"]), "`fix`: `at` counts from when the cause went away (for recovery reports)."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> TimelineEvent? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let at: SimDuration = f.value("at"),
              let from: String = f.value("from"), let text: String = f.value("text") else { return nil }
        let gateName: String = f.value("if") ?? "always"
        guard let gate = Gate(rawValue: gateName) else {
            decoder.error(.invalidValue(gateName, expected: "one of " + Gate.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")), at: f.location(of: "if"))
            return nil
        }
        let counting: String = f.value("counting_from") ?? "page"
        guard counting == "page" || counting == "fix" else {
            decoder.error(.invalidValue(counting, expected: "`page` or `fix`"), at: f.location(of: "counting_from"))
            return nil
        }
        return TimelineEvent(id: id, at: at, countsFromFix: counting == "fix", from: from, text: text, gate: gate)
    }
}

/// A message a facilitator can fire into a running session by name.
public struct Inject: SchemaObject, Sendable, Equatable {
    public var id: String
    public var from: String
    public var text: String

    public static let schema = ObjectSchema("inject", doc: "A named inject a facilitator can fire.", [
        FieldSchema("id", .identifier, required: true, "Inject name."),
        FieldSchema("from", .string, required: true, "Who says it."),
        FieldSchema("text", .text, required: true, "What they say."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Inject? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let from: String = f.value("from"),
              let text: String = f.value("text") else { return nil }
        return Inject(id: id, from: from, text: text)
    }
}
