import Reports
import Simulation
import Testing

struct FacilitatorViewTests {
    static let now = "2026-11-29T10:40:00Z"

    @Test func oneRowPerPlayerInJoinOrderWithNames() {
        let rows = FacilitatorView.rows(GamedayFixture.gameday, results: GamedayFixture.results, now: Self.now)
        #expect(rows.map(\.player) == [GamedayFixture.ada, GamedayFixture.bo, GamedayFixture.di, GamedayFixture.cy, GamedayFixture.ed])
        #expect(rows.map(\.state) == ["done", "paused", "between", "done", "playing"])
        #expect(rows.map(\.idleSeconds) == [nil, 480, 300, nil, 90])
        let ed = rows[4]
        #expect((ed.codename, ed.clock, ed.declared, ed.evidenceSeen, ed.commands) == ("Lantern", "+06:40", "retrieval", 3, 12))
        let bo = rows[1]
        #expect((bo.codename, bo.clock, bo.declared) == ("Harbor", "+02:05", "—"))
    }

    @Test func thePausedGamedaySaysForHowLong() {
        var paused = GamedayFixture.gameday
        paused.state = .paused
        paused.stateChangedAt = "2026-11-29T10:30:00Z"
        let header = FacilitatorView.lines(paused, results: GamedayFixture.results, now: Self.now, width: 100)[0].plainText
        #expect(header.contains("paused"))
        #expect(header.contains("for 10m 00s"))
        #expect(header.contains("now 10:40 UTC"))
    }

    @Test func theViewShowsNamesAndFitsTheWidth() {
        let text = FacilitatorView.lines(GamedayFixture.gameday, results: GamedayFixture.results, now: Self.now, width: 100).map(\.plainText).joined(separator: "\n")
        for player in GamedayFixture.players { #expect(text.contains(player)) }
        #expect(text.contains("1m 30s"), "Ed's idle time")
        for width in [24, 40, 60, 80, 120] {
            for line in FacilitatorView.lines(GamedayFixture.gameday, results: GamedayFixture.results, now: Self.now, width: width) {
                #expect(line.width <= width, "\(width): \(line.plainText)")
            }
        }
    }

    @Test func aLongIdleWhilePlayingIsFlagged() {
        let later = "2026-11-29T10:50:00Z"
        let lines = FacilitatorView.lines(GamedayFixture.gameday, results: GamedayFixture.results, now: later, width: 120)
        #expect(lines.flatMap(\.segments).contains { $0.style == .warning && $0.text.contains("11m 30s") })
    }
}
