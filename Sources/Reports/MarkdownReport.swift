import Grading
import Simulation

/// A session report for a wiki: the score, each finding, the milestones, the status
/// updates verbatim for a human reviewer, the timeline of commands, and the debrief.
public enum MarkdownReport {
    public static func render(_ grade: Grade, player: String? = nil) -> String {
        var out = "# Nightshift report: \(MarkdownText.literal(grade.title))\n\n"
        let verdict = grade.passed ? "**passed**" : (grade.failedBy.map { "**failed** (critical action: `\(escapeCode($0))`)" } ?? "**not passed**")
        out += "| | |\n| --- | --- |\n"
        out += "| Scenario | `\(escapeCode(grade.scenario))` (\(MarkdownText.literal(grade.codename))), seed \(grade.seed) |\n"
        if let player { out += "| Player | \(MarkdownText.literal(player)) |\n" }
        out += "| Mode | \(MarkdownText.literal(grade.mode.rawValue)), rubric \(MarkdownText.literal(grade.rubricVersion)) |\n"
        out += "| Score | **\(grade.score)/100**, \(verdict) |\n"
        out += "| Failing surface | \(MarkdownText.literal(grade.surface)); declared: \(MarkdownText.literal(grade.declared ?? "nothing")) |\n\n"

        out += "## Findings\n\n| Points | Why |\n| ---: | --- |\n"
        for finding in grade.findings {
            out += "| \(finding.points > 0 ? "+" : "")\(finding.points) | \(escape(finding.reason)) |\n"
        }
        out += "\n## Milestones\n\nMinutes after the page (target for the surface \(minutes(grade.targetMinutes)), limit \(minutes(grade.limitMinutes))).\n\n"
        out += "| Milestone | Minutes |\n| --- | ---: |\n"
        let m = grade.milestones
        for (label, value) in [("Time to acknowledge", m.acknowledged), ("Time to first update", m.firstUpdate), ("Time to surface", m.surface),
                               ("Time to containment", m.containment), ("Time to mitigation", m.mitigation)] {
            out += "| \(label) | \(value.map(minutes) ?? "—") |\n"
        }
        let impact = grade.impactUntilContainment
        out += "\n## Impact until containment\n\n"
        out += "\(impact.badAnswers) bad answers, \(impact.failedRequests) failed requests, \(impact.conversationsDropped) conversations dropped, "
        out += "about \(impact.usersAffected) users affected, \(Format.dollars(impact.dollars)) spent beyond normal. "
        out += "Until the fix, \(impact.untilFix) requests were harmed (counting whole dollars as requests); doing nothing until the limit would have harmed \(impact.doNothingReference).\n"

        out += "\n## Status updates\n\n"
        if grade.updates.isEmpty { out += "None posted.\n" }
        for update in grade.updates {
            out += "- **\(MarkdownText.literal(update.clock))** (+\(minutes(update.minutes)) min)\n\n"
                + update.text.split(separator: "\n").map { "  > \(MarkdownText.literal(String($0)))" }.joined(separator: "\n") + "\n"
        }
        out += "\n## Timeline\n\n| Time | +min | Command |\n| --- | ---: | --- |\n"
        for event in grade.timeline {
            let text = event.kind == "rejected" ? "`\(escapeCode(event.text))` (not run)" : "`\(escapeCode(event.text))`"
            out += "| \(MarkdownText.literal(event.clock)) | \(minutes(event.minutes)) | \(event.kind == "inject" ? MarkdownText.literal(event.text) : text) |\n"
        }
        out += "\n## Debrief\n\n" + MarkdownText.authored(grade.debrief.trimmingCharacters(in: .whitespacesAndNewlines)) + "\n"
        if !grade.modelledOn.isEmpty {
            out += "\n**Modelled on:**\n\n" + grade.modelledOn.map { "- \(escape($0))" }.joined(separator: "\n") + "\n"
        }
        return out
    }

    static func minutes(_ value: Double) -> String { Format.number(value, decimals: 1) }

    /// Table cells and list items of sentences written for people (a grade's reasons, which
    /// quote names in code spans; the certificate uses it too): one line, no raw HTML, no
    /// link, no pipe ending the cell, controls made visible (see `MarkdownText`).
    static func escape(_ text: String) -> String { MarkdownText.authoredLine(text) }

    /// A command line in a code span, cut to 300 characters.
    static func escapeCode(_ text: String) -> String { MarkdownText.code(String(text.prefix(300))) }
}

import Foundation
