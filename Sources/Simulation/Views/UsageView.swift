import ScenarioFormat

/// `usage`: requests, tokens and spend per key, tenant or model over the window, against the
/// same window a day earlier.
struct UsageView {
    let session: Session
    /// `key`, `tenant` or `model`.
    let by: String
    let span: SimDuration

    func draw(width: Int) -> Drawn {
        let (model, world, now) = (session.model, session.world, session.now)
        struct Totals { var requests = 0.0, input = 0.0, output = 0.0, cost = 0.0 }
        func collect(from: SimDuration, to: SimDuration) -> [String: Totals] {
            var totals: [String: Totals] = [:]
            let minutes = max(1, Int((to - from).milliseconds / 60_000))
            model.forEach(from: from, to: to, world: world, maxPerMinute: max(20, 60_000 / minutes)) { request, weight in
                let group: String
                if by == "model" {
                    group = model.attribute("gen_ai.response.model", of: request, world: world) ?? "(no model call)"
                } else {
                    group = model.attribute(by, of: request, world: world) ?? "(none)"
                }
                let usage = model.usage(request, world: world)
                var entry = totals[group] ?? Totals()
                entry.requests += weight
                entry.input += usage.input * weight
                entry.output += usage.output * weight
                entry.cost += usage.cost * weight
                totals[group] = entry
            }
            return totals
        }
        let current = collect(from: now - span, to: now)
        let previous = collect(from: now - span - .days(1), to: now - .days(1))
        var table = TextTable([.init(title: by, priority: 10, flexible: true, minimum: 10), .init(title: "requests", alignRight: true, priority: 8),
                               .init(title: "tokens in", alignRight: true, priority: 6), .init(title: "tokens out", alignRight: true, priority: 7),
                               .init(title: "spend", alignRight: true, priority: 10), .init(title: "a day earlier", alignRight: true, priority: 9),
                               .init(title: "change", alignRight: true, priority: 9)])
        let groups = Set(current.keys).union(previous.keys).sorted { (current[$0]?.cost ?? 0, $1) > (current[$1]?.cost ?? 0, $0) }
        for group in groups.prefix(20) {
            let now = current[group] ?? Totals(), before = previous[group] ?? Totals()
            let change: String
            if before.cost > 0.005 { change = (now.cost >= before.cost ? "+" : "") + Format.number(100 * (now.cost - before.cost) / before.cost, decimals: 0) + "%" } else { change = now.cost > 0.005 ? "new" : "–" }
            let alarming = before.cost > 0.005 ? now.cost / before.cost > 2 : now.cost > 1
            table.add([Segment(group, .bold), Segment(Format.grouped(Int64(now.requests.rounded()))), Segment(Format.compact(now.input)),
                       Segment(Format.compact(now.output)), Segment(Format.dollars(now.cost)), Segment(Format.dollars(before.cost), .dim),
                       Segment(change, alarming ? .bad : .plain)])
        }
        let total = current.values.reduce(0) { $0 + $1.cost }
        var lines = [Line([Segment(" Spend by \(by)", .heading), Segment(" · last \(span) vs the same window a day earlier · total \(Format.dollars(total))", .dim)])]
        lines += table.render(width: width)
        var evidence = groups.prefix(20).map { EvidenceID.usage(by, $0) }
        if by != "model" { evidence += groups.prefix(20).compactMap { EvidenceID.grouped(by, $0) } }
        return Drawn(lines, evidence: evidence)
    }
}
