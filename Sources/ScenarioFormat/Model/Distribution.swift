/// A numeric quantity drawn per request: a constant, or a log-normal given by its median
/// and 95th percentile (how people read latency and token counts off a dashboard).
public enum Distribution: Sendable, Equatable {
    case constant(Double)
    case logNormal(median: Double, p95: Double)
    case uniform(low: Double, high: Double)

    /// The typical value, used where an expectation is needed without drawing.
    public var center: Double {
        switch self {
        case .constant(let value): return value
        case .logNormal(let median, _): return median
        case .uniform(let low, let high): return (low + high) / 2
        }
    }
}

extension Distribution {
    static let schema = ObjectSchema("distribution", doc: "A quantity drawn per request: `{median, p95}` (log-normal) or `{uniform: [low, high]}`.", [
        FieldSchema("median", .oneOf([.number, .duration]), "The middle value."),
        FieldSchema("p95", .oneOf([.number, .duration]), "The 95th percentile; at least the median."),
        FieldSchema("uniform", .list(.oneOf([.number, .duration])), "`[low, high]`: equally likely anywhere between."),
    ])

    /// Decodes numbers, or durations (in milliseconds) when `durations` is set.
    static func decode(_ node: YAMLNode, _ decoder: NodeDecoder, durations: Bool) -> Distribution? {
        func number(_ node: YAMLNode) -> Double? {
            if durations {
                return SimDuration.decode(node, decoder).map { Double($0.milliseconds) }
            }
            return Double.decode(node, decoder)
        }
        if case .scalar = node { return number(node).map(Distribution.constant) }
        guard let fields = decoder.fields(node, schema) else { return nil }
        if let range = fields.node("uniform") {
            guard case .sequence(let items, _) = range, items.count == 2,
                  let low = number(items[0]), let high = number(items[1]) else {
                decoder.error(.invalidValue("uniform", expected: "`[low, high]`"), at: range.location)
                return nil
            }
            guard low <= high else {
                decoder.error(.outOfRange("\(low)…\(high)", expected: "low ≤ high"), at: range.location)
                return nil
            }
            return .uniform(low: low, high: high)
        }
        guard let medianNode = fields.node("median"), let median = number(medianNode) else {
            decoder.error(.missingKey("median", in: "distribution"), at: fields.location)
            return nil
        }
        guard median > 0 else {
            decoder.error(.outOfRange("\(median)", expected: "a median above 0"), at: medianNode.location)
            return nil
        }
        let p95 = fields.node("p95").flatMap(number) ?? median
        guard p95 >= median else {
            decoder.error(.outOfRange("\(p95)", expected: "a p95 at least the median"), at: fields.location(of: "p95"))
            return nil
        }
        return .logNormal(median: median, p95: p95)
    }
}
