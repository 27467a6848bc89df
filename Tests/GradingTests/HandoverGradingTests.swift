import Grading
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// A session the shift ended is graded as it stood at the handover, and the grade says so in
/// a finding worth nothing either way.
struct HandoverGradingTests {
    static func grade(_ lines: [String], scenario: String = "silent-alias-upgrade") throws -> Grade {
        let (header, entries) = Fixture.journal(scenario, seed: 0, lines: lines)
        let contents = Fixture.contents
        return try Grader.grade(scenario: Fixture.scenario(scenario), pack: contents.pack, costs: contents.costs,
                                rubric: Fixture.rubric("onboarding"), header: header, entries: entries)
    }

    @Test func theExpertWhoNeverQuitIsGradedAtTheHandoverAndTold() throws {
        let expert = Fixture.script("Tests/GradingTests/Journals/silent-alias-upgrade/expert.txt", variant: Fixture.scenario("silent-alias-upgrade"))
        // The expert's session, without its `quit` and `y`, then a long wait.
        let played = Array(expert.prefix { $0 != "quit" })
        let grade = try Self.grade(played + Array(repeating: "wait 1h", count: 30))
        let handover = grade.findings.filter { $0.part == .handover }
        #expect(handover.map(\.points) == [0])
        #expect(handover.first?.explanation == .handedOver(at: "02:47", shift: "24 h"))
        // What was done before the handover still counts.
        let finished = try Self.grade(expert)
        #expect(grade.findings.filter { $0.part == .surface } == finished.findings.filter { $0.part == .surface })
        #expect(grade.score == grade.findings.reduce(0) { $0 + $1.points })
    }

    @Test func aSessionThatEndsBeforeTheShiftHasNoHandoverFinding() throws {
        let grade = try Self.grade(Array(repeating: "wait 1h", count: 24) + ["quit", "y"])
        #expect(!grade.findings.contains { $0.part == .handover })
    }
}
