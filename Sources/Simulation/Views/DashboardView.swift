import ScenarioFormat

/// A dashboard drawn in text as Grafana draws it: a sparkline per panel over the window, the
/// value now and its baseline, where a sustained change began, and the code deploys.
struct DashboardView {
    let session: Session
    let dashboard: Pack.Dashboard
    let span: SimDuration

    var scenario: Scenario { session.scenario }
    var pack: Pack { session.pack }
    var clock: ClockFace { session.clock }
    var now: SimDuration { session.now }

    /// `dash` alone: the dashboards there are.
    static func list(pack: Pack, width: Int) -> Drawn {
        var lines = [Line(" Dashboards · `dash NAME` to open one", .heading)]
        let idWidth = pack.dashboards.map(\.id.displayWidth).max() ?? 10
        for dashboard in pack.dashboards {
            lines.append(Line([Segment("   " + dashboard.id.padded(to: idWidth) + "  ", .accent), Segment(dashboard.about.truncated(to: max(10, width - idWidth - 6)))]))
        }
        return Drawn(lines)
    }

    func draw(width: Int) -> Drawn {
        let units = dashboard.panels.compactMap { scenario.metric($0.metric, pack: pack)?.unit.displayWidth }.max() ?? 4
        let layout = DashLayout(width: width, longestLabel: dashboard.panels.map { panelLabel($0).displayWidth }.max() ?? 14, longestUnit: units)
        let labelWidth = layout.label, sparkWidth = layout.spark
        let engine = MetricEngine(model: session.model, world: session.world)
        let panels = dashboard.panels.compactMap { panel -> (MetricSpec, String?, Int)? in
            scenario.metric(panel.metric, pack: pack).map { ($0, panel.by, panel.top) }
        }
        let windows = engine.windows(panels, from: now - span, to: now, buckets: sparkWidth)
        var lines = [Line([Segment(" \(dashboard.title)", .heading), Segment(" · last \(span) · now \(clock.clock(now)) UTC", .dim)])]
        lines.append(Line(" " + String(repeating: " ", count: labelWidth + 2) + "".padded(to: sparkWidth) + "      now" + (layout.baseline ? "    baseline" : ""), .dim))
        var evidence: [EvidenceID] = []
        for window in windows {
            evidence.append(EvidenceID.metric(window.spec.id))
            lines.append(row(window, layout: layout))
            if let change = window.changeStart {
                let time = window.from + SimDuration(milliseconds: window.bucket.milliseconds * Int64(change))
                let pad = String(repeating: " ", count: 1 + labelWidth + 2 + change)
                lines.append(Line([Segment(pad + "↑ ", .accent), Segment("\(clock.clock(time))  change starts here", .accent)]))
            }
        }
        if dashboard.annotations { lines += deployAnnotations(from: now - span, width: width, sparkWidth: sparkWidth, labelWidth: labelWidth) }
        lines.append(TimeAxis.line(clock: clock, from: windows.first?.from ?? now - span, to: now, labelWidth: labelWidth, sparkWidth: sparkWidth))
        return Drawn(lines, evidence: evidence)
    }

    /// A panel's label as wide as it will be: breakdowns name their widest value.
    private func panelLabel(_ panel: Pack.Dashboard.Panel) -> String {
        let title = scenario.metric(panel.metric, pack: pack)?.title ?? panel.metric
        guard let by = panel.by else { return title }
        let values: [String]
        switch by {
        case "key": values = scenario.world.keys.map(\.id)
        case "tenant": values = scenario.world.tenants.map(\.id)
        case "region": values = scenario.world.regions
        default: values = ["…"]
        }
        return "\(title) · \(by)=" + (values.max { $0.displayWidth < $1.displayWidth } ?? "…")
    }

    private func row(_ window: MetricWindow, layout: DashLayout) -> Line {
        let labelWidth = layout.label, sparkWidth = layout.spark
        let known = window.values.compactMap { $0 }
        let range = Chart.range(known, including: [window.baseline].compactMap { $0 })
        let spark = Chart.sparkline(window.values, range: range)
        let decimals = window.spec.decimals
        let current = window.current.map { Format.number($0, decimals: decimals) } ?? "–"
        let baseline = window.baseline.map { "(" + Format.number($0, decimals: decimals) + ")" } ?? ""
        var segments = [Segment(" " + window.label.truncated(to: labelWidth).padded(to: labelWidth) + "  "), Segment(spark.padded(to: sparkWidth), .spark),
                        Segment(current.padded(to: 9, right: true), .bold)]
        guard layout.baseline else { return Line(segments) }
        segments.append(Segment(" " + baseline.padded(to: 10, right: true), .dim))
        guard layout.ratio else { return Line(segments) }
        if let now = window.current, let base = window.baseline, abs(base) > 1e-9 {
            let ratio = now / base
            if ratio >= 1.5 || ratio <= 0.67 {
                let worse = (ratio > 1) == window.spec.higherIsWorse
                segments.append(Segment("  " + (ratio > 1 ? "▲ " : "▼ ") + Format.number(ratio, decimals: 1) + "×", worse ? .bad : .good))
            }
        } else if let now = window.current, let base = window.baseline, abs(base) <= 1e-9, abs(now) > 1e-9 {
            segments.append(Segment("  ▲ new", window.spec.higherIsWorse ? .bad : .good))
        }
        segments.append(Segment(" " + window.spec.unit, .dim))
        return Line(segments)
    }

    /// Code deploys in the window, marked where they happened, as a real dashboard annotates them.
    private func deployAnnotations(from: SimDuration, width: Int, sparkWidth: Int, labelWidth: Int) -> [Line] {
        let recent = scenario.world.deploys.filter { $0.at >= now - .hours(72) && $0.at <= now }
        let inWindow = recent.filter { $0.at >= from }
        var lines: [Line] = []
        if !inWindow.isEmpty {
            var marks = Array(repeating: Character("─"), count: sparkWidth)
            for deploy in inWindow {
                let position = Int(Double((deploy.at - from).milliseconds) / Double((now - from).milliseconds) * Double(sparkWidth - 1))
                marks[max(0, min(sparkWidth - 1, position))] = "▼"
            }
            lines.append(Line([Segment(" " + "deploys".padded(to: labelWidth) + "  ", .dim), Segment(String(marks), .accent)]))
        }
        if recent.isEmpty {
            lines.append(Line(" " + "deploys".padded(to: labelWidth) + "  no code deploys in the last 72h", .dim))
        } else {
            let text = recent.sorted { $0.at > $1.at }.map { "\($0.id) \($0.service) \(clock.date($0.at, now: now))" }.joined(separator: " · ")
            lines.append(Line(" " + "".padded(to: labelWidth) + "  " + text.truncated(to: max(10, width - labelWidth - 4)), .dim))
        }
        return lines
    }

}
