import ScenarioFormat

/// `tools`: each tool's provider, access, schema version, state, and calls and errors over the last hour.
struct ToolRegistryView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (world, clock, now, scenario) = (session.world, session.clock, session.now, session.scenario)
        let model = session.model
        var stats: [String: (calls: Double, errors: Double)] = [:]
        model.forEach(from: now - .hours(1), to: now, world: world, maxPerMinute: 60) { request, weight in
            let shape = model.template(of: request)
            for (index, span) in shape.spans.enumerated() where (span.kind == "TOOL" || span.kind == "RETRIEVER") && model.spanPresent(index, of: request) {
                guard let attribute = span.attributes.first(where: { $0.key == "gen_ai.tool.name" }) else { continue }
                let name = model.generate(attribute.generator, salt: attribute.salt, request: request, world: world)
                var entry = stats[name] ?? (0, 0)
                entry.calls += weight
                if model.spanIsError(index, of: request) { entry.errors += weight }
                stats[name] = entry
            }
        }
        var table = TextTable([.init(title: "tool", priority: 10), .init(title: "provider", priority: 6), .init(title: "access", priority: 7),
                               .init(title: "schema", priority: 10), .init(title: "since", priority: 9), .init(title: "enabled", priority: 8),
                               .init(title: "timeout", alignRight: true, priority: 5), .init(title: "calls/h", alignRight: true, priority: 8),
                               .init(title: "errors", alignRight: true, priority: 9)])
        for tool in scenario.world.tools {
            let schema = world.history(StatePath.tool(tool.id)).filter { $0.at <= now }.last
            let enabled = world.value(StatePath.enabled(tool: tool.id), at: now) ?? "on"
            let stat = stats[tool.id]
            let errorRate = stat.map { $0.calls > 0 ? 100 * $0.errors / $0.calls : 0 }
            table.add([Segment(tool.id, .bold), Segment(tool.provider), Segment(tool.access), Segment(schema?.value ?? "?"),
                       Segment(schema.map { clock.date($0.at, now: now) } ?? ""), Segment(enabled, enabled == "on" ? .plain : .warning),
                       Segment(Format.milliseconds(Double(tool.timeout.milliseconds))), Segment(stat.map { Format.grouped(Int64($0.calls.rounded())) } ?? "0"),
                       Segment(errorRate.map { Format.number($0, decimals: 1) + "%" } ?? "–", (errorRate ?? 0) > 5 ? .bad : .plain)])
        }
        var lines = [Line(" Tool registry · calls and errors over the last hour", .heading)] + table.render(width: width)
        for tool in scenario.world.tools {
            let schema = world.history(StatePath.tool(tool.id)).filter { $0.at <= now }
            if let last = schema.last, !last.note.isEmpty || schema.count > 1 {
                let note = last.note.isEmpty ? "" : " — \(last.note)"
                lines.append(Line("   \(tool.id): schema \(last.value) since \(clock.date(last.at, now: now)) by \(last.by.isEmpty ? tool.provider : last.by)\(note)".truncated(to: width - 1), .dim))
            }
        }
        return Drawn(lines, evidence: scenario.world.tools.map { EvidenceID.tool($0.id) })
    }
}
