import ScenarioFormat

/// Evaluates a condition against one request's attributes (for `--where`, metric filters).
struct RequestMatcher {
    let condition: Condition

    func matches(_ lookup: (String) -> String?) -> Bool { Self.evaluate(condition, lookup) }

    static func evaluate(_ condition: Condition, _ lookup: (String) -> String?) -> Bool {
        switch condition {
        case .always: return true
        case .and(let a, let b): return evaluate(a, lookup) && evaluate(b, lookup)
        case .or(let a, let b): return evaluate(a, lookup) || evaluate(b, lookup)
        case .not(let a): return !evaluate(a, lookup)
        case .compare(let operand, let relation, let values):
            return Predicate.compare(lookup(operand.description), relation, values)
        }
    }
}
