import Grading
import ScenarioFormat
import Simulation

/// A self-contained HTML page for one session: no external fonts, scripts or images. An SVG
/// timeline draws the incident's metrics across the session with the trainee's commands,
/// declarations and actions marked; it reads on a phone and prints on paper.
public enum HTMLReport {
    public static func render(_ grade: Grade, session: Session, player: String? = nil) -> String {
        var body = ""
        let verdict = grade.passed ? "passed" : (grade.failedBy != nil ? "failed: critical action" : "not passed")
        body += "<header><p class=\"kicker\">Nightshift · \(escape(grade.mode.rawValue)) · seed \(grade.seed)</p>"
        body += "<h1>\(escape(grade.title))</h1>"
        body += "<p class=\"meta\">Scenario <code>\(escape(grade.scenario))</code> (\(escape(grade.codename)))"
        if let player { body += " · player \(escape(player))" }
        body += " · rubric \(escape(grade.rubricVersion))</p>"
        body += "<div class=\"score \(grade.passed ? "pass" : "fail")\"><span class=\"number\">\(grade.score)</span><span class=\"of\">/100</span>"
        body += "<span class=\"verdict\">\(escape(verdict))</span></div></header>"

        body += "<section><h2>Timeline</h2>"
        body += timeline(grade, session: session)
        body += "</section>"

        body += "<section><h2>Milestones</h2><table class=\"milestones\"><thead><tr><th>Milestone</th><th>Minutes after the page</th></tr></thead><tbody>"
        let m = grade.milestones
        for (label, value) in [("Time to acknowledge", m.acknowledged), ("Time to first update", m.firstUpdate), ("Time to surface", m.surface),
                               ("Time to containment", m.containment), ("Time to mitigation", m.mitigation)] {
            body += "<tr><td>\(label)</td><td class=\"num\">\(value.map { Format.number($0, decimals: 1) } ?? "—")</td></tr>"
        }
        body += "</tbody></table>"
        body += "<p class=\"note\">Time to surface against the target of \(Format.number(grade.targetMinutes, decimals: 0)) min and the limit of \(Format.number(grade.limitMinutes, decimals: 0)) min. "
        body += "Failing surface: <strong>\(escape(grade.surface))</strong>; declared: <strong>\(escape(grade.declared ?? "nothing"))</strong>.</p></section>"

        body += "<section><h2>Findings</h2><table class=\"findings\"><thead><tr><th class=\"num\">Points</th><th>Why</th></tr></thead><tbody>"
        for finding in grade.findings {
            let cls = finding.points > 0 ? "gain" : (finding.points < 0 ? "loss" : "zero")
            body += "<tr class=\"\(cls)\"><td class=\"num\">\(finding.points > 0 ? "+" : "")\(finding.points)</td><td>\(escape(finding.reason))</td></tr>"
        }
        body += "</tbody></table></section>"

        let impact = grade.impactUntilContainment
        body += "<section><h2>Impact</h2><p>Until containment: \(impact.badAnswers) bad answers, \(impact.failedRequests) failed requests, "
        body += "\(impact.conversationsDropped) conversations dropped, about \(impact.usersAffected) users affected, \(escape(Format.dollars(impact.dollars))) spent beyond normal. "
        body += "Until the fix: \(impact.untilFix) harmed; doing nothing until the limit: \(impact.doNothingReference).</p></section>"

        body += "<section><h2>Status updates</h2>"
        if grade.updates.isEmpty { body += "<p class=\"note\">None posted.</p>" }
        for update in grade.updates {
            body += "<blockquote><p class=\"when\">\(escape(update.clock)) · +\(Format.number(update.minutes, decimals: 1)) min</p><p>\(escape(update.text))</p></blockquote>"
        }
        body += "</section>"

        body += "<section><h2>Commands</h2><table class=\"commands\"><thead><tr><th>Time</th><th class=\"num\">+min</th><th>Command</th></tr></thead><tbody>"
        for event in grade.timeline {
            body += "<tr class=\"\(escape(event.kind))\"><td>\(escape(event.clock))</td><td class=\"num\">\(Format.number(event.minutes, decimals: 1))</td><td><code>\(escape(String(event.text.prefix(300))))</code></td></tr>"
        }
        body += "</tbody></table></section>"

        body += "<section><h2>Debrief</h2>"
        for paragraph in grade.debrief.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n\n") {
            body += "<p>\(escape(paragraph.replacingOccurrences(of: "\n", with: " ")))</p>"
        }
        if !grade.modelledOn.isEmpty {
            body += "<p class=\"note\">Modelled on:</p><ul>" + grade.modelledOn.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
        }
        body += "</section>"
        return page(title: "Nightshift report: \(grade.title)", body: body)
    }

    /// The document shell with the one stylesheet every report uses.
    public static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(escape(title))</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    static let stylesheet = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #d8dde6; --bg: #ffffff; --soft: #f4f6f9; --good: #1b7f4a; --bad: #b42318; --accent: #2457c5; --warn: #b5650d; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 960px; margin: 0 auto; padding: 24px 16px 48px; }
        header { border-bottom: 2px solid var(--ink); padding-bottom: 12px; margin-bottom: 8px; position: relative; }
        h1 { font-size: 26px; line-height: 1.2; margin: 4px 0 6px; padding-right: 150px; }
        h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
        .meta, .note { color: var(--muted); font-size: 14px; margin: 4px 0; }
        .score { position: absolute; right: 0; top: 8px; text-align: right; }
        .score .number { font-size: 44px; font-weight: 700; }
        .score .of { font-size: 18px; color: var(--muted); }
        .score .verdict { display: block; font-weight: 600; font-size: 14px; }
        .score.pass .verdict { color: var(--good); }
        .score.fail .verdict { color: var(--bad); }
        table { width: 100%; border-collapse: collapse; font-size: 14px; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--soft); font-weight: 600; }
        td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        tr.gain td.num { color: var(--good); font-weight: 600; }
        tr.loss td.num { color: var(--bad); font-weight: 600; }
        tr.rejected td { color: var(--muted); text-decoration: line-through; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; }
        blockquote { margin: 8px 0; padding: 8px 12px; border-left: 4px solid var(--accent); background: var(--soft); }
        blockquote p { margin: 2px 0; white-space: pre-wrap; }
        blockquote .when { font-size: 12px; color: var(--muted); }
        figure { margin: 8px 0 16px; }
        figcaption { font-size: 13px; color: var(--muted); }
        svg { width: 100%; height: auto; display: block; }
        svg text { font: 11px -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--muted); }
        .legend { font-size: 13px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 4px 0 12px; }
        .legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 5px; vertical-align: -1px; border-radius: 2px; background: currentColor; }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        .scroll { overflow-x: auto; }
        .legend .evidence { color: var(--good); } .legend .guessed { color: var(--warn); }
        .legend .declare { color: var(--accent); } .legend .action { color: var(--warn); } .legend .update { color: var(--good); } .legend .command { color: #9aa3b2; } .legend .limits { color: var(--bad); }
        @media (max-width: 600px) {
          h1 { padding-right: 0; font-size: 22px; }
          .score { position: static; text-align: left; margin-top: 8px; }
          th, td { padding: 5px 4px; }
          table.commands td:nth-child(2), table.commands th:nth-child(2) { display: none; }
        }
        @media print {
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          section { break-inside: avoid-page; }
          h2, h3 { break-after: avoid; }
          .scroll { overflow: visible; }
          a { color: inherit; text-decoration: none; }
        }
        """

    // MARK: The timeline chart

    /// The metrics worth drawing: those the page quotes, then those the evidence names.
    static func chartMetrics(_ session: Session) -> [String] {
        var ids: [String] = []
        var rest = Substring(session.scenario.page.title)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            let id = name.hasSuffix(".baseline") ? String(name.dropLast(".baseline".count)) : name
            if !ids.contains(id) { ids.append(id) }
            rest = rest[close.upperBound...]
        }
        for item in session.scenario.truth.evidence where item.ref.hasPrefix("metric:") {
            let id = String(item.ref.dropFirst("metric:".count))
            if !ids.contains(id) { ids.append(id) }
        }
        if ids.count < 2 { ids += ["requests_per_min", "latency_p95_ms"].filter { !ids.contains($0) } }
        return Array(ids.prefix(3))
    }

    static func timeline(_ grade: Grade, session: Session) -> String {
        let start = SimDuration.minutes(-30)
        let last = [session.now, SimDuration.minutes(Int64(grade.limitMinutes.rounded()))].max()!
        let end = last + .minutes(5)
        let width = 720.0, plotLeft = 56.0, plotRight = 708.0, panel = 120.0, top = 14.0
        func x(_ time: SimDuration) -> Double {
            plotLeft + (plotRight - plotLeft) * Double((time - start).milliseconds) / Double((end - start).milliseconds)
        }
        // One point per simulated minute at most: request metrics are bucketed by the minute.
        let buckets = Int(min(120, max(10, (end - start).milliseconds / 60_000)))
        let metrics = chartMetrics(session).compactMap { session.series($0, from: start, to: end, buckets: buckets) }
        let markerSpace = 40.0
        let height = top + Double(metrics.count) * (panel + 18) + markerSpace + 24
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Metrics across the session with the trainee's actions marked\" xmlns=\"http://www.w3.org/2000/svg\">"
        let clock = session.clock
        for (index, series) in metrics.enumerated() {
            let y0 = top + Double(index) * (panel + 18)
            let known = series.values.compactMap { $0 } + [series.baseline].compactMap { $0 }
            var low = known.min() ?? 0, high = known.max() ?? 1
            if low > 0 && low < (high - low) { low = 0 }
            if high - low < 1e-9 { high = low + 1 }
            func y(_ value: Double) -> Double { y0 + panel - (value - low) / (high - low) * (panel - 8) }
            svg += "<rect x=\"\(f(plotLeft))\" y=\"\(f(y0))\" width=\"\(f(plotRight - plotLeft))\" height=\"\(f(panel))\" fill=\"#f8f9fb\" stroke=\"#d8dde6\"/>"
            svg += "<text x=\"\(f(plotLeft + 6))\" y=\"\(f(y0 + 13))\" style=\"fill:#1d2330;font-weight:600\">\(escape(series.title)) (\(escape(series.unit)))</text>"
            svg += "<text x=\"\(f(plotLeft - 6))\" y=\"\(f(y0 + 10))\" text-anchor=\"end\">\(escape(Format.number(high, decimals: series.decimals)))</text>"
            svg += "<text x=\"\(f(plotLeft - 6))\" y=\"\(f(y0 + panel))\" text-anchor=\"end\">\(escape(Format.number(low, decimals: series.decimals)))</text>"
            if let baseline = series.baseline {
                svg += "<line x1=\"\(f(plotLeft))\" x2=\"\(f(plotRight))\" y1=\"\(f(y(baseline)))\" y2=\"\(f(y(baseline)))\" stroke=\"#9aa3b2\" stroke-dasharray=\"4 4\"><title>baseline \(escape(Format.number(baseline, decimals: series.decimals)))</title></line>"
            }
            var path = ""
            for (bucket, value) in series.values.enumerated() {
                guard let value else { continue }
                let time = series.from + SimDuration(milliseconds: series.bucket.milliseconds * Int64(bucket) + series.bucket.milliseconds / 2)
                path += (path.isEmpty ? "M" : " L") + "\(f(x(time))) \(f(y(value)))"
            }
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#2457c5\" stroke-width=\"1.6\"/>"
        }
        let chartBottom = top + Double(metrics.count) * (panel + 18) - 18
        // The page, the target and the limit for naming the surface.
        for (time, label, color) in [(SimDuration.zero, "page", "#b42318"), (SimDuration.minutes(Int64(grade.targetMinutes.rounded())), "target", "#b42318"),
                                     (SimDuration.minutes(Int64(grade.limitMinutes.rounded())), "limit", "#b42318")] {
            svg += "<line x1=\"\(f(x(time)))\" x2=\"\(f(x(time)))\" y1=\"\(f(top))\" y2=\"\(f(chartBottom))\" stroke=\"\(color)\" stroke-dasharray=\"\(label == "page" ? "none" : "3 3")\" opacity=\"0.7\"/>"
            svg += "<text x=\"\(f(x(time) + 3))\" y=\"\(f(chartBottom - 4))\" style=\"fill:\(color)\">\(label)</text>"
        }
        // The trainee's commands along the bottom; declarations, actions and updates marked through the panels.
        let markerY = chartBottom + 12
        for event in grade.timeline {
            let time = SimDuration(milliseconds: Int64(event.minutes * 60_000))
            let kind = markerKind(event)
            let color = ["declare": "#2457c5", "action": "#b5650d", "update": "#1b7f4a", "resolve": "#7a3fb5"][kind] ?? "#9aa3b2"
            let tall = kind != "command"
            svg += "<line x1=\"\(f(x(time)))\" x2=\"\(f(x(time)))\" y1=\"\(f(tall ? top : markerY))\" y2=\"\(f(markerY + 10))\" stroke=\"\(color)\" stroke-width=\"\(tall ? "1.4" : "1")\" opacity=\"\(tall ? "0.85" : "0.6")\"><title>\(escape(event.clock)) \(escape(String(event.text.prefix(120))))</title></line>"
        }
        // Clock labels under the markers.
        let axisY = markerY + 26
        var tick = SimDuration.minutes(-30)
        let step: SimDuration = (end - start) > .minutes(150) ? .minutes(30) : .minutes(15)
        while tick <= end {
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(axisY))\" text-anchor=\"middle\">\(clock.clock(tick))</text>"
            tick += step
        }
        svg += "</svg>"
        let legend = "<div class=\"legend\"><span class=\"declare\">declaration</span><span class=\"action\">action</span><span class=\"update\">status update</span><span class=\"command\">other command</span><span class=\"limits\">page, target, limit</span></div>"
        return "<figure>\(svg)<figcaption>The incident's metrics from 30 minutes before the page to the end of the session, with each command marked where it happened.</figcaption></figure>" + legend
    }

    static func markerKind(_ event: Grade.Event) -> String {
        guard event.kind == "command" else { return "command" }
        let verb = event.text.split(separator: " ").first.map(String.init) ?? ""
        if verb == "declare" { return "declare" }
        if verb == "update" { return "update" }
        if verb == "resolve" { return "resolve" }
        if WorldAction.verbs.contains(verb) { return "action" }
        return "command"
    }

    static func f(_ value: Double) -> String { Format.number(value, decimals: 1) }

    /// Text for HTML: every markup character escaped, so a trainee's update cannot inject
    /// markup, and control characters made visible (`VisibleText`): a bidi override would
    /// reorder the page's text, and a page is read in terminals too.
    public static func escape(_ text: String) -> String {
        let text = VisibleText.of(text, keepingNewlines: true)
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

import Foundation
