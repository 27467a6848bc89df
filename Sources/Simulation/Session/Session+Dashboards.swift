import ScenarioFormat

/// `dash` and `metric`: Grafana-like panels drawn in text.
extension Session {
    func dash(_ args: [String]) -> Output {
        let parsed: (positional: [String], flags: [(String, String)])
        switch parseFlags(args, allowed: ["--window"]) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): parsed = value
        }
        guard let name = parsed.positional.first else {
            guard parsed.flags.isEmpty else { return .error("Usage: dash NAME [--window 6h]; `dash` alone lists dashboards.") }
            var lines = [Line(" Dashboards · `dash NAME` to open one", .heading)]
            let idWidth = pack.dashboards.map(\.id.displayWidth).max() ?? 10
            for dashboard in pack.dashboards {
                lines.append(Line([Segment("   " + dashboard.id.padded(to: idWidth) + "  ", .accent), Segment(dashboard.about.truncated(to: max(10, width - idWidth - 6)))]))
            }
            return .message(lines, cost: "dash.list")
        }
        guard parsed.positional.count == 1 else { return .error("Usage: dash NAME [--window 6h]") }
        guard let dashboard = pack.dashboard(name) else {
            let guess = Suggestion.closest(to: name, in: pack.dashboards.map(\.id))
            return .error("No dashboard `\(name.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? "; `dash` lists them."))
        }
        let span: SimDuration
        switch window(parsed.flags.first?.1, default: SimDuration.hours(6)) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): span = value
        }
        // Replaying only to grade: a dashboard's evidence is its panels' metrics, whatever they show.
        guard drawsScreens else {
            let shown = dashboard.panels.compactMap { scenario.metric($0.metric, pack: pack) }.map { "metric:\($0.id)" }
            return Output(lines: [], evidence: shown, cost: "dash")
        }
        let units = dashboard.panels.compactMap { scenario.metric($0.metric, pack: pack)?.unit.displayWidth }.max() ?? 4
        let layout = DashLayout(width: width, longestLabel: dashboard.panels.map { panelLabel($0).displayWidth }.max() ?? 14, longestUnit: units)
        let labelWidth = layout.label, sparkWidth = layout.spark
        let engine = MetricEngine(model: model, world: world)
        let panels = dashboard.panels.compactMap { panel -> (MetricSpec, String?, Int)? in
            scenario.metric(panel.metric, pack: pack).map { ($0, panel.by, panel.top) }
        }
        let windows = engine.windows(panels, from: now - span, to: now, buckets: sparkWidth)
        var lines = [Line([Segment(" \(dashboard.title)", .heading), Segment(" · last \(span) · now \(clock.clock(now)) UTC", .dim)])]
        lines.append(Line(" " + String(repeating: " ", count: labelWidth + 2) + "".padded(to: sparkWidth) + "      now" + (layout.baseline ? "    baseline" : ""), .dim))
        var evidence: [String] = []
        for window in windows {
            evidence.append("metric:\(window.spec.id)")
            lines.append(row(window, layout: layout))
            if let change = window.changeStart {
                let time = window.from + SimDuration(milliseconds: window.bucket.milliseconds * Int64(change))
                let pad = String(repeating: " ", count: 1 + labelWidth + 2 + change)
                lines.append(Line([Segment(pad + "↑ ", .accent), Segment("\(clock.clock(time))  change starts here", .accent)]))
            }
        }
        if dashboard.annotations { lines += deployAnnotations(from: now - span, width: sparkWidth, labelWidth: labelWidth) }
        lines.append(timeAxis(from: windows.first?.from ?? now - span, to: now, labelWidth: labelWidth, sparkWidth: sparkWidth))
        return Output(lines: lines, evidence: evidence, cost: "dash")
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
    private func deployAnnotations(from: SimDuration, width sparkWidth: Int, labelWidth: Int) -> [Line] {
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

    /// Clock labels under a chart at round times (on the hour, on the quarter…), as a real axis has them.
    private func timeAxis(from: SimDuration, to: SimDuration, labelWidth: Int, sparkWidth: Int) -> Line {
        let span = max(1, (to - from).milliseconds)
        let steps: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map { $0 * 60_000 }
        let wanted = max(2, sparkWidth / 12)
        let step = steps.first { span / $0 <= Int64(wanted) } ?? steps.last!
        var axis = Array(repeating: Character(" "), count: sparkWidth + 6)
        // Round times in the page's clock: offsets whose wall time is a multiple of the step.
        let pageMilliseconds = clock.pageEpoch * 1000
        var tick = ((pageMilliseconds + from.milliseconds) / step + 1) * step - pageMilliseconds
        var lastEnd = -1
        while tick <= to.milliseconds {
            let position = Int(Double(tick - from.milliseconds) / Double(span) * Double(sparkWidth - 1))
            let label = clock.clock(SimDuration(milliseconds: tick))
            if position > lastEnd, position + label.count <= axis.count {
                for (offset, character) in label.enumerated() { axis[position + offset] = character }
                lastEnd = position + label.count
            }
            tick += step
        }
        return Line(" " + String(repeating: " ", count: labelWidth + 2) + String(String(axis).reversed().drop { $0 == " " }.reversed()), .dim)
    }

    func metric(_ args: [String]) -> Output {
        let parsed: (positional: [String], flags: [(String, String)])
        switch parseFlags(args, allowed: ["--window"]) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): parsed = value
        }
        let all = scenario.allMetrics(pack: pack)
        guard parsed.positional.count == 1, let id = parsed.positional.first else {
            return .error("Usage: metric NAME [--window 6h]. Metrics: " + all.map(\.id).joined(separator: ", ").truncated(to: 400))
        }
        guard let spec = scenario.metric(id, pack: pack) else {
            let guess = Suggestion.closest(to: id, in: all.map(\.id))
            return .error("No metric `\(id.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? "; `metric` alone lists them."))
        }
        let span: SimDuration
        switch window(parsed.flags.first?.1, default: SimDuration.hours(6)) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): span = value
        }
        let columns = max(20, min(96, width - 12))
        guard let window = MetricEngine(model: model, world: world).windows([(spec, nil, 0)], from: now - span, to: now, buckets: columns).first else {
            return .error("No data for \(id).")
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
        lines.append(timeAxis(from: window.from, to: now, labelWidth: 8, sparkWidth: columns))
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
        return Output(lines: lines, evidence: ["metric:\(spec.id)"], cost: "metric")
    }
}

/// How a dashboard row is laid out at a given width: narrow terminals lose the unit and
/// ratio first, then the baseline, before the sparkline gets too short to read.
struct DashLayout {
    var label: Int
    var spark: Int
    var baseline = true
    var ratio = true

    init(width: Int, longestLabel: Int, longestUnit: Int) {
        label = min(30, max(14, longestLabel))
        // Leading space, label, gap, sparkline, now (9), baseline (11), ratio (9), unit.
        spark = min(72, width - label - 32 - longestUnit)
        if spark >= 12 { return }
        ratio = false
        label = min(label, 16)
        spark = width - label - 24
        if spark >= 10 { return }
        baseline = false
        label = min(label, 12)
        spark = max(6, width - label - 13)
    }
}
