import Grading
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// Every scenario in the pack, in twenty variants: its expert script (written against
/// `${parameters}`, so it reads its answers from the variant) finds the surface with
/// evidence and fixes it; its classic-runbook script does not.
struct ScenarioLibraryTests {
    static let seeds: [UInt64] = Array(0..<20)

    static func script(_ id: String, _ persona: String) -> String { "Tests/GradingTests/Journals/\(id)/\(persona).txt" }

    /// Plays a script against one variant and grades it with the onboarding rubric.
    static func play(_ id: String, _ persona: String, seed: UInt64) -> (grade: Grade, session: Session) {
        let scenario = Fixture.scenario(id, seed: seed)
        let contents = Fixture.contents
        var session = Session(scenario: scenario, pack: contents.pack, costs: contents.costs, settings: SessionSettings(mode: .onboarding, clock: .sim))
        for line in Fixture.script(script(id, persona), variant: scenario) {
            _ = session.apply(SessionInput(.line(line), width: 100))
            if session.ended != nil { break }
        }
        return (Grader.grade(session: session, rubric: Fixture.rubric("onboarding")), session)
    }

    @Test(arguments: Fixture.scenarioIDs)
    func everyScenarioHasAnExpertAndARunbookScript(_ id: String) {
        for persona in ["expert", "runbook"] {
            #expect(!Fixture.text(Self.script(id, persona)).isEmpty, "\(Self.script(id, persona)) is missing")
        }
    }

    @Test(arguments: Fixture.scenarioIDs)
    func theExpertFindsTheSurfaceWithEvidenceAndFixesEveryVariant(_ id: String) {
        guard !Fixture.text(Self.script(id, "expert")).isEmpty else { return }
        for seed in Self.seeds {
            let (grade, session) = Self.play(id, "expert", seed: seed)
            let context = "\(id) seed \(seed): \(grade.score) — " + grade.findings.filter { $0.points <= 0 }.map(\.reason).joined(separator: " | ")
            #expect(grade.score >= 85, "\(context)")
            #expect(grade.findings.reduce(0) { $0 + $1.points } == grade.score, "the findings do not add up to the score: \(context)")
            #expect(grade.declared == session.scenario.truth.surface, "\(context)")
            #expect(grade.findings.contains { $0.part == .evidence && $0.points > 0 }, "\(context)")
            #expect(grade.milestones.mitigation != nil, "\(context)")
            #expect(!grade.findings.contains { $0.part == .criticalAction }, "\(context)")
        }
    }

    @Test(arguments: Fixture.scenarioIDs)
    func theClassicRunbookNeitherPassesNorMitigatesAnyVariant(_ id: String) {
        guard !Fixture.text(Self.script(id, "runbook")).isEmpty else { return }
        for seed in Self.seeds {
            let (grade, _) = Self.play(id, "runbook", seed: seed)
            let context = "\(id) seed \(seed): \(grade.score) — " + grade.findings.filter { $0.points > 0 }.map(\.reason).joined(separator: " | ")
            #expect(grade.score <= 40, "\(context)")
            #expect(grade.findings.reduce(0) { $0 + $1.points } == grade.score, "the findings do not add up to the score: \(context)")
            #expect(grade.milestones.mitigation == nil, "\(context)")
        }
    }

    /// Parameters must change what the trainee has to find: twenty seeds give more than one variant.
    @Test(arguments: Fixture.scenarioIDs)
    func variantsDiffer(_ id: String) {
        let variants = Set(Self.seeds.map { Fixture.scenario(id, seed: $0).variant.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";") })
        #expect(variants.count >= 2, "\(id) has \(variants.count) distinct variant(s) over 20 seeds")
        #expect(Fixture.scenario(id).parameters.parameters.count >= 2, "\(id) needs at least two seeded parameters")
    }
}
