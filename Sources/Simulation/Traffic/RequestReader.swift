import ScenarioFormat

/// Reading a request's attributes and building its trace, on demand, from its sketch.
extension TrafficModel {
    func template(of request: RequestSketch) -> CompiledTemplate { templates[request.template] }

    /// The request's trace id.
    public func traceID(_ request: RequestSketch) -> String { TraceID.make(request.key, seed: seed) }

    /// The request a trace id names, if it exists.
    func request(traceID id: String, world: WorldState) -> RequestSketch? {
        TraceID.parse(id.lowercased(), seed: seed).flatMap { sketch(key: $0, world: world) }
    }

    func classValueName(_ index: Int, of request: RequestSketch, world: WorldState) -> String {
        let value = classValue(index, source: request.source, key: request.key, time: request.time, world: world)
        return classes[request.source][index].valueName(value)
    }

    func generate(_ generator: CompiledGenerator, salt: UInt64, request: RequestSketch, world: WorldState) -> String {
        switch generator {
        case .text(let pieces):
            var text = ""
            for piece in pieces {
                switch piece {
                case .literal(let literal): text += literal
                case .requestClass(let index): text += classValueName(index, of: request, world: world)
                case .trace: text += traceID(request)
                }
            }
            return text
        case .state(let ref):
            let slot: Int?
            switch ref {
            case .fixed(let fixed): slot = fixed
            case .byClass(let index, let slots):
                let value = classValue(index, source: request.source, key: request.key, time: request.time, world: world)
                slot = slots.indices.contains(value) ? slots[value] : nil
            case .missing: slot = nil
            }
            return slot.flatMap { world.value(slot: $0, at: request.time) } ?? "unknown"
        case .number(let distribution, let decimals):
            let value = Draw.value(distribution, Draw.unit(seed, request.key, salt))
            return Format.number(value, decimals: decimals)
        case .choice(let values, let cumulative):
            return values[Draw.pick(cumulative, Draw.unit(seed, request.key, salt))]
        }
    }

    /// Whether a span happened in this request: its own draw and all its ancestors'.
    func spanPresent(_ index: Int, of request: RequestSketch) -> Bool {
        let shape = template(of: request)
        var current: Int? = index
        var depth = 0
        while let i = current, depth < 64 {
            let span = shape.spans[i]
            if span.present < 1, Draw.unit(seed, request.key, span.presenceSalt) >= span.present { return false }
            current = span.parent
            depth += 1
        }
        return true
    }

    /// Self durations (ms) of each span (0 for spans that did not happen), the root's overhead last.
    private func selfDurations(_ request: RequestSketch) -> (spans: [Double], overhead: Double) {
        let shape = template(of: request)
        var spans = [Double](repeating: 0, count: shape.spans.count)
        for index in 0..<shape.spans.count where spanPresent(index, of: request) {
            spans[index] = Draw.value(shape.spans[index].duration, Draw.unit(seed, request.key, shape.spans[index].durationSalt))
        }
        return (spans, Draw.value(shape.overhead, Draw.unit(seed, request.key, Self.rootDurationSalt)))
    }

    static let rootDurationSalt = Draw.salt("duration:root")

    /// Total durations of each span (self plus children) and of the root.
    func durations(_ request: RequestSketch) -> (spans: [Double], root: Double) {
        let shape = template(of: request)
        let (own, overhead) = selfDurations(request)
        var totals = own
        for index in shape.deepestFirst {
            var total = own[index]
            for child in shape.children[index] { total += totals[child] }
            totals[index] = total
        }
        var root = overhead
        for child in shape.rootChildren { root += totals[child] }
        return (totals, root)
    }

    func spanIsError(_ index: Int, of request: RequestSketch) -> Bool {
        let span = template(of: request).spans[index]
        return span.status.errorShare > 0 && Draw.unit(seed, request.key, span.statusSalt) < span.status.errorShare && spanPresent(index, of: request)
    }

    /// The root's HTTP status code, if the shape sets one (200 otherwise).
    func statusCode(_ request: RequestSketch, world: WorldState) -> Int {
        let shape = template(of: request)
        guard let attribute = shape.attributes.first(where: { $0.key == "http.response.status_code" }) else { return 200 }
        return Int(generate(attribute.generator, salt: attribute.salt, request: request, world: world)) ?? 200
    }

    /// As OpenTelemetry marks a server span: an error span inside it, or a 5xx; a 4xx is the caller's.
    func isError(_ request: RequestSketch, world: WorldState) -> Bool {
        if statusCode(request, world: world) >= 500 { return true }
        return template(of: request).spans.indices.contains { spanIsError($0, of: request) }
    }

    /// Tokens summed over LLM spans, and the model cost in US$.
    func usage(_ request: RequestSketch, world: WorldState) -> (input: Double, output: Double, cost: Double) {
        let shape = template(of: request)
        var input = 0.0, output = 0.0, cost = 0.0
        for index in shape.llmSpans where spanPresent(index, of: request) {
            let span = shape.spans[index]
            func read(_ key: String) -> String? {
                span.attributes.first { $0.key == key }.map { generate($0.generator, salt: $0.salt, request: request, world: world) }
            }
            let tokensIn = read("gen_ai.usage.input_tokens").flatMap(Double.init) ?? 0
            let tokensOut = read("gen_ai.usage.output_tokens").flatMap(Double.init) ?? 0
            input += tokensIn
            output += tokensOut
            let model = read("gen_ai.response.model") ?? read("gen_ai.request.model") ?? ""
            let price = prices[model] ?? (0, 0)
            cost += (tokensIn * price.input + tokensOut * price.output) / 1_000_000
        }
        return (input, output, cost)
    }

    /// The value of an attribute by name: built-ins, classes, root attributes, `span.attr`,
    /// then the first span carrying `attr`. Nil when the request does not have it.
    public func attribute(_ name: String, of request: RequestSketch, world: WorldState) -> String? {
        let shape = template(of: request)
        switch name {
        case "time": return String(request.time.milliseconds)
        case "trace": return traceID(request)
        case "name": return shape.name
        case "service": return shape.service
        case "duration_ms": return Format.number(durations(request).root, decimals: 0)
        case "status": return isError(request, world: world) ? "error" : "ok"
        case "feedback": return request.feedbackValue
        case "cost_usd": return Format.number(usage(request, world: world).cost, decimals: 6)
        case "gen_ai.usage.input_tokens" where shape.llmSpans.contains(where: { spanPresent($0, of: request) }): return Format.number(usage(request, world: world).input, decimals: 0)
        case "gen_ai.usage.output_tokens" where shape.llmSpans.contains(where: { spanPresent($0, of: request) }): return Format.number(usage(request, world: world).output, decimals: 0)
        case "error.type":
            for index in shape.spans.indices where spanIsError(index, of: request) {
                let type = shape.spans[index].status.errorType
                return type.isEmpty ? "error" : type
            }
            if let attribute = shape.attributes.first(where: { $0.key == "error.type" }) {
                return generate(attribute.generator, salt: attribute.salt, request: request, world: world)
            }
            return nil
        default: break
        }
        if let index = classes[request.source].firstIndex(where: { $0.name == name }) {
            return classValueName(index, of: request, world: world)
        }
        if let attribute = shape.attributes.first(where: { $0.key == name }) {
            return generate(attribute.generator, salt: attribute.salt, request: request, world: world)
        }
        if let dot = name.firstIndex(of: "."), let spanIndex = shape.spans.firstIndex(where: { $0.id == name[..<dot] }) {
            guard spanPresent(spanIndex, of: request) else { return nil }
            let key = String(name[name.index(after: dot)...])
            let span = shape.spans[spanIndex]
            switch key {
            case "duration_ms": return Format.number(durations(request).spans[spanIndex], decimals: 0)
            case "status": return spanIsError(spanIndex, of: request) ? "error" : "ok"
            default:
                if let attribute = span.attributes.first(where: { $0.key == key }) {
                    return generate(attribute.generator, salt: attribute.salt, request: request, world: world)
                }
            }
        }
        for (index, span) in shape.spans.enumerated() {
            if let attribute = span.attributes.first(where: { $0.key == name }), spanPresent(index, of: request) {
                return generate(attribute.generator, salt: attribute.salt, request: request, world: world)
            }
        }
        return nil
    }

    /// The full trace, for `trace ID` and for listings.
    public func trace(of request: RequestSketch, world: WorldState) -> Trace {
        let shape = template(of: request)
        let (totals, rootTotal) = durations(request)
        let (own, overhead) = selfDurations(request)
        var spans: [Trace.Span] = []
        let code = statusCode(request, world: world)
        var rootAttributes = shape.attributes.map { ($0.key, generate($0.generator, salt: $0.salt, request: request, world: world)) }
        if !rootAttributes.contains(where: { $0.0 == "http.response.status_code" }) { rootAttributes.append(("http.response.status_code", "200")) }
        spans.append(Trace.Span(id: "root", name: shape.name, kind: "SERVER", service: shape.service, parent: nil, depth: 0,
                                offset: 0, duration: rootTotal, isError: code >= 500, errorType: code >= 400 ? String(code) : "",
                                message: "", attributes: rootAttributes))
        func add(_ index: Int, parent: Int, depth: Int, offset: Double) {
            guard spanPresent(index, of: request) else { return }
            let span = shape.spans[index]
            let isError = spanIsError(index, of: request)
            var attributes = span.attributes.map { ($0.key, generate($0.generator, salt: $0.salt, request: request, world: world)) }
            if isError, !span.status.errorType.isEmpty, !attributes.contains(where: { $0.0 == "error.type" }) {
                attributes.append(("error.type", span.status.errorType))
            }
            let position = spans.count
            spans.append(Trace.Span(id: span.id, name: span.name, kind: span.kind, service: span.service, parent: parent, depth: depth,
                                    offset: offset, duration: totals[index], isError: isError, errorType: isError ? span.status.errorType : "",
                                    message: isError ? span.status.message : "", attributes: attributes))
            // Children run one after another, after the span's own work.
            var childOffset = offset + own[index]
            for child in shape.children[index] {
                add(child, parent: position, depth: depth + 1, offset: childOffset)
                childOffset += totals[child]
            }
        }
        var offset = overhead / 2
        for child in shape.rootChildren {
            add(child, parent: 0, depth: 1, offset: offset)
            offset += totals[child]
        }
        let classNames = classes[request.source].indices.map { (classes[request.source][$0].name, classValueName($0, of: request, world: world)) }
        return Trace(id: traceID(request), time: request.time, spans: spans, feedback: request.feedbackValue, classes: classNames)
    }

    /// The log lines this request writes, for `logs SERVICE`.
    func logLines(of request: RequestSketch, world: WorldState) -> [(service: String, level: String, text: String, id: String)] {
        let shape = template(of: request)
        var lines: [(String, String, String, String)] = []
        func emit(_ log: LogTemplate, service: String) {
            if log.every > 1, Draw.hash(seed, request.key, Draw.salt("log:\(log.id)")) % UInt64(log.every) != 0 { return }
            lines.append((service, log.level, fill(log.text, request: request, world: world), log.id))
        }
        for log in shape.logs { emit(log, service: shape.service) }
        for (index, span) in shape.spans.enumerated() where spanPresent(index, of: request) {
            for log in span.logs { emit(log, service: span.service) }
        }
        return lines
    }

    /// Fills `{attribute}` placeholders in a log line from the request.
    func fill(_ text: String, request: RequestSketch, world: WorldState) -> String {
        guard text.contains("{") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += attribute(name, of: request, world: world) ?? "-"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The conversations a request of this shape and quality can show.
    func samplePool(of request: RequestSketch) -> [Sample] {
        let shape = template(of: request)
        return request.bad ? (shape.samplesBad.isEmpty ? shape.samplesGood : shape.samplesBad)
                           : (shape.samplesGood.isEmpty ? shape.samplesBad : shape.samplesGood)
    }

    /// The conversation `samples` shows for this request, skipping any in `avoiding` while others remain.
    func sample(of request: RequestSketch, avoiding: Set<String> = []) -> Sample? {
        let pool = samplePool(of: request)
        guard !pool.isEmpty else { return nil }
        let start = Int(Draw.hash(seed, request.key, Draw.salt("sample")) % UInt64(pool.count))
        for step in 0..<pool.count {
            let candidate = pool[(start + step) % pool.count]
            if !avoiding.contains(candidate.ask + candidate.answer) { return candidate }
        }
        return pool[start]
    }

    public func templateID(of request: RequestSketch) -> String { template(of: request).id }
}
