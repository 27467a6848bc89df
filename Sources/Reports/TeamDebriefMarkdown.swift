import Foundation
import Simulation

/// The team debrief for a wiki: a summary table, a section per scenario (with its real title
/// and id next to the codename players saw, and a text histogram of time to surface), a table
/// per surface, and the lessons across the game day. Player names never appear.
public enum TeamDebriefMarkdown {
    public static func render(_ debrief: TeamDebrief, generatedAt: String) -> String {
        let gameday = debrief.gameday
        var out = "# Game day debrief: \(escape(gameday.name))\n\n"
        out += "Generated \(escape(generatedAt)) · seed \(gameday.seed) · \(Format.count(debrief.players, "player")) · "
        out += "\(Format.count(gameday.scenarios.count, "scenario")) · game day \(gameday.state.rawValue)\n\n"
        out += "Medians are lower medians (the middle value, or the lower of the middle two); p90 is by nearest rank. "
        out += "Times are simulated minutes from the page to the first correct declaration never retracted.\n\n"

        out += "## Summary\n\n"
        out += "| Scenario | Surface | Started | Finished | With evidence | Guessed | Never found | Median min | p90 min | Mean score | Pass rate |\n"
        out += "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for s in debrief.scenarios {
            let t = s.timeToSurface
            out += "| \(name(s)) | \(escape(s.surface.isEmpty ? "—" : s.surface)) | \(s.started) | \(s.finished) | \(s.foundWithEvidence) | \(s.guessed) | \(s.neverFound) | "
            out += "\(t.map { minutes($0.medianMinutes) } ?? "—") | \(t.map { minutes($0.p90Minutes) } ?? "—") | "
            out += "\(s.meanScore.map { Format.number($0, decimals: 1) } ?? "—") | \(s.passRate.map(percent) ?? "—") |\n"
        }

        for s in debrief.scenarios {
            out += "\n## \(escapeHeading(s.codename.isEmpty ? s.id : s.codename))"
            if !s.title.isEmpty { out += ": \(escapeHeading(s.title))" }
            out += "\n\n"
            out += "Scenario `\(escapeCode(s.id))`, surface **\(escape(s.surface.isEmpty ? "unknown" : s.surface))**. "
            out += "\(s.started) started, \(s.finished) finished"
            if let mean = s.meanScore, let median = s.medianScore, let rate = s.passRate {
                out += "; mean score \(Format.number(mean, decimals: 1)), median \(median), \(s.passed) of \(s.finished) passed (\(percent(rate)))"
            }
            out += ".\n\n"
            guard s.finished > 0 else {
                out += "Nobody has finished this scenario yet.\n"
                continue
            }
            out += "Found the surface with evidence: \(s.foundWithEvidence); guessed: \(s.guessed); never found: \(s.neverFound).\n\n"
            if let t = s.timeToSurface {
                out += "Time to surface (simulated minutes, \(t.count) found): min \(minutes(t.minimumMinutes)), median \(minutes(t.medianMinutes)), "
                out += "p90 \(minutes(t.p90Minutes)), max \(minutes(t.maximumMinutes)).\n\n"
                out += "```\n" + histogram(t).joined(separator: "\n") + "\n```\n\n"
            }
            out += "**Wrong surfaces declared:** "
            out += s.wrongSurfaces.isEmpty ? "none.\n\n" : s.wrongSurfaces.map { "\(escape($0.name)) (\(players($0.players)), \(times($0.times)))" }.joined(separator: ", ") + ".\n\n"
            if s.harmful.isEmpty {
                out += "**Harmful actions:** none.\n\n"
            } else {
                out += "**Harmful actions:**\n\n| Players | Times | What happened |\n| ---: | ---: | --- |\n"
                for tally in s.harmful {
                    let row: String = "| \(tally.players) | \(tally.times) | " + MarkdownReport.escape(tally.name) + " |\n"
                    out += row
                }
                out += "\n"
            }
            out += lessonsTable(s.lessons, empty: "**Lessons to revisit:** none.\n", heading: "**Lessons to revisit:**\n\n")
        }

        out += "\n## By surface\n\n"
        if debrief.surfaces.isEmpty {
            out += "No scenario has been started yet.\n"
        } else {
            out += "| Surface | Scenarios | Players | Finished | Found | With evidence | Share with evidence | Median min |\n"
            out += "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
            for s in debrief.surfaces {
                out += "| \(escape(s.surface)) | \(s.scenarios.map { "`\(escapeCode($0))`" }.joined(separator: ", ")) | \(s.players) | \(s.finished) | \(s.found) | "
                out += "\(s.foundWithEvidence) | \(s.foundWithEvidenceShare.map(percent) ?? "—") | \(s.medianTimeToSurfaceSeconds.map { minutes(Double($0) / 60) } ?? "—") |\n"
            }
        }
        out += "\n## Lessons across the game day\n\n"
        out += lessonsTable(debrief.lessons, empty: "Every player earned every part.\n", heading: "")
        return out
    }

    static func lessonsTable(_ lessons: [TeamDebrief.Lesson], empty: String, heading: String) -> String {
        guard !lessons.isEmpty else { return empty }
        var out = heading + "| Part | Players who missed it | Penalty points | For example |\n| --- | ---: | ---: | --- |\n"
        for lesson in lessons { out += "| \(escape(lesson.part)) | \(lesson.players) | \(lesson.pointsLost) | \(MarkdownReport.escape(lesson.reason)) |\n" }
        return out
    }

    /// One bar per bucket, scaled to at most 30 blocks, with the count after it.
    static func histogram(_ t: TeamDebrief.Distribution) -> [String] {
        let peak = max(1, t.buckets.map(\.count).max() ?? 1)
        let labels = t.buckets.map { "\($0.fromMinutes)–\($0.toMinutes) min" }
        let labelWidth = labels.map(\.count).max() ?? 0
        return zip(labels, t.buckets).map { label, bucket in
            let bar = bucket.count == 0 ? "" : String(repeating: "█", count: max(1, bucket.count * 30 / peak))
            return "\(label.padded(to: labelWidth))  \(bar)\(bar.isEmpty ? "" : " ")\(bucket.count)"
        }
    }

    static func name(_ s: TeamDebrief.ScenarioSummary) -> String {
        s.codename.isEmpty ? "`\(escapeCode(s.id))`" : "\(escape(s.codename)) (`\(escapeCode(s.id))`)"
    }

    static func minutes(_ value: Double) -> String { Format.number(value, decimals: 1) }
    static func percent(_ share: Double) -> String { Format.number(share * 100, decimals: 0) + "%" }
    static func players(_ n: Int) -> String { Format.count(n, "player") }
    static func times(_ n: Int) -> String { n == 1 ? "once" : "\(n) times" }

    /// Names and text from the store (game day, codenames, titles, surfaces), verbatim: no
    /// raw HTML, link, emphasis or structure of their own, controls made visible.
    static func escape(_ text: String) -> String { MarkdownText.literal(text) }

    static func escapeHeading(_ text: String) -> String { MarkdownText.literal(text) }
    static func escapeCode(_ text: String) -> String { MarkdownText.code(text) }
}
