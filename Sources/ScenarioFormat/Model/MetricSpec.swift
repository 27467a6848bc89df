/// A named series a dashboard can draw. Request metrics aggregate the same per-request
/// function that traces come from; ambient metrics have a baseline, noise and effects;
/// world gauges read the registries.
public struct MetricSpec: SchemaObject, Sendable, Equatable {
    public enum Aggregate: String, Sendable, CaseIterable {
        case rate, share, mean, p50, p95, p99, sum
    }

    public enum WorldGauge: String, Sendable, CaseIterable {
        case replicasHealthy = "replicas_healthy"
        case indexAgeHours = "index_age_hours"
        case evalSetAgeDays = "eval_set_age_days"
        case evalScore = "eval_score"
    }

    public enum Source: Sendable, Equatable {
        /// Over requests: `of` an attribute (summed over spans of `spans` kind when given),
        /// counting those that match `where`, out of those that match `among`.
        case requests(aggregate: Aggregate, of: String?, spans: String?, where: Condition?, among: Condition?, perHour: Bool)
        case ambient(baseline: Double, noise: Double, jitter: Double, effects: [Effect])
        /// A registry reading; without a subject, the world's first index or eval set.
        case world(WorldGauge, subject: String?)
    }

    /// A change to an ambient metric while a condition holds, or for a while from a time.
    public struct Effect: SchemaObject, Sendable, Equatable {
        public enum Change: Sendable, Equatable { case add(Double), set(Double), times(Double) }

        public var when: Condition?
        public var at: SimDuration?
        public var duration: SimDuration?
        public var change: Change
        public var ramp: SimDuration
        public var recover: SimDuration
        public var location: SourceLocation

        public static let schema = ObjectSchema("effect", doc: "A change to an ambient metric.", [
            FieldSchema("when", .expression, "Active while this world condition holds…"),
            FieldSchema("at", .offset, "…or from this time…"),
            FieldSchema("for", .duration, "…for this long (with `at`; default: to the end)."),
            FieldSchema("add", .number, "Add this to the value."),
            FieldSchema("set", .number, "Replace the value with this."),
            FieldSchema("times", .number, "Multiply the value by this."),
            FieldSchema("ramp", .duration, "Reach the full change over this long."),
            FieldSchema("recover", .duration, "Return to normal over this long once it ends."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Effect? {
            guard let f = decoder.fields(node, schema) else { return nil }
            let changes: [Change] = [f.value("add", as: Double.self).map(Change.add), f.value("set", as: Double.self).map(Change.set),
                                     f.value("times", as: Double.self).map(Change.times)].compactMap { $0 }
            guard changes.count == 1 else {
                decoder.error(.inconsistent("an effect needs exactly one of `add`, `set` or `times`"), at: f.location)
                return nil
            }
            let when: Condition? = f.value("when")
            let at: SimDuration? = f.value("at")
            if (when == nil) == (at == nil) {
                decoder.error(.inconsistent("an effect needs `when` (a condition) or `at` (a time), not both"), at: f.location)
                return nil
            }
            return Effect(when: when, at: at, duration: f.value("for"), change: changes[0], ramp: f.value("ramp") ?? .zero,
                          recover: f.value("recover") ?? .zero, location: f.location)
        }
    }

    public var id: String
    public var title: String
    public var unit: String
    public var decimals: Int
    /// Whether a rise is the bad direction (most metrics) or a fall is (recall, pass rate).
    public var higherIsWorse: Bool
    public var source: Source
    public var location: SourceLocation

    public static let schema = ObjectSchema("metric", doc: "A metric: from requests, ambient, or a world gauge.", [
        FieldSchema("id", .identifier, required: true, "Metric name, used by `metric NAME` and dashboards."),
        FieldSchema("title", .string, required: true, "Label on a dashboard row."),
        FieldSchema("unit", .string, required: true, "Unit as a dashboard shows it: `%`, `ms`, `req/min`, `$/h`, `tokens`, `ratio`, `h`, `d`."),
        FieldSchema("decimals", .integer, "Decimal places shown (default 0)."),
        FieldSchema("worse", .enumeration(["higher", "lower"]), "Which direction is bad (default higher)."),
        FieldSchema("from", .enumeration(["requests", "ambient", "world"]), required: true, "Where values come from."),
        FieldSchema("agg", .enumeration(Aggregate.allCases.map(\.rawValue)), "Requests: how to aggregate."),
        FieldSchema("of", .string, "Requests: the attribute aggregated (`duration_ms`, `cost_usd`, a span attribute)."),
        FieldSchema("spans", .enumeration(SpanTemplate.kinds), "Requests: read `of`/`where` on spans of this kind."),
        FieldSchema("where", .expression, "Requests: count those matching (share, rate)."),
        FieldSchema("among", .expression, "Requests: out of those matching (share)."),
        FieldSchema("per", .enumeration(["minute", "hour"]), "Requests: rate and sum per minute (default) or hour."),
        FieldSchema("baseline", .number, "Ambient: the normal value."),
        FieldSchema("noise", .percent, "Ambient: relative variation."),
        FieldSchema("jitter", .number, "Ambient: absolute variation."),
        FieldSchema("effects", .list(.object("effect")), "Ambient: changes over time."),
        FieldSchema("gauge", .enumeration(WorldGauge.allCases.map(\.rawValue)), "World: which gauge."),
        FieldSchema("subject", .identifier, "World: the index or eval set it reads (default: the first)."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> MetricSpec? {
        guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let title: String = f.value("title"),
              let unit: String = f.value("unit"), let from: String = f.value("from") else { return nil }
        let source: Source
        switch from {
        case "requests":
            guard let aggName: String = f.value("agg") else {
                decoder.error(.missingKey("agg", in: "request metric `\(id)`"), at: f.location)
                return nil
            }
            guard let aggregate = Aggregate(rawValue: aggName) else {
                decoder.error(.invalidValue(aggName, expected: "one of " + Aggregate.allCases.map(\.rawValue).joined(separator: ", ")), at: f.location(of: "agg"))
                return nil
            }
            let of: String? = f.value("of")
            if of == nil, ![.rate, .share].contains(aggregate) {
                decoder.error(.missingKey("of", in: "request metric `\(id)` (`\(aggName)` needs an attribute)"), at: f.location)
            }
            let spans: String? = f.value("spans")
            if let spans, !SpanTemplate.kinds.contains(spans) {
                decoder.error(.invalidValue(spans, expected: "a span kind"), at: f.location(of: "spans"))
            }
            source = .requests(aggregate: aggregate, of: of, spans: spans, where: f.value("where"), among: f.value("among"),
                               perHour: (f.value("per") ?? "minute") == "hour")
        case "ambient":
            guard let baseline: Double = f.value("baseline") else {
                decoder.error(.missingKey("baseline", in: "ambient metric `\(id)`"), at: f.location)
                return nil
            }
            let noise: Percent? = f.value("noise")
            source = .ambient(baseline: baseline, noise: noise?.fraction ?? 0, jitter: f.value("jitter") ?? 0, effects: f.list("effects"))
        case "world":
            guard let gaugeName: String = f.value("gauge") else {
                decoder.error(.missingKey("gauge", in: "world metric `\(id)`"), at: f.location)
                return nil
            }
            let subject: String? = f.value("subject")
            guard let gauge = WorldGauge(rawValue: gaugeName) else {
                decoder.error(.invalidValue(gaugeName, expected: "one of " + WorldGauge.allCases.map(\.rawValue).joined(separator: ", ")), at: f.location(of: "gauge"))
                return nil
            }
            source = .world(gauge, subject: subject)
        default:
            decoder.error(.invalidValue(from, expected: "`requests`, `ambient` or `world`"), at: f.location(of: "from"))
            return nil
        }
        return MetricSpec(id: id, title: title, unit: unit, decimals: f.value("decimals") ?? 0,
                          higherIsWorse: (f.value("worse") ?? "higher") == "higher", source: source, location: f.location)
    }
}
