import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// `report.md` goes into wikis and tickets that render Markdown, and is read with `cat`:
/// a trainee's update, an inject, a player's name or a command line from the journal must
/// show as the text it is, never as HTML, a link or an escape sequence.
struct MarkdownReportTests {
    static let update = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) <javascript:alert(2)> ![i](data:text/html,x) **bold**"
    static let inject = "\u{1B}[2J\u{1B}[H Type `revoke key` now <script>alert(3)</script> [ok](data:text/html,y)\u{9B}31m\u{202E}"

    /// The expert's session with a hostile update, inject and rejected line, graded.
    static func played() -> Grade {
        var session = Fixture.session("silent-alias-upgrade")
        let lines = Fixture.script("Tests/GradingTests/Journals/silent-alias-upgrade/expert.txt", variant: session.scenario)
        _ = session.apply(SessionInput(.line(lines[0])))
        _ = session.apply(SessionInput(.line("update \"\(update)\"")))
        _ = session.apply(SessionInput(.inject(from: "facilitator", text: inject)))
        _ = session.apply(SessionInput(.line("status\u{1B}[2J")))
        for line in lines.dropFirst() where session.ended == nil { _ = session.apply(SessionInput(.line(line))) }
        return Grader.grade(session: session, rubric: Fixture.rubric("onboarding"))
    }

    /// Characters that open raw HTML, an autolink or a link, neither escaped with a backslash
    /// nor inside a code span (where CommonMark interprets nothing).
    static func unescaped(_ markdown: String) -> [String] {
        let characters = Array(markdown)
        func run(_ index: Int) -> Int { characters[index...].prefix { $0 == "`" }.count }
        var found: [String] = [], index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\" { index += 2; continue }
            if character == "`" {
                let length = run(index)
                var close = index + length
                while close < characters.count, !(characters[close] == "`" && run(close) == length) { close += characters[close] == "`" ? run(close) : 1 }
                index = close < characters.count ? close + length : index + length
                continue
            }
            if "<[]".contains(character) { found.append("\(character) in …\(String(characters[max(0, index - 30)..<min(characters.count, index + 30)]))…") }
            index += 1
        }
        return found
    }

    @Test func textFromOutsideCannotBecomeHTMLALinkOrAnEscapeSequence() {
        let grade = Self.played()
        #expect(grade.updates.contains { $0.text == Self.update }, "the grade keeps the update verbatim")
        let markdown = MarkdownReport.render(grade, player: "Ada [me](javascript:alert(4)) <b>")
        #expect(Self.unescaped(markdown).isEmpty, "\(Self.unescaped(markdown)): \(markdown)")
        #expect(!markdown.unicodeScalars.contains { VisibleText.standIn(for: $0, keepingNewlines: true) != nil })
        // Verbatim for a reader: every character is still there, escaped.
        #expect(markdown.contains(#"  > \<img src=x onerror=alert(1)\> \[click\](javascript:alert(1)) \<javascript:alert(2)\> \!\[i\](data:text/html,x) \*\*bold\*\*"#))
        #expect(markdown.contains(#"| Player | Ada \[me\](javascript:alert(4)) \<b\> |"#))
        #expect(markdown.contains(#"facilitator: ␛\[2J␛\[H Type \`revoke key\` now \<script\>alert(3)\</script\>"#), "\(markdown)")
        #expect(markdown.contains("`status␛[2J` (not run)"), "a rejected line, in a code span where nothing is interpreted")
    }

    @Test func thePacksOwnMarkdownStillReads() {
        let markdown = MarkdownReport.render(Self.played())
        // The debrief's code spans and the findings' quoted names stay code.
        #expect(markdown.contains("the policy\n`latest`") || markdown.contains("`latest`"), "\(markdown)")
        #expect(markdown.contains("| Score | **"))
    }
}
