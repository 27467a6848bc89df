import ScenarioFormat

/// One metric over a window: bucketed values, the current value, a baseline, and where
/// (if anywhere) the series departs from it.
struct MetricWindow: Sendable {
    var spec: MetricSpec
    var label: String
    var from: SimDuration
    var bucket: SimDuration
    var values: [Double?]
    var current: Double?
    var baseline: Double?
    /// First bucket of a sustained departure from the baseline that is still going on.
    var changeStart: Int?
}

/// Computes metric windows from the traffic model (request metrics), the series model
/// (ambient and world), and nothing else, so dashboards agree with traces by construction.
struct MetricEngine {
    let model: TrafficModel
    let world: WorldState

    /// The last five minutes: what a dashboard's "current" reads.
    static let currentSpan = SimDuration.minutes(5)

    func windows(_ specs: [(spec: MetricSpec, by: String?, top: Int)], from: SimDuration, to: SimDuration, buckets: Int) -> [MetricWindow] {
        // Buckets are whole minutes, so a short window gets fewer of them rather than reaching back further.
        let buckets = max(1, min(buckets, Int((to - from).milliseconds / 60_000)))
        let span = max(SimDuration.minutes(1).milliseconds, (to - from).milliseconds / Int64(buckets))
        let bucket = SimDuration(milliseconds: span)
        let start = to - SimDuration(milliseconds: span * Int64(buckets))
        let requestSpecs = specs.filter { if case .requests = $0.spec.source { return true } else { return false } }
        // Three passes over the traffic serve every request metric at once: the series, the
        // current value (the last five minutes, every request), and the baseline (the same
        // hour yesterday, sampled).
        var series: [String: [[String: Double?]]] = [:]
        var current: [String: [String: Double?]] = [:], baseline: [String: [String: Double?]] = [:]
        if !requestSpecs.isEmpty {
            let windowMinutes = max(1, Int((to - start).milliseconds / 60_000))
            // About 12,000 requests per window: enough for a steady sparkline, cheap enough to redraw.
            let cap = max(12, 12_000 / windowMinutes)
            for bucketValues in aggregate(requestSpecs, from: start, to: to, buckets: buckets, bucket: bucket, maxPerMinute: cap) {
                for (key, groups) in bucketValues { series[key, default: []].append(groups) }
            }
            current = aggregate(requestSpecs, from: to - Self.currentSpan, to: to, buckets: 1, bucket: Self.currentSpan, maxPerMinute: 3000).first ?? [:]
            let yesterday = to - .days(1)
            baseline = aggregate(requestSpecs, from: yesterday - .hours(1), to: yesterday, buckets: 1, bucket: .hours(1), maxPerMinute: 80).first ?? [:]
        }
        var results: [MetricWindow] = []
        for (spec, by, top) in specs {
            if case .requests = spec.source {
                let key = Self.key(spec.id, by)
                let perBucket = series[key] ?? []
                let now = current[key] ?? [:], before = baseline[key] ?? [:]
                if let by {
                    var totals: [String: Double] = [:]
                    for groups in perBucket { for (group, value) in groups { totals[group, default: 0] += value ?? 0 } }
                    for (group, value) in now { totals[group, default: 0] += (value ?? 0) * 2 }
                    let chosen = totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(max(1, top)).map(\.key).sorted()
                    for group in chosen {
                        var window = MetricWindow(spec: spec, label: "\(spec.title) · \(by)=\(group)", from: start, bucket: bucket,
                                                  values: perBucket.map { $0[group] ?? 0 }, current: now[group] ?? 0,
                                                  baseline: before[group] ?? 0, changeStart: nil)
                        window.changeStart = Self.departure(window.values, baseline: window.baseline)
                        results.append(window)
                    }
                } else {
                    var window = MetricWindow(spec: spec, label: spec.title, from: start, bucket: bucket, values: perBucket.map { $0[""] ?? nil },
                                              current: now[""] ?? nil, baseline: before[""] ?? nil, changeStart: nil)
                    window.changeStart = Self.departure(window.values, baseline: window.baseline)
                    results.append(window)
                }
            } else {
                var values: [Double?] = []
                for index in 0..<buckets {
                    let middle = start + SimDuration(milliseconds: span * Int64(index) + span / 2)
                    values.append(model.series.value(spec.id, at: middle, world: world))
                }
                let now = model.series.value(spec.id, at: to - .minutes(1), world: world)
                var before: Double?
                if case .ambient(let declared, _, _, _) = spec.source { before = declared } else {
                    before = model.series.value(spec.id, at: to - .days(1), world: world)
                }
                var window = MetricWindow(spec: spec, label: spec.title, from: start, bucket: bucket, values: values, current: now,
                                          baseline: before, changeStart: nil)
                window.changeStart = Self.departure(values, baseline: before)
                results.append(window)
            }
        }
        return results
    }

    /// Running totals of one metric in one bucket (a class, so it is updated in place).
    private final class Accumulator {
        var among = 0.0, hits = 0.0, sum = 0.0
        var values: [Double] = []
    }

    /// What one request offers a metric, computed at most once per request.
    private struct RequestFacts {
        let model: TrafficModel
        let world: WorldState
        let request: RequestSketch
        let shape: CompiledTemplate
        private var durations: (spans: [Double], root: Double)?
        private var usage: (input: Double, output: Double, cost: Double)?

        init(model: TrafficModel, world: WorldState, request: RequestSketch) {
            self.model = model
            self.world = world
            self.request = request
            self.shape = model.template(of: request)
        }

        mutating func spanDurations() -> (spans: [Double], root: Double) {
            if let durations { return durations }
            let computed = model.durations(request)
            durations = computed
            return computed
        }

        mutating func costs() -> (input: Double, output: Double, cost: Double) {
            if let usage { return usage }
            let computed = model.usage(request, world: world)
            usage = computed
            return computed
        }

        /// A request attribute as a number, without a round trip through text for the common ones.
        mutating func number(_ name: String) -> Double? {
            switch name {
            case "duration_ms": return spanDurations().root
            case "cost_usd": return costs().cost
            case "gen_ai.usage.input_tokens": return shape.llmSpans.isEmpty ? nil : costs().input
            case "gen_ai.usage.output_tokens": return shape.llmSpans.isEmpty ? nil : costs().output
            default: return model.attribute(name, of: request, world: world).flatMap(Double.init)
            }
        }

        mutating func text(_ name: String) -> String? {
            switch name {
            case "feedback": return request.feedbackValue
            case "http.response.status_code": return String(model.statusCode(request, world: world))
            default: return model.attribute(name, of: request, world: world)
            }
        }

        /// A span-level attribute: its status, duration, error type, or a generated attribute.
        mutating func spanText(_ name: String, span index: Int) -> String? {
            switch name {
            case "status": return model.spanIsError(index, of: request) ? "error" : "ok"
            case "duration_ms": return Format.number(spanDurations().spans[index], decimals: 0)
            case "error.type": return model.spanIsError(index, of: request) ? shape.spans[index].status.errorType : nil
            default:
                guard let attribute = shape.spans[index].attributes.first(where: { $0.key == name }) else { return nil }
                return model.generate(attribute.generator, salt: attribute.salt, request: request, world: world)
            }
        }

        mutating func spanNumber(_ name: String, span index: Int) -> Double? {
            if name == "duration_ms" { return spanDurations().spans[index] }
            return spanText(name, span: index).flatMap(Double.init)
        }
    }

    /// Results are keyed by metric and breakdown: a dashboard may draw one metric whole and by key.
    static func key(_ id: String, _ by: String?) -> String { by.map { "\(id)|\($0)" } ?? id }

    /// Per bucket, per metric key (see `key`), per group ("" without `by`): the aggregated value.
    func aggregate(_ specs: [(spec: MetricSpec, by: String?, top: Int)], from: SimDuration, to: SimDuration, buckets: Int,
                   bucket: SimDuration, maxPerMinute: Int) -> [[String: [String: Double?]]] {
        let metrics = specs.filter { if case .requests = $0.spec.source { return true } else { return false } }
        // state[bucket][metric][group]
        var state = (0..<buckets).map { _ in metrics.map { _ in [String: Accumulator]() } }
        model.forEach(from: from, to: to, world: world, maxPerMinute: maxPerMinute) { request, weight in
            let index = Int((request.time - from).milliseconds / bucket.milliseconds)
            guard index >= 0, index < buckets else { return }
            var facts = RequestFacts(model: model, world: world, request: request)
            for (position, metric) in metrics.enumerated() {
                guard case .requests(_, let of, let spans, let whereCondition, let among, _) = metric.spec.source else { continue }
                var present: [Int] = []
                if let kind = spans {
                    present = (facts.shape.spansByKind[kind] ?? []).filter { model.spanPresent($0, of: request) }
                    if present.isEmpty { continue }
                }
                if let among, !RequestMatcher.evaluate(among, { facts.text($0) }) { continue }
                let group = metric.by.map { facts.text($0) ?? "(none)" } ?? ""
                let accumulator: Accumulator
                if let existing = state[index][position][group] { accumulator = existing } else {
                    accumulator = Accumulator()
                    state[index][position][group] = accumulator
                }
                accumulator.among += weight
                if let whereCondition {
                    let hit = spans == nil
                        ? RequestMatcher.evaluate(whereCondition) { facts.text($0) }
                        : present.contains { span in RequestMatcher.evaluate(whereCondition) { facts.spanText($0, span: span) ?? facts.text($0) } }
                    guard hit else { continue }
                }
                accumulator.hits += weight
                guard let of else { continue }
                let value = spans == nil ? facts.number(of) : present.reduce(0.0) { $0 + (facts.spanNumber(of, span: $1) ?? 0) }
                if let value {
                    accumulator.sum += value * weight
                    accumulator.values.append(value)
                }
            }
        }
        let minutes = Double(bucket.milliseconds) / 60_000
        return state.map { perMetric in
            var out: [String: [String: Double?]] = [:]
            for (position, metric) in metrics.enumerated() {
                guard case .requests(let aggregate, _, _, _, _, let perHour) = metric.spec.source else { continue }
                var groups: [String: Double?] = [:]
                for (group, accumulator) in perMetric[position] {
                    let scale = perHour ? 60 / minutes : 1 / minutes
                    switch aggregate {
                    case .rate: groups[group] = accumulator.hits * scale
                    case .sum: groups[group] = accumulator.sum * scale
                    case .share: groups[group] = accumulator.among > 0 ? 100 * accumulator.hits / accumulator.among : nil
                    case .mean: groups[group] = accumulator.hits > 0 ? accumulator.sum / accumulator.hits : nil
                    case .p50: groups[group] = Self.percentile(accumulator.values, 0.50)
                    case .p95: groups[group] = Self.percentile(accumulator.values, 0.95)
                    case .p99: groups[group] = Self.percentile(accumulator.values, 0.99)
                    }
                }
                if groups.isEmpty, [.rate, .sum].contains(aggregate) { groups[""] = 0 }
                out[Self.key(metric.spec.id, metric.by)] = groups
            }
            return out
        }
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count - 1)).rounded())
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    /// Where a still-running departure from the baseline begins: the last stretch of buckets
    /// that differ from it by more than a quarter (and by more than the scatter before it).
    static func departure(_ values: [Double?], baseline: Double?) -> Int? {
        guard let baseline, values.count >= 6 else { return nil }
        let known = values.compactMap { $0 }
        guard known.count >= 6 else { return nil }
        // Noise from bucket-to-bucket steps (their median is blind to one real step), so a
        // noisy series needs a bigger move before a marker is drawn.
        let steps = zip(known, known.dropFirst()).map { abs($1 - $0) }.sorted()
        let spread = steps.isEmpty ? 0 : steps[steps.count / 2] / 0.95
        let margin = max(abs(baseline) * 0.25, 3 * spread, 1e-9)
        func deviates(_ value: Double) -> Bool { abs(value - baseline) > margin }
        var index = values.count - 1
        while index >= 0, let value = values[index], deviates(value) { index -= 1 }
        let start = index + 1
        guard start < values.count - 1, start > 0 else { return nil }
        // The stretch must be in one direction and the run before it mostly normal.
        let stretch = values[start...].compactMap { $0 }
        let up = stretch.allSatisfy { $0 > baseline }, down = stretch.allSatisfy { $0 < baseline }
        let before = values[..<start].compactMap { $0 }
        let normal = before.filter { !deviates($0) }.count
        guard up || down, Double(normal) >= Double(before.count) * 0.7, stretch.count >= 2 else { return nil }
        return start
    }
}

extension Session {
    /// A metric over a span, for charts outside the terminal (the HTML report's timeline).
    public struct Series: Sendable {
        public var id: String
        public var title: String
        public var unit: String
        public var decimals: Int
        public var from: SimDuration
        public var bucket: SimDuration
        public var values: [Double?]
        public var baseline: Double?
        public var higherIsWorse: Bool
    }

    public func series(_ id: String, from: SimDuration, to: SimDuration, buckets: Int) -> Series? {
        guard let spec = scenario.metric(id, pack: pack),
              let window = MetricEngine(model: model, world: world).windows([(spec, nil, 0)], from: from, to: to, buckets: buckets).first else { return nil }
        return Series(id: id, title: spec.title, unit: spec.unit, decimals: spec.decimals, from: window.from, bucket: window.bucket,
                      values: window.values, baseline: window.baseline, higherIsWorse: spec.higherIsWorse)
    }
}
