import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// A session of any length ends: 24 hours after the page the shift is over and the session is
/// handed over as it stands. No input, however much time it claims, reads the world past the
/// traffic a scenario has or overflows the clock.
struct ShiftTests {
    static let handover = "Your shift is over, 24 h after the page. The incident is handed over as it stands, and graded now."

    /// Found by hand: 80 × `wait 1h` then `dash` trapped in TrafficModel.forEach once the
    /// clock passed the traffic's end, three days after the page.
    @Test func eightyHoursOfWaitingEndsAtTheShiftAndTheDashboardAfterIsAnswered() {
        var session = Fixture.session("silent-alias-upgrade", seed: 1)
        var screens: [String] = []
        for _ in 0..<80 { screens.append(session.type("wait 1h")) }
        screens.append(session.type("dash overview"))
        #expect(session.ended?.rawValue == "handed-over")
        #expect(session.now == .hours(24))
        // The 24th wait reaches 02:47 the next day exactly; the 25th would pass it.
        #expect(!screens[23].contains("shift is over"))
        #expect(screens[24].flattened.contains("02:47 Handover: " + Self.handover), "\(screens[24])")
        #expect(screens[25...].allSatisfy { $0.contains("The session has ended.") })
        #expect(session.record.commands.count == 25, "the dashboard after the handover was not run")
    }

    @Test func aCommandWhoseCostCrossesTheEndRunsAndThenHandsOver() {
        var session = Fixture.session("silent-alias-upgrade")
        for _ in 0..<23 { session.type("wait 1h") }
        session.type("wait 59m")
        session.type("wait 30s")
        #expect(session.now == .hours(24) - .seconds(30))
        let screen = session.type("dash overview")
        #expect(screen.contains("overview · last 6h · now 02:46 UTC"), "the dashboard is drawn before the shift ends: \(screen)")
        #expect(screen.flattened.contains(Self.handover))
        #expect(session.now == .hours(24))
        #expect(session.ended?.rawValue == "handed-over")
    }

    @Test func atTheEndOfTheShiftExactlyFreeCommandsStillRun() {
        var session = Fixture.session("silent-alias-upgrade")
        for _ in 0..<24 { session.type("wait 1h") }
        #expect(session.now == .hours(24))
        #expect(session.type("help wait").contains("wait"))
        #expect(session.ended == nil)
        session.type("teams")
        #expect(session.ended?.rawValue == "handed-over", "`teams` costs time, which the shift no longer has")
    }

    /// Wall time past the shift hands over before the input is applied: the line never runs.
    @Test(arguments: [Int64(86_400_001), 1 << 40, .max])
    func wallTimePastTheShiftHandsOverBeforeTheLineRuns(_ wall: Int64) {
        var session = Session(scenario: Fixture.scenario("silent-alias-upgrade"), pack: Fixture.contents.pack, costs: Fixture.contents.costs,
                              settings: SessionSettings(mode: .gameday, clock: .wall, wallScale: 1))
        let screen = session.apply(SessionInput(.line("declare model"), wallDelta: wall)).plainText
        #expect(screen.flattened.contains(Self.handover))
        #expect(session.record.declarations.isEmpty)
        #expect(session.now == .hours(24))
    }

    /// Replay takes a journal's header and entries as they are: the largest numbers there are
    /// end the session at the shift, not in an overflow trap.
    @Test(arguments: [1e300, 60, 1, -1e300])
    func aReplayOfHostileNumbersEndsAtTheShift(_ wallScale: Double) throws {
        let contents = Fixture.contents
        let scenario = Fixture.scenario("silent-alias-upgrade")
        let settings = SessionSettings(mode: .gameday, clock: .wall, wallScale: wallScale)
        let header = JournalHeader(scenario: scenario.id, scenarioSHA256: "-", packVersion: "p", costsVersion: "1", costsSHA256: "-", seed: 0,
                                   settings: settings, width: .max, started: "2026-01-01T00:00:00Z")
        let entries = [
            JournalEntry(seq: 1, type: .command, text: "dash overview", atMs: .max, wallMs: .max, width: .max),
            JournalEntry(seq: .max, type: .tick, atMs: .min, wallMs: .max, width: .min),
            JournalEntry(seq: .min, type: .command, text: "status", atMs: 0, wallMs: .max, width: 100),
        ]
        let replay = try #require(Replay.run(scenario: scenario, pack: contents.pack, costs: contents.costs, header: header, entries: entries))
        #expect(replay.session.now <= .hours(24))
        if wallScale > 0 { #expect(replay.session.ended?.rawValue == "handed-over") }
    }

    /// Every read of a window outside the traffic (a week before the page to three days after)
    /// reads nothing, at once, however far away it is.
    @Test func windowsBeyondTheTrafficReadNothing() {
        let session = Fixture.session("silent-alias-upgrade")
        let far = SimDuration(milliseconds: .max)
        let outcome = Watchdog("windows-beyond-the-traffic", seconds: 30).run("far-windows", input: Array("far windows".utf8)) {
            [session.requestCount(from: .days(4), to: .days(5)), session.requestCount(from: .days(-30), to: .days(-20)),
             session.impact(from: .days(4), to: far).isEmpty ? 0 : 1, session.impact(from: SimDuration(milliseconds: .min), to: .days(-8)).isEmpty ? 0 : 1,
             session.requestCount(from: .zero, to: far) - session.requestCount(from: .zero, to: .days(3))]
        }
        guard case .finished(let counts) = outcome else {
            Issue.record("a read of a far-off window did not finish: \(outcome)")
            return
        }
        #expect(counts == [0, 0, 0, 0, 0])
    }

    @Test func durationsSaturateInsteadOfOverflowing() {
        let end = SimDuration(milliseconds: .max), start = SimDuration(milliseconds: .min)
        #expect(end + .seconds(1) == end)
        #expect(start - .seconds(1) == start)
        #expect(-start == end)
        #expect(SimDuration.days(.max) == end)
        #expect(SimDuration.hours(.min) == start)
        #expect(start.description.hasPrefix("-106751991167d"))
        #expect(start.spoken.hasPrefix("-"))
    }
}
