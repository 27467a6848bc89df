import ScenarioFormat

/// `traces --by ATTR`: traces per value of an attribute, with each value's share and error rate.
struct TraceCountView {
    let session: Session
    let attribute: String
    let filter: RequestFilter
    let span: SimDuration

    /// Requests a count reads at most, whatever the window.
    static let countingBudget = 40_000

    func draw(width: Int) -> Drawn {
        let (model, world, now) = (session.model, session.world, session.now)
        var counts: [String: (count: Double, errors: Double)] = [:]
        var total = 0.0, sampledEvery = 1.0
        // Counting is bounded like a real trace store's sampled query: at most about 40,000
        // requests are read (every one in an hour of normal traffic, a steady sample of each
        // minute over a day), and counts are scaled by the sampling rate.
        let minutes = max(1, Int(span.milliseconds / 60_000))
        model.forEach(from: now - span, to: now, world: world, maxPerMinute: max(20, Self.countingBudget / minutes)) { request, weight in
            sampledEvery = max(sampledEvery, weight)
            guard filter.matches(request, model: model, world: world) else { return }
            let value = model.attribute(attribute, of: request, world: world) ?? "(none)"
            var entry = counts[value] ?? (0, 0)
            entry.count += weight
            if model.isError(request, world: world) { entry.errors += weight }
            counts[value] = entry
            total += weight
        }
        guard total > 0 else { return Drawn([Line(" No traces match in the last \(span).", .dim)]) }
        var table = TextTable([.init(title: attribute, priority: 10, flexible: true, minimum: 12), .init(title: "traces", alignRight: true, priority: 9),
                               .init(title: "share", alignRight: true, priority: 8), .init(title: "with errors", alignRight: true, priority: 7)])
        let sorted = counts.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        for (value, entry) in sorted.prefix(25) {
            table.add([Segment(value), Segment(Format.grouped(Int64(entry.count.rounded()))), Segment(Format.number(100 * entry.count / total, decimals: 1) + "%"),
                       Segment(Format.number(100 * entry.errors / entry.count, decimals: 1) + "%", entry.errors / entry.count > 0.05 ? .bad : .plain)])
        }
        let estimate = sampledEvery > 1 ? " (estimated from a 1-in-\(Int(sampledEvery.rounded())) sample of each minute)" : ""
        var lines = [Line([Segment(" traces by \(attribute)", .heading), Segment(" · last \(span) · \(Format.grouped(Int64(total.rounded()))) traces" + estimate, .dim)])]
        lines += table.render(width: width)
        if sorted.count > 25 { lines.append(Line(" … and \(sorted.count - 25) more values.", .dim)) }
        let evidence = sorted.prefix(25).map { EvidenceID.attribute(attribute, $0.key) } + filter.evidence
        return Drawn(lines, evidence: evidence)

    }
}
