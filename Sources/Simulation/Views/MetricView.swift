import ScenarioFormat

/// `metric`: one series as an eight-row chart with now, baseline, min, max and mean.
struct MetricView {
    let session: Session
    let spec: MetricSpec
    let span: SimDuration

    /// Nil when the series has no data at all.
    func draw(width: Int) -> Drawn? {
        let (clock, now) = (session.clock, session.now)
        let columns = max(20, min(96, width - 12))
        guard let window = MetricEngine(model: session.model, world: session.world).windows([(spec, nil, 0)], from: now - span, to: now, buckets: columns).first else {
            return nil
        }
        let known = window.values.compactMap { $0 }
        let range = Chart.range(known, including: [window.baseline].compactMap { $0 })
        let height = 8
        let rows = Chart.columns(window.values, height: height, range: range)
        var lines = [Line([Segment(" \(spec.id)", .heading), Segment(" — \(spec.title) (\(spec.unit)) · last \(span) · now \(clock.clock(now)) UTC", .dim)])]
        for (index, row) in rows.enumerated() {
            let level = range.high - (range.high - range.low) * Double(index) / Double(height)
            let label = index % 2 == 0 ? Format.number(level, decimals: spec.decimals) : ""
            lines.append(Line([Segment(" " + label.padded(to: 8, right: true) + " ┤", .dim), Segment(row, .spark)]))
        }
        lines.append(Line(" " + String(repeating: " ", count: 9) + "└" + String(repeating: "─", count: columns), .dim))
        lines.append(TimeAxis.line(clock: clock, from: window.from, to: now, labelWidth: 8, sparkWidth: columns))
        let d = spec.decimals
        var summary = " now " + (window.current.map { Format.number($0, decimals: d) } ?? "–") + " \(spec.unit)"
        if let baseline = window.baseline { summary += "   baseline " + Format.number(baseline, decimals: d) }
        if let low = known.min(), let high = known.max() {
            summary += "   min " + Format.number(low, decimals: d) + "   max " + Format.number(high, decimals: d)
            summary += "   mean " + Format.number(known.reduce(0, +) / Double(known.count), decimals: d)
        }
        lines.append(Line(summary))
        if let change = window.changeStart {
            let time = window.from + SimDuration(milliseconds: window.bucket.milliseconds * Int64(change))
            lines.append(Line(" change starts \(clock.clock(time)) (\((now - time).spoken) ago)", .accent))
        }
        if case .requests = spec.source {
            lines.append(Line(" From request traces: `traces` lists the requests behind it.", .dim))
        }
        return Drawn(lines, evidence: [EvidenceID.metric(spec.id)])
    }
}
