import Grading
import Simulation

/// The grade as the terminal shows it when a session ends: the score, each finding with its
/// points, the milestones, and the debrief.
public enum GradeScreen {
    public static func lines(_ grade: Grade, width: Int) -> [Line] {
        var lines: [Line] = [Line.blank]
        let verdict = grade.passed ? "passed" : (grade.failedBy != nil ? "failed (critical action)" : "not passed")
        lines.append(Line([Segment(" Score \(grade.score)/100", .heading), Segment(" · \(verdict) (\(grade.mode.rawValue))", grade.passed ? .good : .bad)]))
        for finding in grade.findings {
            let sign = finding.points > 0 ? "+" : (finding.points < 0 ? "−" : " ")
            let points = "\(sign)\(abs(finding.points))".padded(to: 4, right: true)
            let style: Style = finding.points > 0 ? .good : (finding.points < 0 ? .bad : .dim)
            lines += Line([Segment("  \(points)  ", style), Segment(finding.reason)]).fitted(to: width, hangingIndent: 8)
        }
        lines.append(Line.blank)
        lines.append(Line(" Milestones (minutes after the page)", .heading))
        let m = grade.milestones
        for (label, value) in [("acknowledged", m.acknowledged), ("first update", m.firstUpdate), ("surface named", m.surface),
                               ("impact stopped", m.containment), ("cause removed", m.mitigation)] {
            lines.append(Line("   " + label.padded(to: 16) + (value.map { Format.number($0, decimals: 1) } ?? "—")))
        }
        lines.append(Line.blank)
        lines.append(Line(" Debrief: \(grade.title)", .heading))
        for paragraph in grade.debrief.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n\n") {
            let text = paragraph.replacingOccurrences(of: "\n", with: " ")
            lines += text.wrapped(to: width - 2).map { Line(" " + $0) }
            lines.append(Line.blank)
        }
        if !grade.modelledOn.isEmpty {
            lines.append(Line(" Modelled on:", .dim))
            for source in grade.modelledOn { lines += Line("   - " + source, .dim).fitted(to: width, hangingIndent: 5) }
        }
        return lines.flatMap { $0.fitted(to: width) }
    }
}

import Foundation
