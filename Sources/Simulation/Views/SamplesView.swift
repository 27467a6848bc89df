import ScenarioFormat

/// `samples`: conversations chosen evenly among the most recent matching ones, newest first,
/// each with its trace, tenant and the user's feedback.
struct SamplesView {
    let session: Session
    let filter: RequestFilter
    let count: Int
    let span: SimDuration

    /// What is drawn, and how many conversations were read (each is priced).
    func draw(width: Int) -> (view: Drawn, read: Int) {
        let (model, world, clock, now) = (session.model, session.world, session.clock, session.now)
        var candidates: [RequestSketch] = []
        model.forEachNewestFirst(from: now - span, to: now, world: world) { request in
            if model.template(of: request).synthetic == nil, filter.matches(request, model: model, world: world) { candidates.append(request) }
            return candidates.count < 4000
        }
        guard !candidates.isEmpty else { return (Drawn([Line(" No conversations match in the last \(span.spoken).", .dim)]), 0) }
        let stride = max(1, candidates.count / count)
        let chosen = Swift.stride(from: 0, to: candidates.count, by: stride).prefix(count).map { candidates[$0] }
        var lines: [Line] = []
        var evidence = filter.evidence
        var shown = Set<String>()
        for request in chosen {
            guard let sample = model.sample(of: request, avoiding: shown) else { continue }
            shown.insert(sample.ask + sample.answer)
            let id = model.traceID(request)
            let feedback = request.feedbackValue
            let feedbackStyle: Style = feedback == "down" || feedback == "handoff" ? .bad : (feedback == "up" ? .good : .dim)
            let tenant = model.attribute("tenant", of: request, world: world)
            lines.append(Line([Segment(" ── \(clock.clockSeconds(request.time))  ", .chrome), Segment(id, .id),
                               Segment(tenant.map { "  tenant \($0)" } ?? "", .dim), Segment("  feedback: \(feedback)", feedbackStyle)]))
            for (index, text) in sample.ask.wrapped(to: width - 10).enumerated() { lines.append(Line((index == 0 ? "   user  " : "         ") + text)) }
            for (index, text) in sample.answer.wrapped(to: width - 10).enumerated() { lines.append(Line((index == 0 ? "   bot   " : "         ") + text, .dim)) }
            evidence += [EvidenceID.trace(id), EvidenceID.samples(model.templateID(of: request)), EvidenceID.attribute("feedback", feedback)]
        }
        lines.append(Line(" \(chosen.count) conversation\(chosen.count == 1 ? "" : "s") from the last \(span.spoken), newest first.", .dim))
        return (Drawn(lines, evidence: evidence), chosen.count)

    }
}
