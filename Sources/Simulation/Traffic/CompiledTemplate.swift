import ScenarioFormat

/// A request class ready for drawing.
struct CompiledClass: Sendable {
    enum Kind: Sendable {
        case constant
        case weighted(cumulative: [Double])
        case pool(size: Int, prefix: String)
        /// Replica ids of an index and the state slot of each one's rotation.
        case replicas(rotationSlots: [Int?])
    }

    let name: String
    let kind: Kind
    /// Possible values (empty for pools, whose ids are made on demand).
    let values: [String]
    let salt: UInt64

    func valueName(_ index: Int) -> String {
        if case .pool(_, let prefix) = kind { return prefix + "-" + String(index).leftPadded(to: 5) }
        return values.indices.contains(index) ? values[index] : "(none)"
    }
}

/// An attribute generator ready for drawing.
enum CompiledGenerator: Sendable {
    enum Piece: Sendable { case literal(String), requestClass(Int), trace }
    case text([Piece])
    case state(Predicate.SlotRef)
    case number(Distribution, decimals: Int)
    case choice(values: [String], cumulative: [Double])
}

struct CompiledSpan: Sendable {
    let id: String
    let name: String
    let kind: String
    let service: String
    let parent: Int?
    let duration: Distribution
    let status: StatusSpec
    let attributes: [(key: String, generator: CompiledGenerator, salt: UInt64)]
    let logs: [LogTemplate]
    let durationSalt: UInt64
    let statusSalt: UInt64
    let present: Double
    let presenceSalt: UInt64
}

/// A request shape ready for the per-request function. A class, so the hot path passes a
/// pointer rather than copying a dozen arrays per request.
final class CompiledTemplate: Sendable {
    enum Synthetic: Sendable { case revoked, throttled }

    let id: String
    let name: String
    let service: String
    let overhead: Distribution
    let attributes: [(key: String, generator: CompiledGenerator, salt: UInt64)]
    let bad: Double
    let feedbackGood: [Double]
    let feedbackBad: [Double]
    let spans: [CompiledSpan]
    let rootChildren: [Int]
    let children: [[Int]]
    let samplesGood: [Sample]
    let samplesBad: [Sample]
    let logs: [LogTemplate]
    let llmSpans: [Int]
    let synthetic: Synthetic?
    /// Span indices ordered deepest first, so totals can be summed children before parents.
    let deepestFirst: [Int]
    /// Span indices by OpenInference kind.
    let spansByKind: [String: [Int]]

    init(id: String, name: String, service: String, overhead: Distribution, attributes: [(key: String, generator: CompiledGenerator, salt: UInt64)],
         bad: Double, feedbackGood: [Double], feedbackBad: [Double], spans: [CompiledSpan], rootChildren: [Int], children: [[Int]],
         samplesGood: [Sample], samplesBad: [Sample], logs: [LogTemplate], llmSpans: [Int], synthetic: Synthetic?) {
        self.id = id
        self.name = name
        self.service = service
        self.overhead = overhead
        self.attributes = attributes
        self.bad = bad
        self.feedbackGood = feedbackGood
        self.feedbackBad = feedbackBad
        self.spans = spans
        self.rootChildren = rootChildren
        self.children = children
        self.samplesGood = samplesGood
        self.samplesBad = samplesBad
        self.logs = logs
        self.llmSpans = llmSpans
        self.synthetic = synthetic
        func depth(_ index: Int) -> Int {
            var depth = 0, current = spans[index].parent
            while let parent = current, depth < 64 { depth += 1; current = spans[parent].parent }
            return depth
        }
        deepestFirst = spans.indices.sorted { (depth($0), $0) > (depth($1), $1) }
        var byKind: [String: [Int]] = [:]
        for (index, span) in spans.enumerated() { byKind[span.kind, default: []].append(index) }
        spansByKind = byKind
    }

    /// The pack's feedback values, in the order the cumulative arrays use.
    static let feedbackValues = FeedbackModel.values

    static func compile(_ template: RequestTemplate, feedback: FeedbackModel, classes: [CompiledClass], table: StateTable,
                        synthetic: Synthetic? = nil) -> CompiledTemplate {
        let classNames = classes.map(\.name)
        let classValues = classes.map { (name: $0.name, values: $0.values) }
        func generator(_ generator: AttributeGenerator) -> CompiledGenerator {
            switch generator {
            case .text(let text): return .text(pieces(text, classNames: classNames))
            case .state(let path):
                let predicate = Predicate.compile(.compare(.state(path), .equal, []), table: table, classes: classValues)
                if case .state(let ref, _, _) = predicate { return .state(ref) }
                return .state(.missing)
            case .number(let distribution, let decimals): return .number(distribution, decimals: decimals)
            case .choice(let weights): return .choice(values: weights.map(\.value), cumulative: Draw.cumulative(weights.map(\.weight)))
            }
        }
        let model = template.feedback ?? feedback
        func weights(_ list: [(value: String, weight: Double)]) -> [Double] {
            Draw.cumulative(feedbackValues.map { value in list.first { $0.value == value }?.weight ?? 0 })
        }
        let ids = template.spans.map(\.id)
        let spans = template.spans.map { span in
            CompiledSpan(
                id: span.id, name: span.name, kind: span.kind, service: span.service,
                parent: span.parent.flatMap { ids.firstIndex(of: $0) }, duration: span.duration, status: span.status,
                attributes: span.attributes.map { ($0.key, generator($0.value), Draw.salt("attr:\(span.id).\($0.key)")) },
                logs: span.logs, durationSalt: Draw.salt("duration:\(span.id)"), statusSalt: Draw.salt("status:\(span.id)"),
                present: span.present, presenceSalt: Draw.salt("present:\(span.id)"))
        }
        return CompiledTemplate(
            id: template.id, name: template.name, service: template.service, overhead: template.overhead,
            attributes: template.attributes.map { ($0.key, generator($0.value), Draw.salt("attr:root.\($0.key)")) },
            bad: template.bad, feedbackGood: weights(model.good), feedbackBad: weights(model.bad),
            spans: spans, rootChildren: spans.indices.filter { spans[$0].parent == nil },
            children: spans.indices.map { index in spans.indices.filter { spans[$0].parent == index } },
            samplesGood: template.samples.filter { !$0.bad }, samplesBad: template.samples.filter(\.bad),
            logs: template.logs, llmSpans: spans.indices.filter { spans[$0].kind == "LLM" }, synthetic: synthetic)
    }

    /// A shape the engine makes itself: a request refused before any work (revoked key, rate limit).
    static func refusal(_ base: RequestTemplate, _ kind: Synthetic, feedback: FeedbackModel, classes: [CompiledClass], table: StateTable) -> CompiledTemplate {
        var template = base
        let (status, id, message) = kind == .revoked ? ("401", "refused-revoked-key", "invalid_api_key") : ("429", "refused-rate-limit", "rate_limit_exceeded")
        template.id = id
        template.spans = []
        template.bad = 1
        template.overhead = .logNormal(median: 4, p95: 9)
        template.attributes = template.attributes.filter { !$0.key.hasPrefix("http.response.status_code") }
            + [("http.response.status_code", .text(status)), ("error.type", .text(message))]
        template.logs = [LogTemplate(id: id, level: "WARN", text: "\(template.name) \(status) \(message) key={key} trace={trace}", every: 1)]
        return compile(template, feedback: feedback, classes: classes, table: table, synthetic: kind)
    }

    static func pieces(_ text: String, classNames: [String]) -> [CompiledGenerator.Piece] {
        var pieces: [CompiledGenerator.Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if name == "trace" || classNames.contains(name) {
                if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
                pieces.append(name == "trace" ? .trace : .requestClass(classNames.firstIndex(of: name)!))
            } else {
                pieces.append(.literal(String(rest[...close])))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        return pieces
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
