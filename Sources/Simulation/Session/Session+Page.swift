import ScenarioFormat

/// The page title as it reads at a moment: `{{metric}}` placeholders filled from the series.
extension Session {
    /// The page title with `{{metric}}` and `{{metric.baseline}}` filled in at `time` (the page's own time by default).
    func renderedPageTitle(at time: SimDuration = .zero) -> String {
        let title = scenario.page.title
        guard title.contains("{{") else { return title }
        var result = ""
        var rest = Substring(title)
        let engine = MetricEngine(model: model, world: world)
        // One reading per metric serves both its value and its baseline.
        var readings: [String: MetricWindow] = [:]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            let wantsBaseline = name.hasSuffix(".baseline")
            let id = wantsBaseline ? String(name.dropLast(".baseline".count)) : name
            if let spec = scenario.metric(id, pack: pack),
               let window = readings[id] ?? engine.windows([(spec, nil, 0)], from: time - .minutes(5), to: time, buckets: 1).first {
                readings[id] = window
                let value = wantsBaseline ? window.baseline : window.current
                result += value.map { Format.number($0, decimals: spec.decimals) } ?? "?"
            } else {
                result += "?"
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
