import Foundation
import Grading
import Reports
import Simulation
import TestSupport
import Testing

/// `report.json` is for machines, so its values stay exactly as they were; but it is printed
/// too (`grade --format json`), so the characters a terminal obeys are written as `\uXXXX`.
struct JSONReportTests {
    @Test func invisibleCharactersAreEscapedAndTheValueIsUnchanged() throws {
        let text = "del\u{7F} csi\u{9B}31m \u{202E}txt esc\u{1B}[2J"
        var session = Fixture.session("silent-alias-upgrade")
        let header = JournalHeader(scenario: session.scenario.id, scenarioSHA256: "", packVersion: "", costsVersion: "", costsSHA256: "",
                                   rubric: "onboarding@1", rubricSHA256: "", seed: session.scenario.seed, settings: session.settings, width: 100,
                                   started: "2026-11-29T10:00:00Z", player: nil)
        _ = session.apply(SessionInput(.inject(from: "facilitator", text: text)))
        let entry = JournalEntry(seq: 1, type: .inject, text: text, from: "facilitator", atMs: 0, wallMs: 0, width: 100)
        let json = JSONReport.render(Grader.grade(session: session, rubric: Fixture.rubric("onboarding")), header: header, entries: [entry])
        #expect(!json.unicodeScalars.contains { VisibleText.standIn(for: $0, keepingNewlines: true) != nil })
        #expect(json.contains(#"del\u007f csi\u009b31m \u202etxt esc\u001b[2J"#), "\(json)")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let journal = try #require(decoded?["journal"] as? [[String: Any]])
        #expect(journal.last?["text"] as? String == text, "the value read back is the text itself")
    }
}
