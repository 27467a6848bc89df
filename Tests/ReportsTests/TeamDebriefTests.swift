import Reports
import Testing

/// The debrief's numbers against ones worked out by hand from the fixture.
struct TeamDebriefTests {
    static let debrief = TeamDebrief(gameday: GamedayFixture.gameday, results: GamedayFixture.results)

    @Test func scenariosComeInTheGamedaysOrderWithTheirRealNames() {
        let d = Self.debrief
        #expect(d.scenarios.map(\.id) == ["silent-alias-upgrade", "retrieval-replica-loss"])
        #expect(d.scenarios.map(\.codename) == ["Lantern", "Harbor"])
        #expect(d.scenarios[0].title == "Silent alias upgrade")
        #expect(d.players == 5, "the other game day's player is not counted")
    }

    @Test func timeToSurfaceUsesTheLowerMedianAndNearestRankP90() throws {
        let lantern = Self.debrief.scenarios[0]
        #expect(lantern.started == 5)
        #expect(lantern.finished == 4)
        let t = try #require(lantern.timeToSurface)
        #expect(t.count == 3)
        #expect(t.found.map(\.seconds) == [480, 720, 1200])
        #expect(t.minimumSeconds == 480)
        #expect(t.medianSeconds == 720)
        #expect(t.p90Seconds == 1200)
        #expect(t.maximumSeconds == 1200)
        #expect(t.medianMinutes == 12)
        // 20 minutes at most: 5-minute buckets, five of them, empty ones kept.
        #expect(t.bucketMinutes == 5)
        #expect(t.buckets.map(\.count) == [0, 1, 1, 0, 1])
        #expect(t.buckets.last?.toMinutes == 25)
        #expect((lantern.foundWithEvidence, lantern.guessed, lantern.neverFound) == (2, 1, 1))

        let harbor = Self.debrief.scenarios[1]
        let h = try #require(harbor.timeToSurface)
        #expect((h.medianSeconds, h.p90Seconds) == (900, 900))
        #expect((harbor.started, harbor.finished, harbor.foundWithEvidence, harbor.guessed, harbor.neverFound) == (3, 2, 1, 1, 0))
    }

    @Test func medianAndPercentileDefinitions() {
        #expect(TeamDebrief.lowerMedian([]) == nil)
        #expect(TeamDebrief.lowerMedian([4, 1, 3, 2]) == 2, "the lower of the middle two")
        #expect(TeamDebrief.lowerMedian([5, 1, 3]) == 3)
        #expect(TeamDebrief.percentile(Array(1...10), 90) == 9)
        #expect(TeamDebrief.percentile(Array(1...11), 90) == 10)
        #expect(TeamDebrief.percentile([7], 90) == 7)
    }

    @Test func wrongSurfacesAndHarmfulActionsAreRankedMostCommonFirstTiesByName() {
        let lantern = Self.debrief.scenarios[0]
        #expect(lantern.wrongSurfaces.map(\.name) == ["retrieval", "gateway", "prompt"])
        #expect(lantern.wrongSurfaces[0].players == 3)
        #expect(lantern.wrongSurfaces[0].times == 4, "Di declared retrieval twice")
        #expect(lantern.harmful.map(\.name) == [GamedayFixture.restart, "Rolled back a three-day-old deploy."])
        #expect(lantern.harmful.map(\.players) == [2, 1])
        #expect(!lantern.wrongSurfaces.contains { $0.name == "cost" }, "the other game day's wrong turn stays out")
        #expect(Self.debrief.scenarios[1].wrongSurfaces.map(\.name) == ["model"])
    }

    @Test func lessonsGroupNegativeFindingsByPart() {
        let lantern = Self.debrief.scenarios[0]
        #expect(lantern.lessons.map(\.part) == ["escalation", "surface", "evidence", "updates"])
        #expect(lantern.lessons[0].players == 3)
        #expect(lantern.lessons[0].pointsLost == 15)
        #expect(lantern.lessons[0].reason == GamedayFixture.escalateModel, "the reason given most often")
        #expect(lantern.lessons[1].pointsLost == 30, "Bo's +20 for the surface is no lesson")
        let all = Self.debrief.lessons
        #expect(all.map(\.part) == ["escalation", "surface", "evidence", "updates"])
        #expect((all[0].players, all[0].pointsLost) == (4, 20))
    }

    @Test func aPartEarningNothingIsALessonWithoutPenaltyPoints() {
        // The grade gives 0 for a miss (no update posted, never mitigated), not a penalty.
        let missed = SessionResult.Note(part: .mitigation, points: 0, reason: "The cause was still there when the session ended.")
        let results = [
            GamedayFixture.entry("A", "silent-alias-upgrade", state: .finished, started: "2026-11-29T10:00:00Z", updated: "2026-11-29T10:20:00Z",
                                 finished: "2026-11-29T10:20:00Z", score: 40, passed: false, lessons: [missed]),
            GamedayFixture.entry("B", "silent-alias-upgrade", state: .finished, started: "2026-11-29T10:00:00Z", updated: "2026-11-29T10:20:00Z",
                                 finished: "2026-11-29T10:20:00Z", score: 45, passed: false,
                                 lessons: [missed, .init(part: .harmfulAction, points: -5, reason: "Restarted the gateway.")]),
        ]
        let debrief = TeamDebrief(gameday: GamedayFixture.gameday, results: results)
        #expect(debrief.lessons.map(\.part) == ["mitigation", "harmful action"])
        #expect((debrief.lessons[0].players, debrief.lessons[0].pointsLost) == (2, 0))
        #expect((debrief.lessons[1].players, debrief.lessons[1].pointsLost) == (1, 5))
    }

    @Test func scoresAndPassRate() {
        let lantern = Self.debrief.scenarios[0]
        #expect(lantern.meanScore == 61.25)
        #expect(lantern.medianScore == 60)
        #expect(lantern.passed == 2)
        #expect(lantern.passRate == 0.5)
        let harbor = Self.debrief.scenarios[1]
        #expect(harbor.meanScore == 82.5)
        #expect(harbor.medianScore == 80)
        #expect(harbor.passRate == 1)
    }

    @Test func surfacesAggregateAcrossTheirScenarios() {
        let s = Self.debrief.surfaces
        #expect(s.map(\.surface) == ["model", "retrieval"])
        #expect((s[0].players, s[0].finished, s[0].found, s[0].foundWithEvidence) == (4, 4, 3, 2))
        #expect(s[0].medianTimeToSurfaceSeconds == 720)
        #expect(s[0].foundWithEvidenceShare == 0.5)
        #expect((s[1].players, s[1].finished, s[1].medianTimeToSurfaceSeconds) == (2, 2, 900))
    }

    @Test func theOrderOfTheStoreDoesNotMatter() {
        let shuffled = TeamDebrief(gameday: GamedayFixture.gameday, results: GamedayFixture.results.reversed())
        #expect(shuffled == Self.debrief)
    }

    @Test func aScenarioNobodyStartedIsListedEmpty() {
        var gameday = GamedayFixture.gameday
        gameday.scenarios.append("cost-runaway-key")
        let d = TeamDebrief(gameday: gameday, results: GamedayFixture.results)
        let last = d.scenarios[2]
        #expect(last.id == "cost-runaway-key")
        #expect((last.started, last.finished) == (0, 0))
        #expect(last.timeToSurface == nil)
        #expect(last.passRate == nil)
        #expect(!d.surfaces.contains { $0.surface.isEmpty })
    }
}
