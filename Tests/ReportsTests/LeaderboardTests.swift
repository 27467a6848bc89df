import Reports
import Simulation
import Testing

struct LeaderboardTests {
    static let asOf = "10:40 UTC"

    static func text(names: Bool, width: Int = 100) -> [String] {
        Leaderboard.lines(GamedayFixture.gameday, results: GamedayFixture.results, asOf: asOf, width: width, names: names).map(\.plainText)
    }

    @Test func rowsRankByScoreThenTimeToSurface() {
        let rows = Leaderboard.rows(GamedayFixture.gameday, results: GamedayFixture.results, names: true)
        #expect(rows.map(\.player) == [GamedayFixture.ada, GamedayFixture.cy, GamedayFixture.bo, GamedayFixture.di, GamedayFixture.ed])
        #expect(rows.map(\.rank) == [1, 2, 3, 4, 5])
        #expect(rows.map(\.score) == [170, 160, 60, 20, 0])
        #expect(rows.map(\.finished) == [2, 2, 1, 1, 0])
        #expect(rows.allSatisfy { $0.total == 2 })
        #expect(rows.map(\.medianTimeToSurfaceSeconds) == [480, 720, 1200, nil, nil])
        #expect(rows.map(\.foundWithEvidence) == [2, 1, 0, 0, 0])
        #expect(rows.map(\.status) == ["done", "done", "paused", "between", "playing Lantern"])
    }

    @Test func anonymisedPlayersAreNumberedInJoinOrder() {
        let rows = Leaderboard.rows(GamedayFixture.gameday, results: GamedayFixture.results)
        // Joined: Ada 10:00:00, Bo 10:00:05, Di 10:00:30, Cy 10:01:00, Ed 10:05:00.
        #expect(rows.map(\.player) == ["player 1", "player 4", "player 2", "player 3", "player 5"])
    }

    @Test func theAnonymisedBoardShowsNoNameAndTheNamedBoardShowsThemAll() {
        let hidden = Self.text(names: false).joined(separator: "\n")
        for player in GamedayFixture.players + [GamedayFixture.outsider] { #expect(!hidden.contains(player), "\(player) leaked") }
        #expect(hidden.contains("player 5"))
        let shown = Self.text(names: true).joined(separator: "\n")
        for player in GamedayFixture.players { #expect(shown.contains(player), "\(player) missing") }
        #expect(!shown.contains(GamedayFixture.outsider))
    }

    @Test func theHeaderNamesTheGamedayItsStateAndTheTime() {
        let header = Self.text(names: false)[0]
        #expect(header.contains("q3-gameday"))
        #expect(header.contains("running"))
        #expect(header.contains("as of 10:40 UTC"))
    }

    @Test func everyLineFitsTheWidth() {
        for width in [24, 32, 40, 50, 60, 80, 120] {
            for names in [false, true] {
                for line in Leaderboard.lines(GamedayFixture.gameday, results: GamedayFixture.results, asOf: Self.asOf, width: width, names: names) {
                    #expect(line.width <= width, "\(width): \(line.plainText)")
                }
            }
        }
        // Narrow boards drop columns before they cut an anonymised label.
        let narrow = Self.text(names: false, width: 40).joined(separator: "\n")
        for n in 1...5 { #expect(narrow.contains("player \(n)")) }
        #expect(Self.text(names: false, width: 40)[0].contains("q3-gameday"), "the name outlasts the detail")
        // At 80 columns nothing needs to go: every column is there.
        let header = Self.text(names: true, width: 80)[2]
        for title in ["#", "player", "done", "score", "median tts", "evidence", "now"] { #expect(header.contains(title)) }
    }

    @Test func aLongNameIsCutNotWrapped() {
        var results = GamedayFixture.results
        results[0].player = String(repeating: "W", count: 200)
        let lines = Leaderboard.lines(GamedayFixture.gameday, results: results, asOf: Self.asOf, width: 60, names: true)
        #expect(lines.allSatisfy { $0.width <= 60 })
        #expect(lines.contains { $0.plainText.contains("W…") })
    }

    @Test func playersTiedOnScoreAndTimeShareARank() {
        let day = GamedayRecord(name: "tie", scenarios: ["s"], seed: 1, createdAt: "2026-01-01T00:00:00Z", stateChangedAt: "2026-01-01T00:00:00Z")
        func finished(_ player: String, score: Int, started: String) -> SessionResult {
            SessionResult(id: player, gameday: "tie", player: player, scenario: "s", codename: "C", title: "T", surface: "model", seed: 1, mode: .gameday,
                          state: .finished, startedAt: started, updatedAt: started, finishedAt: started, score: score, passed: true, timeToSurfaceSeconds: 300)
        }
        let rows = Leaderboard.rows(day, results: [finished("b", score: 80, started: "2026-01-01T00:00:01Z"), finished("a", score: 80, started: "2026-01-01T00:00:02Z"),
                                                   finished("c", score: 50, started: "2026-01-01T00:00:00Z")], names: true)
        #expect(rows.map(\.player) == ["a", "b", "c"], "ties broken by name")
        #expect(rows.map(\.rank) == [1, 1, 3])
    }

    @Test func stylesAreLeftToTheConsole() {
        let lines = Leaderboard.lines(GamedayFixture.gameday, results: GamedayFixture.results, asOf: Self.asOf, width: 80)
        #expect(!lines.map(\.plainText).joined().contains("\u{1B}"), "no escape codes in the lines")
        #expect(lines.flatMap(\.segments).contains { $0.style == .accent && $0.text.hasPrefix("playing") })
    }
}
