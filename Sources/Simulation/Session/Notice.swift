import ScenarioFormat

/// Something that happened between prompts, as the session records it: when, from whom,
/// what, and how it reads. Drawn into a `Notification` at the screen's width.
struct Notice: Sendable {
    var time: SimDuration
    var from: String
    var text: String
    var style: Style

    /// `── 03:02  Support lead: "…"`, fitted to `width`.
    func notification(clock: ClockFace, width: Int) -> Notification {
        let line = Line([Segment(" ── \(clock.clock(time))  ", .chrome), Segment("\(from): ", .bold), Segment(text, style)])
        return Notification(time: time, from: from, text: text, lines: line.fitted(to: width))
    }
}
