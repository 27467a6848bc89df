/// How one span attribute gets its value for each request.
public enum AttributeGenerator: NodeDecodable, Sendable, Equatable {
    /// Fixed text; `{name}` is filled from the request's attributes (`kb-{replica}.internal`).
    case text(String)
    /// The value of a world state at the request's time (`alias/chat-default`), so traces
    /// always agree with the registries, including after the trainee changes them.
    case state(String)
    /// A number drawn per request, rounded to `decimals` places.
    case number(Distribution, decimals: Int)
    /// One of several values with weights.
    case choice([(value: String, weight: Double)])

    public static func == (a: AttributeGenerator, b: AttributeGenerator) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)), (.state(let x), .state(let y)): return x == y
        case (.number(let x, let i), .number(let y, let j)): return x == y && i == j
        case (.choice(let x), .choice(let y)): return x.map(\.value) == y.map(\.value) && x.map(\.weight) == y.map(\.weight)
        default: return false
        }
    }

    static let schema = ObjectSchema("attribute", doc: "A generated attribute value: `{state}`, `{median, p95}`, `{uniform}`, or `{choose}`.", [
        FieldSchema("state", .string, "A world state path, read at the request's time (`alias/chat-default`)."),
        FieldSchema("median", .number, "Log-normal number: its median."),
        FieldSchema("p95", .number, "Log-normal number: its 95th percentile."),
        FieldSchema("uniform", .list(.number), "`[low, high]`."),
        FieldSchema("decimals", .integer, "Decimal places for numbers (default 0)."),
        FieldSchema("choose", .dictionary(.number), "Values with weights: `{end_turn: 97, max_tokens: 3}`."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> AttributeGenerator? {
        if case .scalar(let scalar) = node { return .text(scalar.text) }
        guard let f = decoder.fields(node, schema) else { return nil }
        if let path: String = f.value("state") { return .state(path) }
        if let choices = f.node("choose") {
            let weights = decoder.dictionary(choices, of: Double.self) ?? []
            guard !weights.isEmpty, weights.allSatisfy({ $0.value >= 0 }), weights.contains(where: { $0.value > 0 }) else {
                decoder.error(.invalidValue("choose", expected: "a mapping of values to non-negative weights, one above 0"), at: choices.location)
                return nil
            }
            return .choice(weights.map { (value: $0.key.value, weight: $0.value) })
        }
        if f.has("median") || f.has("uniform") {
            var copy = f.entries.filter { $0.key.text != "decimals" }
            copy = copy.filter { ["median", "p95", "uniform"].contains($0.key.text) }
            guard let distribution = Distribution.decode(.mapping(copy, f.location), decoder, durations: false) else { return nil }
            return .number(distribution, decimals: f.value("decimals") ?? 0)
        }
        decoder.error(.inconsistent("an attribute mapping needs `state`, `median`, `uniform` or `choose`"), at: f.location)
        return nil
    }
}

/// Whether a span fails, how often, and how the failure is labelled (`error.type`).
public struct StatusSpec: Sendable, Equatable {
    public var errorShare: Double   // 0...1
    public var errorType: String
    public var message: String

    public static let ok = StatusSpec(errorShare: 0, errorType: "", message: "")

    static let schema = ObjectSchema("status", doc: "`ok`, or how often the span errors.", [
        FieldSchema("error", .percent, required: true, "Share of these spans that fail."),
        FieldSchema("type", .string, required: true, "`error.type`: `timeout`, `500`, `schema_mismatch`…"),
        FieldSchema("message", .text, "The status message on the span."),
    ])

    static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> StatusSpec? {
        if case .scalar(let scalar) = node {
            if scalar.text == "ok" { return .ok }
            if scalar.text == "error" { return StatusSpec(errorShare: 1, errorType: "error", message: "") }
            decoder.error(.invalidValue(scalar.text, expected: "`ok`, `error`, or `{error: 4%, type: timeout}`"), at: scalar.location)
            return nil
        }
        guard let f = decoder.fields(node, schema), let share: Percent = f.value("error"), let type: String = f.value("type") else { return nil }
        return StatusSpec(errorShare: share.fraction, errorType: type, message: f.value("message") ?? "")
    }
}

/// A log line written for a request that passes through a span.
public struct LogTemplate: SchemaObject, Sendable, Equatable {
    public var id: String
    public var level: String
    public var text: String
    public var every: Int

    public init(id: String, level: String, text: String, every: Int) {
        self.id = id
        self.level = level
        self.text = text
        self.every = every
    }

    public static let schema = ObjectSchema("span-log", doc: "A log line emitted per request.", [
        FieldSchema("id", .identifier, required: true, "Evidence id of this kind of line (`log:ID` once seen)."),
        FieldSchema("level", .enumeration(["DEBUG", "INFO", "WARN", "ERROR"]), required: true, "Log level."),
        FieldSchema("text", .text, required: true, "The line; `{attr}` and `{trace}` are filled per request."),
        FieldSchema("every", .integer, "Write it for one request in this many (default 1)."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> LogTemplate? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let level: String = f.value("level"),
              let text: String = f.value("text") else { return nil }
        let every: Int = f.value("every") ?? 1
        if every < 1 { decoder.error(.outOfRange("\(every)", expected: "1 or more"), at: f.location(of: "every")) }
        if !["DEBUG", "INFO", "WARN", "ERROR"].contains(level) {
            decoder.error(.invalidValue(level, expected: "DEBUG, INFO, WARN or ERROR"), at: f.location(of: "level"))
        }
        return LogTemplate(id: id, level: level, text: text, every: max(1, every))
    }
}

/// One conversation a trainee can read with `samples`.
public struct Sample: SchemaObject, Sendable, Equatable {
    public var ask: String
    public var answer: String
    public var bad: Bool

    public static let schema = ObjectSchema("sample", doc: "A sampled conversation.", [
        FieldSchema("ask", .text, required: true, "What the user wrote."),
        FieldSchema("answer", .text, required: true, "What the assistant answered."),
        FieldSchema("quality", .enumeration(["good", "bad"]), required: true, "Shown to requests of this quality; never shown to the trainee."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Sample? {
        guard let f = decoder.fields(node, schema), let ask: String = f.value("ask"), let answer: String = f.value("answer"),
              let quality: String = f.value("quality") else { return nil }
        guard quality == "good" || quality == "bad" else {
            decoder.error(.invalidValue(quality, expected: "`good` or `bad`"), at: f.location(of: "quality"))
            return nil
        }
        return Sample(ask: ask, answer: answer, bad: quality == "bad")
    }
}

/// How users react to good and bad answers (weights of `up`, `down`, `handoff`, `none`).
public struct FeedbackModel: Sendable, Equatable {
    public var good: [(value: String, weight: Double)]
    public var bad: [(value: String, weight: Double)]

    public static func == (a: FeedbackModel, b: FeedbackModel) -> Bool {
        a.good.map(\.value) == b.good.map(\.value) && a.good.map(\.weight) == b.good.map(\.weight)
            && a.bad.map(\.value) == b.bad.map(\.value) && a.bad.map(\.weight) == b.bad.map(\.weight)
    }

    public static let values = ["up", "down", "handoff", "none"]

    static let schema = ObjectSchema("feedback", doc: "Feedback weights for good and bad answers.", [
        FieldSchema("good", .dictionary(.number), required: true, "Weights of `up`, `down`, `handoff`, `none` after a good answer."),
        FieldSchema("bad", .dictionary(.number), required: true, "The same after a bad answer."),
    ])

    static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> FeedbackModel? {
        guard let f = decoder.fields(node, schema) else { return nil }
        func weights(_ key: String) -> [(value: String, weight: Double)] {
            let entries = f.dictionary(key, of: Double.self)
            for entry in entries where !values.contains(entry.key.value) {
                decoder.error(.unknownKey(entry.key.value, in: "feedback", suggestion: Suggestion.closest(to: entry.key.value, in: values)), at: entry.key.location)
            }
            return entries.map { (value: $0.key.value, weight: $0.value) }
        }
        return FeedbackModel(good: weights("good"), bad: weights("bad"))
    }
}
