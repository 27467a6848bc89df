import ScenarioFormat

/// `logs SERVICE`: the last 30 matching lines of a service in the window, oldest first:
/// the requests' own log lines and the scenario's scripted ones.
struct LogsView {
    let session: Session
    let service: String
    /// Lowercased.
    let grep: String?
    let span: SimDuration

    func draw(width: Int) -> Drawn {
        let (model, world, clock, now, scenario) = (session.model, session.world, session.clock, session.now, session.scenario)
        var entries: [(time: SimDuration, level: String, text: String, id: String)] = []
        func keep(_ text: String) -> Bool { grep.map { text.lowercased().contains($0) } ?? true }
        // Request logs: newest first, enough to fill the screen.
        model.forEachNewestFirst(from: now - span, to: now, world: world) { request in
            for line in model.logLines(of: request, world: world) where line.service == service && keep(line.text) {
                entries.append((request.time, line.level, line.text, line.id))
            }
            return entries.count < 400
        }
        for log in scenario.logs where log.service == service && keep(log.text) {
            var times: [SimDuration] = []
            if let at = log.at { times = [at] } else if let every = log.every {
                var time = max(log.from, now - span)
                let phase = (time - log.from).milliseconds % every.milliseconds
                if phase != 0 { time += SimDuration(milliseconds: every.milliseconds - phase) }
                while time <= now, times.count < 500 { times.append(time); time += every }
            }
            for time in times where time >= now - span && time <= now && (log.until.map { time <= $0 } ?? true) {
                if let when = log.when, !Predicate.compile(when, table: world.table, classes: []).holds(world: world, at: time) { continue }
                entries.append((time, log.level, log.text, log.id))
            }
        }
        entries.sort { ($0.time, $0.id, $0.text) < ($1.time, $1.id, $1.text) }
        let shown = entries.suffix(30)
        guard !shown.isEmpty else {
            return Drawn([Line(" No log lines from \(service) in the last \(span)" + (grep.map { " matching “\($0)”" } ?? "") + ".", .dim)])
        }
        var lines: [Line] = []
        for entry in shown {
            let style: Style = entry.level == "ERROR" ? .bad : (entry.level == "WARN" ? .warning : .plain)
            let head = " \(clock.clockSeconds(entry.time)) \(entry.level.padded(to: 5)) "
            let wrapped = entry.text.wrapped(to: max(20, width - head.displayWidth))
            lines.append(Line([Segment(head, .dim), Segment(wrapped.first ?? "", style)]))
            for more in wrapped.dropFirst() { lines.append(Line([Segment(String(repeating: " ", count: head.displayWidth)), Segment(more, style)])) }
        }
        lines.append(Line(" \(shown.count) of \(entries.count) line\(entries.count == 1 ? "" : "s") from \(service), last \(span), oldest first.", .dim))
        return Drawn(lines, evidence: shown.map { EvidenceID.log($0.id) })
    }
}
