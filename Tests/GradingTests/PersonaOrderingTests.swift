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

    /// Each finding says what the trainee did, when, and why it counted.
    @Test func theExpertsFindingsExplainThemselves() throws {
        let grade = try Self.grade("silent-alias-upgrade", "expert")
        let reasons = grade.findings.map(\.reason)
        #expect(reasons.contains { $0.hasPrefix("You named the failing surface, model, at +") && $0.contains("within the 15 min target") })
        #expect(reasons.contains { $0.hasPrefix("You had the decisive evidence on screen (") && $0.contains("cite it with `declare SURFACE --evidence REF` for full credit") })
        #expect(reasons.contains { $0.hasPrefix("Your `pin model chat-default vendor-chat-2025-03-01` removed the cause at +") })
        #expect(reasons.contains { $0.hasPrefix("You paged ML platform on-call at +") && $0.hasSuffix("so they could act.") })
        #expect(reasons.contains { $0 == "Your postmortem has all six facts right." })
        #expect(reasons.contains { $0 == "You chose a prevention that addresses the cause." })
        #expect(grade.passed)
        #expect(grade.findings.allSatisfy { !$0.reason.isEmpty })
        #expect(grade.timeToSurfaceMinutes != nil)
    }

    @Test func theGuesserIsToldItWasAGuess() throws {
        let grade = try Self.grade("silent-alias-upgrade", "guesser")
        #expect(grade.findings.contains { $0.part == "evidence" && $0.points == 0 && $0.reason.hasPrefix("You declared model before any decisive evidence was on screen: a guess earns no evidence credit.") })
        #expect(grade.findings.contains { $0.reason.hasPrefix("You posted no status update;") })
        #expect(grade.findings.contains { $0.reason == "You did not write the postmortem: `postmortem` records the six facts, the surfaces, detection and prevention." })
    }

    @Test func theRunbookResponderSeesWhyEachStepDidNotApply() throws {
        let grade = try Self.grade("silent-alias-upgrade", "runbook")
        let reasons = grade.findings.map(\.reason)
        #expect(reasons.contains { $0.hasPrefix("You ran `rollback deploy d-4812` at +") && $0.contains("brought back the connection-pool leak") })
        #expect(reasons.contains { $0.hasPrefix("You ran `restart llm-gateway` at +") && $0.contains("Nothing was wrong with the gateway's pods") })
        #expect(reasons.contains { $0.hasPrefix("You ran `scale support-api 12` at +") && $0.contains("was not part of this incident and cost 1 min") })
        #expect(reasons.contains { $0.hasPrefix("Your standing declaration was infra; the failing surface was model.") })
        #expect(reasons.contains { $0.hasPrefix("The cause was still there when the session ended (alias/chat-default = vendor-chat-2025-06-15)") })
        #expect(reasons.contains { $0.hasPrefix("You resolved at +") && $0.contains("the page would have re-fired at +") })
        #expect(!grade.passed)
    }

    @Test func containmentFirstIsCreditedForStoppingTheBleedingAndNotChargedForUndoingIt() throws {
        let grade = try Self.grade("silent-alias-upgrade", "containment-first")
        #expect(grade.findings.contains { $0.part == "containment" && $0.reason.hasPrefix("You stopped the bleeding at +0m") && $0.reason.contains("flag assistant-human-fallback on") })
        #expect(!grade.findings.contains { $0.part == "wasted action" })
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
        #expect(grade.findings.contains { $0.reason.hasSuffix("This is a critical action: the session fails.") })
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
