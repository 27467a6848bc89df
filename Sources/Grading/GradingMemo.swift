import Foundation
import ScenarioFormat

/// What grading works out that depends only on the scenario variant, kept across many grades
/// of the same variant: regrading a game day's journals after a rubric change, where every
/// player met the same scenario and seed. Passing one changes no grade, only the time; the
/// grader stays a pure function of its inputs (the memo is one of them, and only repeats).
public final class GradingMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var references: [Key: Int] = [:]

    struct Key: Hashable {
        var scenario: String
        var seed: UInt64
        var limitMilliseconds: Int64
    }

    public init() {}

    /// The do-nothing harm for this variant, computed once.
    func reference(scenario: Scenario, compute: () -> Int) -> Int {
        let key = Key(scenario: scenario.id, seed: scenario.seed, limitMilliseconds: scenario.truth.limit.milliseconds)
        if let known = lock.withLock({ references[key] }) { return known }
        let value = compute()
        lock.withLock { references[key] = value }
        return value
    }
}
