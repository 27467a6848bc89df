@testable import Simulation
import ScenarioFormat
import TestSupport
import Testing

/// The two paths every scenario must tell apart: an expert who finds the surface and fixes
/// it sees the symptoms recover; a classic-runbook responder leaves it burning.
struct IncidentPathTests {
    /// The metric the page quotes: the symptom every scenario's page is about.
    static func symptom(_ session: Session) -> MetricSpec {
        let title = session.scenario.page.title
        let name = title.components(separatedBy: "{{").dropFirst().first?.components(separatedBy: "}}").first ?? "thumbs_down_pct"
        return session.scenario.metric(name.replacingOccurrences(of: ".baseline", with: ""), pack: session.pack)!
    }

    /// The symptom now (last five minutes) and its baseline (the same hour yesterday), from the dashboard's own engine.
    static func reading(_ session: Session) -> (now: Double, baseline: Double) {
        let engine = MetricEngine(model: session.model, world: session.world)
        let window = engine.windows([(symptom(session), nil, 0)], from: session.now - .minutes(30), to: session.now, buckets: 6).first
        return (window?.current ?? -1, window?.baseline ?? -1)
    }

    /// How far the symptom is from its baseline in its bad direction, as a share of the baseline
    /// (a sparse count that dips below its baseline after a fix is not burning).
    static func deviation(_ session: Session) -> Double {
        let (now, baseline) = reading(session)
        let worse = symptom(session).higherIsWorse ? now - baseline : baseline - now
        return max(0, worse) / max(abs(baseline), 1e-6)
    }

    /// Every kind of harm a scenario models, in one number: requests harmed and whole dollars.
    static func harm(_ impact: Impact) -> Int {
        impact.badAnswers + impact.failedRequests + impact.conversationsDropped + Int(impact.dollars)
    }

    @Test(arguments: Fixture.scenarioIDs, [UInt64(0), 7, 13])
    func theExpertPathRecovers(_ id: String, _ seed: UInt64) {
        var session = Fixture.session(id, seed: seed)
        let truth = session.scenario.truth
        #expect(session.causeHolds(at: session.now))
        let before = Self.deviation(session)
        #expect(before > 0.4, "the page should be burning: \(Self.symptom(session).id) \(Self.reading(session))")
        session.type("declare \(truth.surface)")
        let burning = Self.harm(session.impact(from: session.now - .minutes(10), to: session.now))
        session.type(truth.mitigations[0].action.value.description)
        #expect(!session.causeHolds(at: session.now), "\(truth.mitigations[0].action.value) did not remove the cause")
        for _ in 0..<12 { session.type("dash overview") }
        let after = Self.deviation(session)
        // Five minutes of traffic is a few thousand requests, so a healthy reading can sit a third
        // off yesterday's by chance; a burning one sits several times further.
        #expect(after < 0.4 && after < before / 2, "\(Self.symptom(session).id) did not recover: \(Self.reading(session)), deviation \(after) from \(before)")
        let resolved = session.type("resolve")
        #expect(resolved.contains("Incident marked mitigated"))
        for _ in 0..<6 { session.type("dash overview") }
        #expect(session.record.reopened.isEmpty)
        // Impact all but stops once fixed (a fix may leave a degraded service, as disabling a tool does).
        let settled = session.impact(from: session.now - .minutes(10), to: session.now)
        #expect(Self.harm(settled) * 4 <= burning, "after the fix: \(settled); the ten minutes before it: \(burning)")
    }

    @Test(arguments: Fixture.scenarioIDs)
    func theClassicRunbookLeavesItBurning(_ id: String) {
        var session = Fixture.session(id, seed: 4)
        let services = session.scenario.world.services.map(\.id)
        let latest = session.scenario.world.deploys.max { $0.at < $1.at }!
        var screens: [String] = []
        for service in services.prefix(2) { screens.append(session.type("restart \(service)")) }
        screens.append(session.type("rollback deploy \(latest.id)"))
        screens.append(session.type("scale \(services[0]) 12"))
        #expect(screens.allSatisfy { !$0.contains("Unknown") && !$0.contains("Usage") })
        for _ in 0..<10 { session.type("dash overview") }
        #expect(session.causeHolds(at: session.now))
        #expect(Self.deviation(session) > 0.4, "\(Self.symptom(session).id) \(Self.reading(session))")
        // Harm keeps accruing at least as fast as doing nothing would (the runbook's own consequences add to it).
        let impact = session.impact(from: .zero, to: session.now)
        var idle = Fixture.session(id, seed: 4)
        while idle.now < session.now { idle.type("dash overview") }
        let nothing = idle.impact(from: .zero, to: session.now)
        #expect(Self.harm(nothing) > 0 && Self.harm(impact) * 10 >= Self.harm(nothing) * 7, "runbook \(impact); doing nothing \(nothing)")
        // Harmful actions say so at once.
        let harms = session.scenario.truth.harmful.compactMap { harm in harm.consequence.map { (harm.action.value, $0.says) } }
        for (action, says) in harms where session.record.actions.contains(where: { $0.action == action }) {
            #expect(screens.contains { $0.contains(says.prefix(30)) }, "\(action) did not show its consequence")
        }
    }

    @Test func containmentSlowsTheImpactWithoutFixingTheCause() {
        var session = Fixture.session("silent-alias-upgrade", seed: 2)
        for _ in 0..<3 { session.type("dash overview") }
        let burning = session.impact(from: session.now - .minutes(3), to: session.now)
        session.type("flag assistant-human-fallback on")
        for _ in 0..<4 { session.type("dash overview") }
        let contained = session.impact(from: session.now - .minutes(3), to: session.now)
        #expect(session.causeHolds(at: session.now))
        #expect(session.contained(at: session.now))
        #expect(burning.badAnswers > 200)
        // The human queue has its own cost (some customers give up), so containment slows rather than stops.
        #expect(contained.badAnswers < burning.badAnswers * 7 / 10, "\(contained) vs \(burning)")
    }

    @Test func aPrematureResolveIsAcceptedAndTheIncidentReopens() {
        var session = Fixture.session("silent-alias-upgrade")
        let screen = session.type("resolve")
        #expect(screen.contains("Incident marked mitigated"))
        var later = ""
        for _ in 0..<6 { later += session.type("dash llm-gateway") }
        #expect(later.flattened.contains("PAGE RE-FIRED"))
        #expect(session.record.reopened.count == 1)
    }

    @Test func theRightOwnerToldTheSurfaceActsAndAWrongTeamBounces() {
        var session = Fixture.session("silent-alias-upgrade", seed: 1)
        session.type("escalate search-infra \"assistant quality down\"")
        session.type("escalate ml-platform \"model: chat-default answers with a new version since 02:22\"")
        var text = ""
        for _ in 0..<20 { text += session.type("dash overview") }
        #expect(text.flattened.contains("Search infrastructure on-call: Acknowledged. Nothing in our area changed"))
        #expect(text.flattened.contains("ML platform on-call: Pinned chat-default"))
        #expect(!session.causeHolds(at: session.now))
        #expect(session.world.history("alias/chat-default").last?.by == "ML platform on-call")
    }

    @Test func anOwnerNotToldTheSurfaceAsks() {
        var session = Fixture.session("silent-alias-upgrade", seed: 1)
        session.type("escalate ml-platform \"the assistant is bad, please look\"")
        var text = ""
        for _ in 0..<12 { text += session.type("dash overview") }
        #expect(text.flattened.contains("what surface, and what evidence?"))
        #expect(session.causeHolds(at: session.now))
    }

    @Test func timelineEventsArriveBetweenPromptsAndRecoveryIsReported() {
        var session = Fixture.session("silent-alias-upgrade", seed: 0)
        var text = ""
        for _ in 0..<13 { text += session.type("dash overview") }
        #expect(text.flattened.contains("Support lead (Dana Ruiz): Tickets are piling up"))
        session.type("pin model chat-default vendor-chat-2025-03-01")
        var after = ""
        for _ in 0..<10 { after += session.type("dash overview") }
        #expect(after.flattened.contains("Answers look normal again"))
    }
}
