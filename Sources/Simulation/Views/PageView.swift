import ScenarioFormat

/// The page as it fired: severity, service, its title with the numbers it fired with.
struct PageView {
    let session: Session

    /// A rule as wide as the screen (at most 120 columns).
    static func rule(width: Int) -> Line { Line(" " + String(repeating: "─", count: max(10, min(width, 120) - 2)), .chrome) }

    func banner(width: Int) -> [Line] {
        let page = session.scenario.page
        let left = " PAGE  \(page.severity)  \(page.service)"
        let right = session.clock.clock(.zero) + " UTC"
        let gap = max(2, min(width, 120) - left.displayWidth - right.displayWidth)
        var lines = [Self.rule(width: width), Line([Segment(" PAGE ", .page), Segment(" \(page.severity)  \(page.service)", .bold), Segment(String(repeating: " ", count: gap)), Segment(right, .dim)])]
        for (index, text) in session.firedTitle.wrapped(to: max(20, min(width, 120) - 2)).enumerated() {
            lines.append(Line(" " + text, index == 0 ? .bold : .plain))
        }
        lines.append(Line(" Triggered by: \(page.trigger)  ·  On call: \(page.owner)", .dim))
        if session.settings.mode != .onboarding { lines.append(Line(" Scenario: \(session.scenario.codename)", .dim)) }
        lines.append(Self.rule(width: width))
        return lines
    }

    /// The opening screen: the page, and how to start.
    func opening(width: Int) -> [Line] {
        var lines = banner(width: width)
        let settings = session.settings
        let teaching = settings.allowsTeaching ? "Type `help` for commands, `learn` for the AI on-call primer." : "Type `help` for commands. No hints or primer in certification."
        lines.append(Line(" " + teaching + " " + (settings.wallScale > 0 ? "The clock is running." : "The clock moves as you work."), .dim))
        return lines
    }
}
