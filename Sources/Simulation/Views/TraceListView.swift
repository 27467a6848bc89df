import ScenarioFormat

/// `traces`: the most recent matching traces, newest first, as a table.
struct TraceListView {
    let session: Session
    let filter: RequestFilter
    let limit: Int
    let span: SimDuration

    func draw(width: Int) -> Drawn {
        let (model, world, clock, now) = (session.model, session.world, session.clock, session.now)
        var found: [RequestSketch] = []
        model.forEachNewestFirst(from: now - span, to: now, world: world) { request in
            if filter.matches(request, model: model, world: world) { found.append(request) }
            return found.count < limit
        }
        guard !found.isEmpty else {
            return Drawn([Line(" No traces match in the last \(span).", .dim)])
        }
        var table = TextTable([
            .init(title: "time", priority: 9), .init(title: "trace", priority: 10), .init(title: "dur", alignRight: true, priority: 8),
            .init(title: "http", alignRight: true, priority: 7), .init(title: "request.model", priority: 5),
            .init(title: "response.model", priority: 6), .init(title: "finish", priority: 4),
            .init(title: "out tok", alignRight: true, priority: 3), .init(title: "errors", priority: 7, flexible: true, minimum: 8),
        ])
        var evidence = filter.evidence
        for request in found {
            let trace = model.trace(of: request, world: world)
            let llm = trace.spans.first { $0.kind == "LLM" }
            let requestModel = llm?.attribute("gen_ai.request.model") ?? "–"
            let responseModel = llm?.attribute("gen_ai.response.model") ?? "–"
            let finish = llm?.attribute("gen_ai.response.finish_reasons").map(TraceListView.finishText) ?? "–"
            let tokens = llm == nil ? "–" : (model.attribute("gen_ai.usage.output_tokens", of: request, world: world) ?? "–")
            let code = trace.root.attribute("http.response.status_code") ?? "200"
            let errors = trace.spans.dropFirst().filter(\.isError).map { "\($0.id):\($0.errorType.isEmpty ? "error" : $0.errorType)" }
            let rootError = trace.root.attribute("error.type")
            let errorText = (errors + (rootError.map { [$0] } ?? [])).joined(separator: " ")
            table.add([Segment(clock.clockSeconds(request.time)), Segment(trace.id, .id), Segment(Format.milliseconds(trace.duration)),
                       Segment(code, Int(code) ?? 200 >= 400 ? .bad : .plain), Segment(requestModel), Segment(responseModel), Segment(finish),
                       Segment(tokens), Segment(errorText, .bad)])
            evidence.append(EvidenceID.trace(trace.id))
            if llm != nil {
                evidence += [EvidenceID.attribute("gen_ai.request.model", requestModel), EvidenceID.attribute("gen_ai.response.model", responseModel),
                             EvidenceID.attribute("gen_ai.response.finish_reasons", llm?.attribute("gen_ai.response.finish_reasons") ?? "")]
            }
            for span in trace.spans where span.isError { evidence.append(EvidenceID.attribute("error.type", span.errorType)); evidence.append(EvidenceID.attribute("\(span.id).status", "error")) }
            if let rootError { evidence.append(EvidenceID.attribute("error.type", rootError)) }
            evidence.append(EvidenceID.attribute("http.response.status_code", code))
        }
        var lines = table.render(width: width)
        let scope = filter.isEmpty ? "most recent" : "most recent matching"
        lines.append(Line(" \(found.count) \(scope) trace\(found.count == 1 ? "" : "s"), newest first. `trace ID` opens one; `--by ATTR` counts.", .dim))
        return Drawn(lines, evidence: evidence)

    }

    static func finishText(_ raw: String) -> String {
        raw.hasPrefix("[") ? raw : "[\(raw)]"
    }
}
