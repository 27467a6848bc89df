import ScenarioFormat

/// What a certification run plays and how its scenarios add up to a verdict.
public enum Certification {
    public struct Pick: Sendable, Equatable {
        public var id: String
        public var seed: UInt64
    }

    /// Draws `count` scenarios from the seed: at least one pair that shares a page (so the page
    /// cannot give the answer), then unseen surfaces first, so the draw covers the taxonomy.
    /// Each scenario gets its own variant seed. `scenarios` are the pack's, canonically loaded.
    public static func draw(_ scenarios: [Scenario], seed: UInt64, count: Int) -> [Pick] {
        guard count > 0, !scenarios.isEmpty else { return [] }
        func rank(_ id: String, _ salt: String) -> UInt64 { StableHash.combine(seed, StableHash.fnv1a(salt + ":" + id)) }
        let ordered = scenarios.sorted { rank($0.id, "order") < rank($1.id, "order") }
        var chosen: [Scenario] = []
        if count >= 2 {
            // Families of scenarios that page the same way but fail on different surfaces.
            let families = Dictionary(grouping: ordered, by: { $0.page.title + "|" + $0.page.trigger })
                .values.filter { Set($0.map(\.truth.surface)).count >= 2 }
                .sorted { rank($0[0].id, "family") < rank($1[0].id, "family") }
            if let family = families.first {
                let first = family[0]
                if let second = family.first(where: { $0.truth.surface != first.truth.surface }) { chosen = [first, second] }
            }
        }
        while chosen.count < min(count, ordered.count) {
            let covered = Set(chosen.map(\.truth.surface))
            let remaining = ordered.filter { candidate in !chosen.contains { $0.id == candidate.id } }
            guard let next = remaining.first(where: { !covered.contains($0.truth.surface) }) ?? remaining.first else { break }
            chosen.append(next)
        }
        return chosen.sorted { rank($0.id, "play") < rank($1.id, "play") }
            .map { Pick(id: $0.id, seed: StableHash.combine(seed, StableHash.fnv1a("variant:" + $0.id)) % 1_000_000 + 1) }
    }

    /// The run's verdict: the mean score, the pass mark, a minimum on every scenario, and no critical action.
    public static func overall(_ grades: [Grade], rubric: Rubric) -> (score: Int, passed: Bool, reasons: [String]) {
        guard !grades.isEmpty else { return (0, false, ["no scenario was played"]) }
        let score = grades.reduce(0) { $0 + $1.score } / grades.count
        var reasons: [String] = []
        if score < rubric.pass { reasons.append("the mean score \(score) is below the pass mark \(rubric.pass)") }
        for grade in grades where grade.score < rubric.minimumPerScenario {
            reasons.append("\(grade.codename) scored \(grade.score), below the minimum of \(rubric.minimumPerScenario) for every scenario")
        }
        for grade in grades { if let critical = grade.failedBy { reasons.append("\(grade.codename): critical action `\(critical)`") } }
        return (score, reasons.isEmpty, reasons)
    }

    /// The one finding of a scenario the run never reached.
    public static var notAttemptedReason: String { Explanation.notAttempted.text }

    /// A scenario the run never reached: zero, said plainly.
    public static func notAttempted(_ scenario: Scenario, rubric: Rubric) -> Grade {
        Grade(scenario: scenario.id, title: scenario.title, codename: scenario.codename, seed: scenario.seed, mode: .certification,
              rubricVersion: rubric.version, score: 0, passed: false, failedBy: nil,
              findings: [Finding(part: .notAttempted, points: 0, explanation: .notAttempted)],
              milestones: Milestones(), targetMinutes: scenario.truth.target.minutes, limitMinutes: scenario.truth.limit.minutes,
              surface: scenario.truth.surface, declared: nil,
              impactUntilContainment: .init(badAnswers: 0, failedRequests: 0, usersAffected: 0, dollars: 0, conversationsDropped: 0,
                                            doNothingReference: 0, untilFix: 0),
              updates: [], timeline: [], debrief: scenario.debrief, modelledOn: scenario.modelledOn)
    }
}
