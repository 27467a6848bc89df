import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Grading
import Reports
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// The HTML a manager opens: one file that parses, needs nothing from the network, and
/// cannot be made to run a trainee's text as markup.
struct HTMLReportTests {
    /// The expert's session of a seed scenario, played and graded, with a hostile status update.
    static func played(_ id: String = "silent-alias-upgrade") -> (grade: Grade, session: Session) {
        var session = Fixture.session(id)
        let lines = Fixture.script("Tests/GradingTests/Journals/\(id)/expert.txt", variant: session.scenario)
        var withHostileUpdate = lines
        withHostileUpdate.insert("update \"<script>alert('x')</script> & <img src=x onerror=alert(1)> \\\"quoted\\\"\"", at: 2)
        for line in withHostileUpdate {
            _ = session.apply(SessionInput(.line(line), width: 100))
            if session.ended != nil { break }
        }
        return (Grader.grade(session: session, rubric: Fixture.rubric("onboarding")), session)
    }

    /// Reads the page as XML (the reports are written as well-formed, XHTML-compatible HTML) and
    /// collects what a browser could fetch: elements that load things, `src`, off-page `href`, and
    /// CSS `url(` or `@import`.
    final class Inspector: NSObject, XMLParserDelegate {
        var fetches: [String] = []
        var inStyle = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if ["script", "link", "img", "iframe", "object", "embed", "base", "audio", "video", "source", "image", "use"].contains(name.lowercased()) {
                fetches.append("<\(name)>")
            }
            for (attribute, value) in attributes {
                let lowered = attribute.lowercased()
                if lowered == "src" || lowered.hasSuffix("href") && !value.hasPrefix("#") { fetches.append("\(name) \(attribute)=\(value)") }
                if lowered.hasPrefix("on") { fetches.append("\(name) \(attribute) handler") }
                if lowered == "style" && (value.contains("url(") || value.contains("@import")) { fetches.append("\(name) style=\(value)") }
            }
            inStyle = name == "style"
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { inStyle = false }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inStyle && (string.contains("url(") || string.contains("@import")) { fetches.append("stylesheet fetches: \(string.prefix(60))") }
        }
    }

    /// Nil when the page parses and fetches nothing; otherwise what is wrong.
    static func problems(_ html: String) -> String? {
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        let inspector = Inspector()
        parser.delegate = inspector
        guard parser.parse() else {
            return "not well-formed at line \(parser.lineNumber) column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "unknown")"
        }
        return inspector.fetches.isEmpty ? nil : "fetches from outside the file: \(inspector.fetches)"
    }

    @Test func theSessionReportIsWellFormedAndSelfContained() {
        let (grade, session) = Self.played()
        let html = HTMLReport.render(grade, session: session, player: "Ada <Lovelace>")
        #expect(Self.problems(html) == nil, "\(Self.problems(html) ?? "")")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta name=\"viewport\""), "a phone needs the viewport")
        #expect(html.contains("@media print"), "the page prints")
        #expect(html.contains("@media (max-width: 600px)"), "the page reads on a phone")
    }

    @Test func theTimelineDrawsTheMetricsAndMarksTheTraineesMoves() {
        let (grade, session) = Self.played()
        let html = HTMLReport.render(grade, session: session)
        #expect(html.contains("<svg"))
        // One polyline per metric panel, and a marker for the declaration and the pin.
        #expect(html.components(separatedBy: "<path d=\"M").count - 1 >= 2)
        #expect(html.contains("declare model"))
        #expect(html.contains("pin model chat-default"))
        for label in [">page<", ">target<", ">limit<"] { #expect(html.contains(label)) }
        #expect(html.contains("Time to surface"))
        #expect(html.contains(grade.debrief.components(separatedBy: "\n").first ?? "-"))
    }

    @Test func aTraineesTextIsShownVerbatimAndNeverRunsAsMarkup() {
        let (grade, session) = Self.played()
        let html = HTMLReport.render(grade, session: session)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"))
        #expect(grade.updates.contains { $0.text.contains("<script>alert('x')</script>") }, "the update is kept verbatim in the grade")
    }

    @Test func controlCharactersInAPageAreShownNotObeyed() {
        #expect(HTMLReport.escape("a\u{1B}[2J<b>\u{202E}\u{9B}\nnext") == "a␛[2J&lt;b&gt;⟨U+202E⟩⟨U+009B⟩\nnext")
        var session = Fixture.session("silent-alias-upgrade")
        _ = session.apply(SessionInput(.inject(from: "facilitator", text: "\u{1B}[2J\u{202E}cleared")))
        _ = session.apply(SessionInput(.line("status")))
        let html = HTMLReport.render(Grader.grade(session: session, rubric: Fixture.rubric("onboarding")), session: session, player: "p\u{7}")
        #expect(Self.problems(html) == nil, "\(Self.problems(html) ?? "")")
        #expect(!html.unicodeScalars.contains { VisibleText.standIn(for: $0, keepingNewlines: true) != nil })
        #expect(html.contains("␛[2J⟨U+202E⟩cleared"))
    }

    @Test func theCertificatePageIsWellFormedAndSelfContained() throws {
        let (grade, session) = Self.played()
        let payload = CertificateTests.payload(grade: grade)
        let certificate = try Certificate.sign(payload, with: Signing.KeyPair())
        let html = CertificateReport.html(payload, signature: certificate.signature, played: [grade.scenario: (grade, session)])
        #expect(Self.problems(html) == nil, "\(Self.problems(html) ?? "")")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"), "each played scenario has its timeline")
        #expect(html.contains(certificate.signature.fingerprint))
        #expect(html.contains("not attempted"), "the scenario never reached says so")
    }
}
