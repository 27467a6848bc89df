import ScenarioFormat

/// `trace ID`: one trace as a span tree, each span with its duration, a timing bar, its
/// service, errors and attributes, then the request's own attributes and feedback.
struct TraceView {
    let session: Session
    let request: RequestSketch

    func draw(width: Int) -> Drawn {
        let (model, world, clock) = (session.model, session.world, session.clock)
        let trace = model.trace(of: request, world: world)
        let code = trace.root.attribute("http.response.status_code") ?? "200"
        var lines = [Line([Segment(" \(trace.id)", .id), Segment("  \(trace.root.name)  ", .bold), Segment(Format.milliseconds(trace.duration)),
                           Segment("  \(code)", Int(code) ?? 200 >= 400 ? .bad : .good), Segment("  \(clock.clockSeconds(request.time)) UTC", .dim)])]
        let barWidth = max(10, min(30, width / 5))
        let nameWidth = max(16, min(40, width - barWidth - 34))
        for (index, span) in trace.spans.enumerated() where index > 0 {
            let isLast = !trace.spans[(index + 1)...].contains { $0.parent == span.parent }
            let prefix = treePrefix(trace, index) + (isLast ? "└─ " : "├─ ")
            let name = (prefix + span.name).truncated(to: nameWidth).padded(to: nameWidth)
            let start = Int(span.offset / max(1, trace.duration) * Double(barWidth))
            let length = max(1, Int((span.duration / max(1, trace.duration) * Double(barWidth)).rounded()))
            let bar = String(repeating: " ", count: min(barWidth, start)) + String(repeating: "█", count: min(length, max(1, barWidth - start)))
            lines.append(Line([Segment(" " + name), Segment(Format.milliseconds(span.duration).padded(to: 8, right: true), span.isError ? .bad : .plain),
                               Segment("  ▕" + bar.padded(to: barWidth) + "▏ ", span.isError ? .bad : .spark),
                               Segment(span.service + (span.isError ? "  ERROR \(span.errorType)" : ""), span.isError ? .bad : .dim)]))
            let indent = treePrefix(trace, index) + (isLast ? "     " : "│    ")
            var attributes = span.attributes.map { "\($0.key)=\($0.value)" }
            if span.isError, !span.message.isEmpty { attributes.append("status.message=\"\(span.message)\"") }
            for text in Self.flow(attributes, width: width - indent.displayWidth - 2) { lines.append(Line(" " + indent + text, .dim)) }
        }
        let rootAttributes = trace.root.attributes.map { "\($0.key)=\($0.value)" } + trace.classes.map { "\($0.name)=\($0.value)" } + ["feedback=\(trace.feedback)"]
        lines.append(Line(" request", .heading))
        for text in Self.flow(rootAttributes, width: width - 4) { lines.append(Line("   " + text, .dim)) }
        return Drawn(lines, evidence: Self.evidence(trace))
    }


    private func treePrefix(_ trace: Trace, _ index: Int) -> String {
        var prefix = ""
        var parent = trace.spans[index].parent
        while let current = parent, current > 0 {
            let siblingsAfter = trace.spans[(current + 1)...].contains { $0.parent == trace.spans[current].parent }
            prefix = (siblingsAfter ? "│  " : "   ") + prefix
            parent = trace.spans[current].parent
        }
        return prefix
    }

    /// The evidence a trace carries: itself and every attribute value on it.
    static func evidence(_ trace: Trace) -> [EvidenceID] {
        var ids = [EvidenceID.trace(trace.id), EvidenceID.attribute("feedback", trace.feedback)]
        for span in trace.spans {
            for (key, value) in span.attributes { ids += [EvidenceID.attribute(key, value), EvidenceID.attribute("\(span.id).\(key)", value)] }
            if span.isError { ids += [EvidenceID.attribute("\(span.id).status", "error"), EvidenceID.attribute("error.type", span.errorType)] }
        }
        for (name, value) in trace.classes { ids.append(EvidenceID.attribute(name, value)) }
        return ids
    }

    /// Packs `key=value` items onto lines of at most `width` columns.
    static func flow(_ items: [String], width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for item in items {
            let item = item.truncated(to: max(10, width))
            if current.isEmpty { current = item } else if current.displayWidth + 2 + item.displayWidth <= width { current += "  " + item } else {
                lines.append(current)
                current = item
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

}
