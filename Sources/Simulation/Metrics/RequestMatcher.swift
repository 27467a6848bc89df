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
            let actual = lookup(operand.description)
            if relation == .equal || relation == .notEqual || relation == .isIn, let actual {
                // People type `feedback=Down` or a model name in another case; match anyway.
                let matched = values.contains { Predicate.equal(actual, $0) || actual.lowercased() == $0.lowercased() }
                return relation == .notEqual ? !matched : matched
            }
            return Predicate.compare(actual, relation, values)
        }
    }
}
