import Simulation

/// The team debrief as one self-contained HTML page, in the house style of `HTMLReport`: per
/// scenario an SVG of every finished player's time to surface (one dot each, green found with
/// evidence, amber guessed, median and p90 marked), then the same tables as the Markdown.
/// No player names: the debrief is for the team.
public enum TeamDebriefHTML {
    public static func render(_ debrief: TeamDebrief, generatedAt: String) -> String {
        let gameday = debrief.gameday
        let e = HTMLReport.escape
        var body = "<header><p class=\"kicker\">Nightshift · game day debrief · seed \(gameday.seed)</p>"
        body += "<h1>\(e(gameday.name))</h1>"
        body += "<p class=\"meta\">Generated \(e(generatedAt)) · \(Format.count(debrief.players, "player")) · \(Format.count(gameday.scenarios.count, "scenario")) · game day \(gameday.state.rawValue)</p>"
        body += "</header>"

        // Short headings and the codename alone (the id is in each section) so eleven columns fit a laptop.
        body += "<section><h2>Summary</h2><div class=\"scroll\"><table class=\"summary\"><thead><tr><th>Scenario</th><th>Surface</th><th class=\"num\">Started</th><th class=\"num\">Finished</th>"
        body += "<th class=\"num\">Evidence</th><th class=\"num\">Guessed</th><th class=\"num\">Never</th><th class=\"num\">Median</th><th class=\"num\">p90</th>"
        body += "<th class=\"num\">Mean</th><th class=\"num\">Pass</th></tr></thead><tbody>"
        for s in debrief.scenarios {
            let t = s.timeToSurface
            body += "<tr><td>\(e(s.codename.isEmpty ? s.id : s.codename))</td><td>\(e(s.surface.isEmpty ? "—" : s.surface))</td><td class=\"num\">\(s.started)</td><td class=\"num\">\(s.finished)</td>"
            body += "<td class=\"num\">\(s.foundWithEvidence)</td><td class=\"num\">\(s.guessed)</td><td class=\"num\">\(s.neverFound)</td>"
            body += "<td class=\"num\">\(t.map { minutes($0.medianMinutes) } ?? "—")</td><td class=\"num\">\(t.map { minutes($0.p90Minutes) } ?? "—")</td>"
            body += "<td class=\"num\">\(s.meanScore.map { Format.number($0, decimals: 1) } ?? "—")</td><td class=\"num\">\(s.passRate.map(percent) ?? "—")</td></tr>"
        }
        body += "</tbody></table></div>"
        body += "<p class=\"note\">Evidence, guessed, never: finished players who found the surface with its evidence on screen, by a guess, or not at all. "
        body += "Median and p90: time to surface in simulated minutes. Mean: score. Pass: share of finished players who passed. "
        body += "Medians are lower medians (the middle value, or the lower of the middle two); p90 is by nearest rank. "
        body += "Times are simulated minutes from the page to the first correct declaration never retracted.</p></section>"

        for s in debrief.scenarios {
            body += "<section class=\"scenario\"><h2>\(e(s.codename.isEmpty ? s.id : s.codename))\(s.title.isEmpty ? "" : ": " + e(s.title))</h2>"
            body += "<p class=\"meta\">Scenario <code>\(e(s.id))</code> · surface <strong>\(e(s.surface.isEmpty ? "unknown" : s.surface))</strong> · \(s.started) started, \(s.finished) finished"
            if let mean = s.meanScore, let median = s.medianScore, let rate = s.passRate {
                body += " · mean score \(Format.number(mean, decimals: 1)), median \(median), \(s.passed) of \(s.finished) passed (\(percent(rate)))"
            }
            body += "</p>"
            guard s.finished > 0 else {
                body += "<p class=\"note\">Nobody has finished this scenario yet.</p></section>"
                continue
            }
            if let t = s.timeToSurface {
                body += chart(t, neverFound: s.neverFound)
            } else {
                body += "<p class=\"note\">Nobody named the surface: \(s.neverFound) never found it.</p>"
            }
            body += "<h3>Wrong surfaces declared</h3>"
            body += tallyTable(s.wrongSurfaces, heading: "Surface", empty: "None.")
            body += "<h3>Harmful actions</h3>"
            body += tallyTable(s.harmful, heading: "What happened", empty: "None.")
            body += "<h3>Lessons to revisit</h3>"
            body += lessonsTable(s.lessons, empty: "None.")
            body += "</section>"
        }

        body += "<section><h2>By surface</h2>"
        if debrief.surfaces.isEmpty {
            body += "<p class=\"note\">No scenario has been started yet.</p>"
        } else {
            body += "<div class=\"scroll\"><table><thead><tr><th>Surface</th><th>Scenarios</th><th class=\"num\">Players</th><th class=\"num\">Finished</th><th class=\"num\">Found</th>"
            body += "<th class=\"num\">With evidence</th><th class=\"num\">Share with evidence</th><th class=\"num\">Median min</th></tr></thead><tbody>"
            for s in debrief.surfaces {
                body += "<tr><td>\(e(s.surface))</td><td>\(s.scenarios.map { "<code>\(e($0))</code>" }.joined(separator: ", "))</td><td class=\"num\">\(s.players)</td>"
                body += "<td class=\"num\">\(s.finished)</td><td class=\"num\">\(s.found)</td><td class=\"num\">\(s.foundWithEvidence)</td>"
                body += "<td class=\"num\">\(s.foundWithEvidenceShare.map(percent) ?? "—")</td><td class=\"num\">\(s.medianTimeToSurfaceSeconds.map { minutes(Double($0) / 60) } ?? "—")</td></tr>"
            }
            body += "</tbody></table></div>"
        }
        body += "</section>"
        body += "<section><h2>Lessons across the game day</h2>" + lessonsTable(debrief.lessons, empty: "Every player earned every part.") + "</section>"
        return HTMLReport.page(title: "Nightshift game day debrief: \(gameday.name)", body: body)
    }

    // MARK: The distribution chart

    /// One dot per player who named the surface, at their time; dots that would overlap stack upward.
    static func chart(_ t: TeamDebrief.Distribution, neverFound: Int) -> String {
        let width = 720.0, left = 24.0, right = 700.0, dot = 6.0, rowHeight = 2 * dot + 2
        let axisMinutes = max(1, t.buckets.last?.toMinutes ?? 1)
        func x(_ seconds: Int) -> Double { left + (right - left) * Double(seconds) / Double(axisMinutes * 60) }
        // Greedy stacking in the distribution's order (ascending), so the layout depends only on the data.
        var rows: [Double] = []   // the rightmost dot's x in each row
        var placed: [(x: Double, row: Int, found: TeamDebrief.Found)] = []
        for found in t.found {
            let px = x(found.seconds)
            let row = rows.firstIndex { px - $0 >= 2 * dot } ?? rows.count
            if row == rows.count { rows.append(px) } else { rows[row] = px }
            placed.append((px, row, found))
        }
        let top = 22.0, plotHeight = max(3, Double(rows.count)) * rowHeight + 8
        let baseline = top + plotHeight, height = baseline + 30
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Time to surface of each player who found it\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(right - left))\" height=\"\(f(plotHeight))\" fill=\"#f8f9fb\" stroke=\"#d8dde6\"/>"
        // When the median and p90 coincide, one line and one label, so the labels do not overprint.
        let marks = t.p90Seconds == t.medianSeconds ? [(t.medianSeconds, "median = p90")] : [(t.medianSeconds, "median"), (t.p90Seconds, "p90")]
        for (seconds, label) in marks {
            let px = x(seconds)
            svg += "<line x1=\"\(f(px))\" x2=\"\(f(px))\" y1=\"\(f(top - 4))\" y2=\"\(f(baseline))\" stroke=\"#2457c5\" stroke-dasharray=\"\(label == "p90" ? "4 3" : "none")\"/>"
            // Near the right edge the label reads leftward so it stays inside the picture.
            let anchor = px > right - 100 ? "text-anchor=\"end\" x=\"\(f(px - 3))\"" : "x=\"\(f(px + 3))\""
            svg += "<text \(anchor) y=\"\(f(top - 8))\" style=\"fill:#2457c5\">\(label) \(minutes(Double(seconds) / 60))</text>"
        }
        for item in placed {
            let cy = baseline - dot - 2 - Double(item.row) * rowHeight
            let color = item.found.withEvidence ? "#1b7f4a" : "#b5650d"
            svg += "<circle cx=\"\(f(item.x))\" cy=\"\(f(cy))\" r=\"\(f(dot))\" fill=\"\(color)\" opacity=\"0.85\">"
            svg += "<title>\(minutes(Double(item.found.seconds) / 60)) min, \(item.found.withEvidence ? "with evidence" : "guessed")</title></circle>"
        }
        let step = t.bucketMinutes
        var tick = 0
        while tick <= axisMinutes {
            let px = left + (right - left) * Double(tick) / Double(axisMinutes)
            svg += "<line x1=\"\(f(px))\" x2=\"\(f(px))\" y1=\"\(f(baseline))\" y2=\"\(f(baseline + 4))\" stroke=\"#9aa3b2\"/>"
            svg += "<text x=\"\(f(px))\" y=\"\(f(baseline + 16))\" text-anchor=\"middle\">\(tick)</text>"
            tick += step
        }
        svg += "<text x=\"\(f(right))\" y=\"\(f(baseline + 28))\" text-anchor=\"end\">simulated minutes after the page</text>"
        svg += "</svg>"
        var caption = "Time to surface of the \(Format.count(t.count, "player")) who named it: min \(minutes(t.minimumMinutes)), median \(minutes(t.medianMinutes)), "
        caption += "p90 \(minutes(t.p90Minutes)), max \(minutes(t.maximumMinutes)) minutes."
        if neverFound > 0 { caption += " \(neverFound) never found it and \(neverFound == 1 ? "is" : "are") not drawn." }
        let legend = "<div class=\"legend\"><span class=\"evidence\">found with evidence</span><span class=\"guessed\">guessed</span><span class=\"declare\">median and p90</span></div>"
        return "<figure>\(svg)<figcaption>\(HTMLReport.escape(caption))</figcaption></figure>" + legend
    }

    // MARK: Tables

    static func tallyTable(_ tallies: [TeamDebrief.Tally], heading: String, empty: String) -> String {
        guard !tallies.isEmpty else { return "<p class=\"note\">\(empty)</p>" }
        var out = "<table><thead><tr><th>\(heading)</th><th class=\"num\">Players</th><th class=\"num\">Times</th></tr></thead><tbody>"
        for tally in tallies { out += "<tr><td>\(HTMLReport.escape(tally.name))</td><td class=\"num\">\(tally.players)</td><td class=\"num\">\(tally.times)</td></tr>" }
        return out + "</tbody></table>"
    }

    static func lessonsTable(_ lessons: [TeamDebrief.Lesson], empty: String) -> String {
        guard !lessons.isEmpty else { return "<p class=\"note\">\(empty)</p>" }
        var out = "<table><thead><tr><th>Part</th><th class=\"num\">Players who missed it</th><th class=\"num\">Penalty points</th><th>For example</th></tr></thead><tbody>"
        for lesson in lessons {
            out += "<tr class=\"loss\"><td>\(HTMLReport.escape(lesson.part))</td><td class=\"num\">\(lesson.players)</td><td class=\"num\">\(lesson.pointsLost > 0 ? "−\(lesson.pointsLost)" : "0")</td><td>\(HTMLReport.escape(lesson.reason))</td></tr>"
        }
        return out + "</tbody></table>"
    }

    static func minutes(_ value: Double) -> String { Format.number(value, decimals: 1) }
    static func percent(_ share: Double) -> String { Format.number(share * 100, decimals: 0) + "%" }
    static func f(_ value: Double) -> String { Format.number(value, decimals: 1) }
}
