import ScenarioFormat

/// The `--where` expressions of `traces` and `samples`, compiled against a session: `time`
/// values become offsets from the page, unknown attributes get "did you mean".
struct RequestFilter: Sendable {
    var conditions: [Condition]

    init(conditions: [Condition]) { self.conditions = conditions }

    /// Compiles each expression; several are ANDed.
    init(_ texts: [String], session: Session) throws(CommandProblem) {
        let known = RequestAttributes.names(in: session.scenario)
        let (clock, now) = (session.clock, session.now)
        var conditions: [Condition] = []
        for text in texts {
            let condition: Condition
            switch Condition.parse(text) {
            case .failure(let error):
                throw CommandProblem("Cannot read `--where \(text.truncated(to: 60))`: \(error.message). Write ATTR=VALUE, ATTR!=VALUE, ATTR<N or ATTR>N.")
            case .success(let parsed): condition = parsed
            }
            var problem: String?
            func rewrite(_ condition: Condition) -> Condition {
                switch condition {
                case .always: return .always
                case .and(let a, let b): return .and(rewrite(a), rewrite(b))
                case .or(let a, let b): return .or(rewrite(a), rewrite(b))
                case .not(let a): return .not(rewrite(a))
                case .compare(let operand, let relation, let values):
                    let name = operand.description
                    if case .state = operand {
                        problem = "`\(name.truncated(to: 40))` is a world state, not a trace attribute; registries show world state."
                        return condition
                    }
                    if name == "time" {
                        var converted: [String] = []
                        for value in values {
                            // `-30m` means thirty minutes ago; `02:20` is a time on the clock.
                            let relative = value.hasPrefix("-") || value.hasPrefix("+")
                            guard let parsed = clock.parse(value, now: now), let time = Optional(relative ? now + parsed : parsed) else {
                                problem = "`\(value.truncated(to: 20))` is not a time; write 02:20, 02:20:30 or -30m."
                                return condition
                            }
                            converted.append(String(time.milliseconds))
                        }
                        return .compare(operand, relation, converted)
                    }
                    if !known.contains(name) {
                        let guess = Suggestion.closest(to: name, in: known)
                        problem = "No attribute `\(name.truncated(to: 40))` on these traces" + (guess.map { "; did you mean `\($0)`?" } ?? ".")
                    }
                    return condition
                }
            }
            let rewritten = rewrite(condition)
            if let problem { throw CommandProblem(problem) }
            conditions.append(rewritten)
        }
        self.conditions = conditions
    }

    var isEmpty: Bool { conditions.isEmpty }

    /// Whether the filter names the time (reading before and after a change reaches further back).
    var mentionsTime: Bool { conditions.contains { $0.operands.contains(.attribute("time")) } }

    /// Static in spirit: it captures the model and world, not the whole session, since a scan
    /// calls it for every request and copying a session each time dominated the cost.
    func matches(_ request: RequestSketch, model: TrafficModel, world: WorldState) -> Bool {
        guard !conditions.isEmpty else { return true }
        var cache: [String: String?] = [:]
        return conditions.allSatisfy { condition in
            RequestMatcher.evaluate(condition) { name in
                if let known = cache[name] { return known }
                let value = model.attribute(name, of: request, world: world)
                cache[name] = value
                return value
            }
        }
    }

    /// Attribute values on an equality filter that matched, which the trainee has thereby seen.
    var evidence: [EvidenceID] {
        var ids: [EvidenceID] = []
        func walk(_ condition: Condition) {
            switch condition {
            case .and(let a, let b): walk(a); walk(b)
            case .compare(.attribute(let name), .equal, let values) where name != "time": ids += values.map { EvidenceID.attribute(name, $0) }
            default: break
            }
        }
        conditions.forEach(walk)
        return ids
    }
}
