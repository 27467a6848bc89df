import Foundation
import Reports
import Testing

struct TeamDebriefHTMLTests {
    static let html = TeamDebriefHTML.render(TeamDebriefTests.debrief, generatedAt: "2026-11-29T12:00:00Z")

    @Test func theDebriefPageIsWellFormedAndSelfContained() {
        #expect(HTMLReportTests.problems(Self.html) == nil, "\(HTMLReportTests.problems(Self.html) ?? "")")
        #expect(Self.html.hasPrefix("<!DOCTYPE html>"))
        #expect(Self.html.contains("@media (max-width: 600px)"))
        #expect(Self.html.contains("@media print"))
        // The only address in the page is the SVG namespace.
        let addresses = Self.html.components(separatedBy: "http").count - 1
        let namespaces = Self.html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1
        #expect(addresses == namespaces)
    }

    @Test func eachScenarioDrawsOneDotPerPlayerWhoFoundIt() {
        #expect(Self.html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(Self.html.components(separatedBy: "<circle").count - 1 == 5)
        #expect(Self.html.components(separatedBy: "fill=\"#b5650d\"").count - 1 == 2, "Bo and Cy guessed")
        #expect(Self.html.contains(">median 12.0<"))
        #expect(Self.html.contains("1 never found it"))
        #expect(Self.html.contains("Lantern: Silent alias upgrade"))
    }

    @Test func textFromTheStoreIsEscapedAndNoPlayerIsNamed() {
        var results = GamedayFixture.results
        results[1].harmful = [.init(part: .harmfulAction, points: -10, reason: "<script>alert(1)</script>")]
        let html = TeamDebriefHTML.render(TeamDebrief(gameday: GamedayFixture.gameday, results: results), generatedAt: "<now>")
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(HTMLReportTests.problems(html) == nil)
        for player in GamedayFixture.players { #expect(!html.contains(HTMLReport.escape(player))) }
    }
}
