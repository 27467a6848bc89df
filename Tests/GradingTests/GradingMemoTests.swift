@testable import Grading
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// A memo shared across the journals of one variant only saves time: every grade is the
/// grade without it, whichever journal came first.
struct GradingMemoTests {
    @Test(arguments: ["silent-alias-upgrade", "retrieval-replica-loss", "stale-eval-set", "sycophancy-drift"])
    func aSharedMemoChangesNoGrade(_ scenario: String) throws {
        let contents = Fixture.contents
        let variant = Fixture.scenario(scenario, seed: 0)
        let memo = GradingMemo()
        // The runbook responder first, so the memo's reference comes from a journal that acted.
        for persona in ["runbook", "expert", "never", "containment-first"] {
            let lines = Fixture.script("Tests/GradingTests/Journals/\(scenario)/\(persona).txt", variant: variant)
            let (header, entries) = Fixture.journal(scenario, seed: 0, mode: .onboarding, lines: lines)
            let alone = try Grader.grade(scenario: variant, pack: contents.pack, costs: contents.costs, rubric: Fixture.rubric("onboarding"),
                                         header: header, entries: entries)
            let shared = try Grader.grade(scenario: variant, pack: contents.pack, costs: contents.costs, rubric: Fixture.rubric("onboarding"),
                                          header: header, entries: entries, memo: memo)
            #expect(alone == shared, "\(scenario) \(persona)")
            #expect(alone.impactUntilContainment.doNothingReference > 0, "\(scenario) \(persona): the reference is real harm")
        }
    }
}
