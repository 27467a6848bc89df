import Reports
import Simulation
import Testing

struct TeamDebriefMarkdownTests {
    static let markdown = TeamDebriefMarkdown.render(TeamDebriefTests.debrief, generatedAt: "2026-11-29T12:00:00Z")

    @Test func theDebriefRevealsTheScenariosAndShowsTheNumbers() {
        let md = Self.markdown
        #expect(md.hasPrefix("# Game day debrief: q3-gameday\n"))
        #expect(md.contains("Generated 2026-11-29T12:00:00Z"))
        #expect(md.contains("## Lantern: Silent alias upgrade"))
        #expect(md.contains("| Lantern (`silent-alias-upgrade`) | model | 5 | 4 | 2 | 1 | 1 | 12.0 | 20.0 | 61.3 | 50% |"))
        #expect(md.contains("min 8.0, median 12.0, p90 20.0, max 20.0"))
        #expect(md.contains("retrieval (3 players, 4 times)"))
        #expect(md.contains("| escalation | 4 | 20 | \(GamedayFixture.escalateModel) |"))
        #expect(md.contains("## By surface"))
    }

    @Test func theHistogramHasOneBarPerBucket() {
        let lines = Self.markdown.components(separatedBy: "\n")
        let bars = lines.filter { $0.hasPrefix("10–15 min") || $0.hasPrefix("15–20 min") || $0.hasPrefix(" 0–5 min") || $0.hasPrefix("0–5 min") }
        #expect(bars.contains("10–15 min  ██████████████████████████████ 1"))
        #expect(bars.contains("15–20 min  0"))
    }

    @Test func noPlayerIsNamed() {
        for player in GamedayFixture.players + [GamedayFixture.outsider] { #expect(!Self.markdown.contains(player)) }
    }

    @Test func storeTextCannotBecomeHTMLALinkOrAnEscapeSequence() {
        var results = GamedayFixture.results
        for index in results.indices where results[index].scenario == "silent-alias-upgrade" {
            results[index].codename = "<img src=x onerror=alert(1)>"
            results[index].title = "[t](javascript:alert(1))\u{1B}[2J"
        }
        results[1].wrongSurfaces = ["\u{202E}evil", "<b>x</b>"]
        results[1].harmful = [.init(part: .harmfulAction, points: -5, reason: "You ran `<x>` then [y](data:text/html,z) <script>")]
        let md = TeamDebriefMarkdown.render(TeamDebrief(gameday: GamedayFixture.gameday, results: results), generatedAt: "now")
        #expect(MarkdownReportTests.unescaped(md).isEmpty, "\(MarkdownReportTests.unescaped(md))")
        #expect(!md.unicodeScalars.contains { VisibleText.standIn(for: $0, keepingNewlines: true) != nil })
        #expect(md.contains(#"## \<img src=x onerror=alert(1)\>: \[t\](javascript:alert(1))␛\[2J"#), "\(md)")
        #expect(md.contains("⟨U+202E⟩evil"))
        // A grade's sentence keeps its code span; outside it nothing opens.
        #expect(md.contains(#"You ran `<x>` then \[y\](data:text/html,z) \<script>"#), "\(md)")
    }

    @Test func tableCellsCannotBreakTheTable() {
        var results = GamedayFixture.results
        results[1].wrongSurfaces = ["a|b\nc"]
        let md = TeamDebriefMarkdown.render(TeamDebrief(gameday: GamedayFixture.gameday, results: results), generatedAt: "now")
        #expect(md.contains("a\\|b c"))
    }
}
