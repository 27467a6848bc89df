@testable import Grading
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// Hand-written sessions of seven kinds of responder, graded with the onboarding rubric.
/// The grade must order them as an experienced incident commander would.
struct PersonaOrderingTests {
    static let personas = ["citing-expert", "expert", "containment-first", "sweeper", "guesser", "runbook", "never"]

    static func grade(_ scenario: String, _ persona: String, mode: SessionSettings.Mode = .onboarding) throws -> Grade {
        let lines = Fixture.script("Tests/GradingTests/Journals/\(scenario)/\(persona).txt", variant: Fixture.scenario(scenario))
        let (header, entries) = Fixture.journal(scenario, seed: 0, mode: mode, lines: lines)
        let contents = Fixture.contents
        return try Grader.grade(scenario: Fixture.scenario(scenario, seed: 0), pack: contents.pack, costs: contents.costs,
                                rubric: Fixture.rubric(mode.rawValue), header: header, entries: entries)
    }

    @Test(arguments: ["silent-alias-upgrade", "retrieval-replica-loss"])
    func scoresOrderTheRespondersAsAnIncidentCommanderWould(_ scenario: String) throws {
        var scores: [String: Int] = [:]
        for persona in Self.personas { scores[persona] = try Self.grade(scenario, persona).score }
        let s = { (persona: String) in scores[persona] ?? -1 }
        let summary = Self.personas.map { "\($0) \(s($0))" }.joined(separator: ", ")
        #expect(s("citing-expert") >= s("expert"), "\(summary)")
        #expect(s("expert") > s("containment-first"), "\(summary)")
        #expect(s("containment-first") >= s("sweeper"), "\(summary)")
        #expect(s("sweeper") > s("guesser"), "\(summary)")
        #expect(s("guesser") > s("runbook"), "\(summary)")
        #expect(s("runbook") >= s("never"), "\(summary)")
        #expect(s("expert") >= 85, "\(summary)")
        #expect(s("runbook") <= 40, "\(summary)")
    }

    /// Each finding says what the trainee did, when, and why it counted: asserted on the typed
    /// explanation, so the wording can be improved without these tests moving.
    @Test func theExpertsFindingsExplainThemselves() throws {
        let grade = try Self.grade("silent-alias-upgrade", "expert")
        let found = grade.findings.map(\.explanation)
        #expect(found.contains { if case .surfaceFound(surface: "model", _, target: "15 min", _, full: true) = $0 { return true }; return false }, "\(found)")
        #expect(found.contains { if case .evidenceSeen = $0 { return true }; return false }, "\(found)")
        #expect(found.contains { if case .fixed(by: "Your `pin model chat-default vendor-chat-2025-03-01`", _, _) = $0 { return true }; return false }, "\(found)")
        #expect(found.contains { if case .escalatedToldOwner(team: "ML platform on-call", _) = $0 { return true }; return false }, "\(found)")
        #expect(found.contains(.postmortemFacts(right: 6, wrong: [])))
        #expect(found.contains { if case .postmortemPrevention(right: true, _) = $0 { return true }; return false })
        #expect(grade.passed)
        #expect(grade.findings.allSatisfy { !$0.reason.isEmpty })
        #expect(grade.timeToSurfaceMinutes != nil)
    }

    @Test func theGuesserIsToldItWasAGuess() throws {
        let grade = try Self.grade("silent-alias-upgrade", "guesser")
        #expect(grade.findings.contains { finding in
            guard finding.part == .evidence, finding.points == 0, case .evidenceGuess(surface: "model", _, _) = finding.explanation else { return false }
            return true
        })
        #expect(grade.findings.contains { if case .updatesNone = $0.explanation { return true }; return false })
        #expect(grade.findings.map(\.explanation).contains(.postmortemMissing))
    }

    @Test func theRunbookResponderSeesWhyEachStepDidNotApply() throws {
        let grade = try Self.grade("silent-alias-upgrade", "runbook")
        let found = grade.findings.map(\.explanation)
        #expect(found.contains { if case .harmful(action: "rollback deploy d-4812", _, let says) = $0 { return says.contains("brought back the connection-pool leak") }; return false }, "\(found)")
        #expect(found.contains { if case .harmful(action: "restart llm-gateway", _, let says) = $0 { return says.contains("Nothing was wrong with the gateway's pods") }; return false }, "\(found)")
        #expect(found.contains { if case .wasted(action: "scale support-api 12", _, cost: "1 min") = $0 { return true }; return false }, "\(found)")
        #expect(found.contains(.surfaceWrong(declared: "infra", truth: "model")))
        #expect(found.contains { if case .notFixed(_, cause: "alias/chat-default = vendor-chat-2025-06-15") = $0 { return true }; return false }, "\(found)")
        #expect(found.contains { if case .prematureResolve(_, _, seen: false) = $0 { return true }; return false }, "\(found)")
        #expect(!grade.passed)
    }

    @Test func containmentFirstIsCreditedForStoppingTheBleedingAndNotChargedForUndoingIt() throws {
        let grade = try Self.grade("silent-alias-upgrade", "containment-first")
        #expect(grade.findings.contains { finding in
            guard finding.part == .containment, case .containedFirst(action: "flag assistant-human-fallback on", at: "+0m") = finding.explanation else { return false }
            return true
        }, "\(grade.findings.map(\.explanation))")
        #expect(!grade.findings.contains { $0.part == .wastedAction })
    }

    @Test func aCriticalActionFailsACertification() throws {
        let lines = ["declare model", "revoke key sk-prod-support", "quit", "y"]
        let scenario = Fixture.scenario("silent-alias-upgrade")
        var truth = scenario.truth
        // Treat the shared key's revocation as critical, as abuse scenarios do.
        if let index = truth.harmful.firstIndex(where: { $0.action.value == .revokeKey("sk-prod-support") }) {
            truth.critical.append(truth.harmful.remove(at: index))
        }
        var critical = scenario
        critical.truth = truth
        let contents = Fixture.contents
        var session = Session(scenario: critical, pack: contents.pack, costs: contents.costs, settings: SessionSettings(mode: .certification, clock: .sim))
        for line in lines { _ = session.apply(SessionInput(.line(line))) }
        let grade = Grader.grade(session: session, rubric: Fixture.rubric("certification"))
        #expect(!grade.passed)
        #expect(grade.failedBy == "revoke key sk-prod-support")
        #expect(grade.findings.contains { if case .critical(action: "revoke key sk-prod-support", _, _, fails: true) = $0.explanation { return true }; return false })
    }

    @Test func theGradeIsTheSameEveryTime() throws {
        let first = try Self.grade("retrieval-replica-loss", "expert"), second = try Self.grade("retrieval-replica-loss", "expert")
        #expect(first == second)
    }
}

/// Every point has its sentence: the findings add up to the score exactly, whatever the rounding.
struct FindingsAddUpTests {
    @Test(arguments: ["silent-alias-upgrade", "retrieval-replica-loss"])
    func theFindingsOfEveryPersonaAddUpToItsScore(_ scenario: String) throws {
        for persona in PersonaOrderingTests.personas {
            for mode in [SessionSettings.Mode.onboarding, .gameday, .certification] {
                let grade = try PersonaOrderingTests.grade(scenario, persona, mode: mode)
                #expect(grade.findings.reduce(0) { $0 + $1.points } == grade.score, "\(persona) in \(mode): \(grade.findings.map(\.points)) against \(grade.score)")
            }
        }
    }

    @Test func roundingIsGivenBackWhereItMovedAPartMost() {
        // Three parts of 0.5 each round to 3 points but add up to 1.5, which rounds to 2.
        #expect(Grader.apportion([50, 50, 50], to: 2).reduce(0, +) == 2)
        #expect(Grader.apportion([149, -49, 1000], to: 11) == [1, 0, 10])
        #expect(Grader.apportion([], to: 0) == [])
    }
}
