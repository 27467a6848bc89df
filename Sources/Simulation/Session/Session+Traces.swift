import ScenarioFormat

/// `traces`, `trace`, `samples` and `logs`: the request-level evidence.
extension Session {
    /// Compiles `--where` expressions; `time` values become offsets from the page.
    func filters(_ texts: [String]) -> Result<[Condition], CommandProblem> {
        let known = RequestAttributes.names(in: scenario)
        var conditions: [Condition] = []
        for text in texts {
            guard case .success(let condition) = Condition.parse(text) else {
                if case .failure(let error) = Condition.parse(text) {
                    return .failure(CommandProblem("Cannot read `--where \(text.truncated(to: 60))`: \(error.message). Write ATTR=VALUE, ATTR!=VALUE, ATTR<N or ATTR>N."))
                }
                continue
            }
            var problem: String?
            func rewrite(_ condition: Condition) -> Condition {
                switch condition {
                case .always: return .always
                case .and(let a, let b): return .and(rewrite(a), rewrite(b))
                case .or(let a, let b): return .or(rewrite(a), rewrite(b))
                case .not(let a): return .not(rewrite(a))
                case .compare(let operand, let relation, let values):
                    let name = operand.description
                    if case .state = operand {
                        problem = "`\(name.truncated(to: 40))` is a world state, not a trace attribute; registries show world state."
                        return condition
                    }
                    if name == "time" {
                        var converted: [String] = []
                        for value in values {
                            // `-30m` means thirty minutes ago; `02:20` is a time on the clock.
                            let relative = value.hasPrefix("-") || value.hasPrefix("+")
                            guard let parsed = clock.parse(value, now: now), let time = Optional(relative ? now + parsed : parsed) else {
                                problem = "`\(value.truncated(to: 20))` is not a time; write 02:20, 02:20:30 or -30m."
                                return condition
                            }
                            converted.append(String(time.milliseconds))
                        }
                        return .compare(operand, relation, converted)
                    }
                    if !known.contains(name) {
                        let guess = Suggestion.closest(to: name, in: known)
                        problem = "No attribute `\(name.truncated(to: 40))` on these traces" + (guess.map { "; did you mean `\($0)`?" } ?? ".")
                    }
                    return condition
                }
            }
            let rewritten = rewrite(condition)
            if let problem { return .failure(CommandProblem(problem)) }
            conditions.append(rewritten)
        }
        return .success(conditions)
    }

    func matches(_ request: RequestSketch, _ conditions: [Condition]) -> Bool {
        Self.matches(request, conditions, model: model, world: world)
    }

    /// Static so the closures capture the model and world, not the whole session: a scan
    /// calls this for every request, and copying a session each time dominated the cost.
    static func matches(_ request: RequestSketch, _ conditions: [Condition], model: TrafficModel, world: WorldState) -> Bool {
        guard !conditions.isEmpty else { return true }
        var cache: [String: String?] = [:]
        return conditions.allSatisfy { condition in
            RequestMatcher.evaluate(condition) { name in
                if let known = cache[name] { return known }
                let value = model.attribute(name, of: request, world: world)
                cache[name] = value
                return value
            }
        }
    }

    /// Attribute values on an equality filter that matched, which the trainee has thereby seen.
    func filterEvidence(_ conditions: [Condition]) -> [String] {
        var ids: [String] = []
        func walk(_ condition: Condition) {
            switch condition {
            case .and(let a, let b): walk(a); walk(b)
            case .compare(.attribute(let name), .equal, let values) where name != "time": ids += values.map { "attr:\(name)=\($0)" }
            default: break
            }
        }
        conditions.forEach(walk)
        return ids
    }

    func traces(_ args: [String]) -> Output {
        let parsed: (positional: [String], flags: [(String, String)])
        switch parseFlags(args, allowed: ["--where", "--limit", "--by", "--window"], repeating: ["--where"], switches: ["--errors"]) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): parsed = value
        }
        guard parsed.positional.isEmpty else {
            return .error("`traces` takes options only: --where EXPR, --errors, --limit N, --by ATTR, --window 1h. (Did you mean `trace \(parsed.positional[0].truncated(to: 20))`?)")
        }
        var conditions: [Condition]
        switch filters(parsed.flags.filter { $0.0 == "--where" }.map(\.1)) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): conditions = value
        }
        let errorsOnly = parsed.flags.contains { $0.0 == "--errors" }
        if errorsOnly { conditions.append(.compare(.attribute("status"), .equal, ["error"])) }
        var limit = 20
        if let text = parsed.flags.first(where: { $0.0 == "--limit" })?.1 {
            guard let value = Int(text), (1...200).contains(value) else { return .error("`--limit` takes a number from 1 to 200.") }
            limit = value
        }
        let by = parsed.flags.first { $0.0 == "--by" }?.1
        let windowText = parsed.flags.first { $0.0 == "--window" }?.1
        let span: SimDuration
        switch window(windowText, default: by == nil ? .hours(24) : .hours(1)) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): span = value
        }
        if let by { return tracesBy(by, conditions: conditions, span: span) }

        var found: [RequestSketch] = []
        model.forEachNewestFirst(from: now - span, to: now, world: world) { request in
            if matches(request, conditions) { found.append(request) }
            return found.count < limit
        }
        guard !found.isEmpty else {
            return Output(lines: [Line(" No traces match in the last \(span).", .dim)], cost: "traces")
        }
        var table = TextTable([
            .init(title: "time", priority: 9), .init(title: "trace", priority: 10), .init(title: "dur", alignRight: true, priority: 8),
            .init(title: "http", alignRight: true, priority: 7), .init(title: "request.model", priority: 5),
            .init(title: "response.model", priority: 6), .init(title: "finish", priority: 4),
            .init(title: "out tok", alignRight: true, priority: 3), .init(title: "errors", priority: 7, flexible: true, minimum: 8),
        ])
        var evidence = filterEvidence(conditions)
        for request in found {
            let trace = model.trace(of: request, world: world)
            let llm = trace.spans.first { $0.kind == "LLM" }
            let requestModel = llm?.attribute("gen_ai.request.model") ?? "–"
            let responseModel = llm?.attribute("gen_ai.response.model") ?? "–"
            let finish = llm?.attribute("gen_ai.response.finish_reasons").map(Self.finishText) ?? "–"
            let tokens = llm == nil ? "–" : (model.attribute("gen_ai.usage.output_tokens", of: request, world: world) ?? "–")
            let code = trace.root.attribute("http.response.status_code") ?? "200"
            let errors = trace.spans.dropFirst().filter(\.isError).map { "\($0.id):\($0.errorType.isEmpty ? "error" : $0.errorType)" }
            let rootError = trace.root.attribute("error.type")
            let errorText = (errors + (rootError.map { [$0] } ?? [])).joined(separator: " ")
            table.add([Segment(clock.clockSeconds(request.time)), Segment(trace.id, .id), Segment(Format.milliseconds(trace.duration)),
                       Segment(code, Int(code) ?? 200 >= 400 ? .bad : .plain), Segment(requestModel), Segment(responseModel), Segment(finish),
                       Segment(tokens), Segment(errorText, .bad)])
            evidence.append("trace:\(trace.id)")
            if llm != nil {
                evidence += ["attr:gen_ai.request.model=\(requestModel)", "attr:gen_ai.response.model=\(responseModel)",
                             "attr:gen_ai.response.finish_reasons=\(llm?.attribute("gen_ai.response.finish_reasons") ?? "")"]
            }
            for span in trace.spans where span.isError { evidence.append("attr:error.type=\(span.errorType)"); evidence.append("attr:\(span.id).status=error") }
            if let rootError { evidence.append("attr:error.type=\(rootError)") }
            evidence.append("attr:http.response.status_code=\(code)")
        }
        var lines = table.render(width: width)
        let scope = conditions.isEmpty ? "most recent" : "most recent matching"
        lines.append(Line(" \(found.count) \(scope) trace\(found.count == 1 ? "" : "s"), newest first. `trace ID` opens one; `--by ATTR` counts.", .dim))
        return Output(lines: lines, evidence: evidence, cost: "traces")
    }

    static func finishText(_ raw: String) -> String {
        raw.hasPrefix("[") ? raw : "[\(raw)]"
    }

    /// Requests a `traces --by` reads at most, whatever the window.
    static let countingBudget = 40_000

    private func tracesBy(_ attribute: String, conditions: [Condition], span: SimDuration) -> Output {
        let known = RequestAttributes.names(in: scenario)
        guard known.contains(attribute) else {
            let guess = Suggestion.closest(to: attribute, in: known)
            return .error("No attribute `\(attribute.truncated(to: 40))` on these traces" + (guess.map { "; did you mean `\($0)`?" } ?? "."))
        }
        var counts: [String: (count: Double, errors: Double)] = [:]
        var total = 0.0, sampledEvery = 1.0
        // Counting is bounded like a real trace store's sampled query: at most about 40,000
        // requests are read (every one in an hour of normal traffic, a steady sample of each
        // minute over a day), and counts are scaled by the sampling rate.
        let minutes = max(1, Int(span.milliseconds / 60_000))
        let model = self.model, world = self.world
        model.forEach(from: now - span, to: now, world: world, maxPerMinute: max(20, Self.countingBudget / minutes)) { request, weight in
            sampledEvery = max(sampledEvery, weight)
            guard Self.matches(request, conditions, model: model, world: world) else { return }
            let value = model.attribute(attribute, of: request, world: world) ?? "(none)"
            var entry = counts[value] ?? (0, 0)
            entry.count += weight
            if model.isError(request, world: world) { entry.errors += weight }
            counts[value] = entry
            total += weight
        }
        guard total > 0 else { return Output(lines: [Line(" No traces match in the last \(span).", .dim)], cost: "traces.by") }
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
        let evidence = sorted.prefix(25).map { "attr:\(attribute)=\($0.key)" } + filterEvidence(conditions)
        return Output(lines: lines, evidence: evidence, cost: "traces.by")
    }

    /// The evidence a trace carries: itself and every attribute value on it.
    func traceEvidence(_ trace: Trace) -> [String] {
        var ids = ["trace:\(trace.id)", "attr:feedback=\(trace.feedback)"]
        for span in trace.spans {
            for (key, value) in span.attributes { ids += ["attr:\(key)=\(value)", "attr:\(span.id).\(key)=\(value)"] }
            if span.isError { ids += ["attr:\(span.id).status=error", "attr:error.type=\(span.errorType)"] }
        }
        for (name, value) in trace.classes { ids.append("attr:\(name)=\(value)") }
        return ids
    }

    func trace(_ args: [String]) -> Output {
        guard args.count == 1, let text = args.first else { return .error("Usage: trace ID (ids you have seen complete with Tab).") }
        guard let id = matchTrace(text) else {
            if text.count >= 6, text.allSatisfy(\.isHexDigit) {
                return .error("`\(text.truncated(to: 20))` matches no trace you have seen, or more than one; give all 12 characters.")
            }
            return .error("`\(text.truncated(to: 20))` is not a trace id: they are 12 hex characters, like the ones `traces` shows.")
        }
        guard let request = model.request(traceID: id, world: world), request.time <= now else {
            return .error("No trace \(id) in the trace store.")
        }
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
            for text in flow(attributes, width: width - indent.displayWidth - 2) { lines.append(Line(" " + indent + text, .dim)) }
        }
        let rootAttributes = trace.root.attributes.map { "\($0.key)=\($0.value)" } + trace.classes.map { "\($0.name)=\($0.value)" } + ["feedback=\(trace.feedback)"]
        lines.append(Line(" request", .heading))
        for text in flow(rootAttributes, width: width - 4) { lines.append(Line("   " + text, .dim)) }
        return Output(lines: lines, evidence: traceEvidence(trace), cost: "trace")
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

    /// Packs `key=value` items onto lines of at most `width` columns.
    func flow(_ items: [String], width: Int) -> [String] {
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

    func samples(_ args: [String]) -> Output {
        let parsed: (positional: [String], flags: [(String, String)])
        switch parseFlags(args, allowed: ["--where", "--window"], repeating: ["--where"]) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): parsed = value
        }
        var count = 5
        if let text = parsed.positional.first {
            guard parsed.positional.count == 1, let value = Int(text), (1...50).contains(value) else { return .error("Usage: samples [N] [--where EXPR] [--window 30m], N from 1 to 50.") }
            count = value
        }
        let conditions: [Condition]
        switch filters(parsed.flags.filter { $0.0 == "--where" }.map(\.1)) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): conditions = value
        }
        // Spread the reading over the last half hour rather than the last few seconds; a
        // `time` filter reaches further back (reading before and after a change is the point).
        let mentionsTime = conditions.contains { $0.operands.contains(.attribute("time")) }
        let span: SimDuration
        switch window(parsed.flags.first { $0.0 == "--window" }?.1, default: mentionsTime ? .hours(24) : .minutes(30)) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): span = value
        }
        var candidates: [RequestSketch] = []
        model.forEachNewestFirst(from: now - span, to: now, world: world) { request in
            if model.template(of: request).synthetic == nil, matches(request, conditions) { candidates.append(request) }
            return candidates.count < 4000
        }
        guard !candidates.isEmpty else { return Output(lines: [Line(" No conversations match in the last \(span.spoken).", .dim)], cost: "samples") }
        let stride = max(1, candidates.count / count)
        let chosen = Swift.stride(from: 0, to: candidates.count, by: stride).prefix(count).map { candidates[$0] }
        var lines: [Line] = []
        var evidence = filterEvidence(conditions)
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
            evidence += ["trace:\(id)", "samples:\(model.templateID(of: request))", "attr:feedback=\(feedback)"]
        }
        lines.append(Line(" \(chosen.count) conversation\(chosen.count == 1 ? "" : "s") from the last \(span.spoken), newest first.", .dim))
        return Output(lines: lines, evidence: evidence, cost: "samples", items: chosen.count)
    }

    func logs(_ args: [String]) -> Output {
        let parsed: (positional: [String], flags: [(String, String)])
        switch parseFlags(args, allowed: ["--grep", "--window"]) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): parsed = value
        }
        let services = scenario.world.services.map(\.id)
        guard parsed.positional.count == 1, let service = parsed.positional.first else {
            return .error("Usage: logs SERVICE [--grep TEXT] [--window 30m]. Services: " + services.joined(separator: ", ") + ".")
        }
        guard services.contains(service) else {
            let guess = Suggestion.closest(to: service, in: services)
            return .error("No service `\(service.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? ". Services: " + services.joined(separator: ", ") + "."))
        }
        let grep = parsed.flags.first { $0.0 == "--grep" }?.1.lowercased()
        let span: SimDuration
        switch window(parsed.flags.first { $0.0 == "--window" }?.1, default: .minutes(30)) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): span = value
        }
        var entries: [(time: SimDuration, level: String, text: String, id: String)] = []
        func keep(_ text: String) -> Bool { grep.map { text.lowercased().contains($0) } ?? true }
        // Request logs: newest first, enough to fill the screen.
        model.forEachNewestFirst(from: now - span, to: now, world: world) { request in
            for line in model.logLines(of: request, world: world) where line.service == service && keep(line.text) {
                entries.append((request.time, line.level, line.text, line.id))
            }
            return entries.count < 400
        }
        for log in scenario.logs where log.service == service && keep(log.text) {
            var times: [SimDuration] = []
            if let at = log.at { times = [at] } else if let every = log.every {
                var time = max(log.from, now - span)
                let phase = (time - log.from).milliseconds % every.milliseconds
                if phase != 0 { time += SimDuration(milliseconds: every.milliseconds - phase) }
                while time <= now, times.count < 500 { times.append(time); time += every }
            }
            for time in times where time >= now - span && time <= now && (log.until.map { time <= $0 } ?? true) {
                if let when = log.when, !Predicate.compile(when, table: world.table, classes: []).holds(world: world, at: time) { continue }
                entries.append((time, log.level, log.text, log.id))
            }
        }
        entries.sort { ($0.time, $0.id, $0.text) < ($1.time, $1.id, $1.text) }
        let shown = entries.suffix(30)
        guard !shown.isEmpty else {
            return Output(lines: [Line(" No log lines from \(service) in the last \(span)" + (grep.map { " matching “\($0)”" } ?? "") + ".", .dim)], cost: "logs")
        }
        var lines: [Line] = []
        for entry in shown {
            let style: Style = entry.level == "ERROR" ? .bad : (entry.level == "WARN" ? .warning : .plain)
            let head = " \(clock.clockSeconds(entry.time)) \(entry.level.padded(to: 5)) "
            let wrapped = entry.text.wrapped(to: max(20, width - head.displayWidth))
            lines.append(Line([Segment(head, .dim), Segment(wrapped.first ?? "", style)]))
            for more in wrapped.dropFirst() { lines.append(Line([Segment(String(repeating: " ", count: head.displayWidth)), Segment(more, style)])) }
        }
        lines.append(Line(" \(shown.count) of \(entries.count) line\(entries.count == 1 ? "" : "s") from \(service), last \(span), oldest first.", .dim))
        return Output(lines: lines, evidence: shown.map { "log:\($0.id)" }, cost: "logs")
    }
}
