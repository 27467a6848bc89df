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
        let buckets = max(1, buckets)
        let span = max(SimDuration.minutes(1).milliseconds, (to - from).milliseconds / Int64(buckets))
        let bucket = SimDuration(milliseconds: span)
        let start = to - SimDuration(milliseconds: span * Int64(buckets))
        var results: [MetricWindow] = []
        let requestSpecs = specs.filter { if case .requests = $0.spec.source { return true } else { return false } }
        var aggregated: [String: [[String: Double?]]] = [:]   // metric id → per bucket: group → value
        if !requestSpecs.isEmpty {
            let windowMinutes = max(1, Int((to - start).milliseconds / 60_000))
            let cap = max(12, 24_000 / windowMinutes)
            for (index, bucketValues) in aggregate(requestSpecs, from: start, to: to, buckets: buckets, bucket: bucket, maxPerMinute: cap).enumerated() {
                _ = index
                for (id, groups) in bucketValues { aggregated[id, default: []].append(groups) }
            }
        }
        for (spec, by, top) in specs {
            if case .requests = spec.source {
                let perBucket = aggregated[spec.id] ?? []
                let current = aggregate([(spec, by, top)], from: to - Self.currentSpan, to: to, buckets: 1, bucket: Self.currentSpan, maxPerMinute: 3000).first?[spec.id] ?? [:]
                let yesterday = to - .days(1)
                let baseline = aggregate([(spec, by, top)], from: yesterday - .hours(1), to: yesterday, buckets: 1, bucket: .hours(1), maxPerMinute: 200).first?[spec.id] ?? [:]
                if let by {
                    var totals: [String: Double] = [:]
                    for groups in perBucket { for (group, value) in groups { totals[group, default: 0] += value ?? 0 } }
                    for (group, value) in current { totals[group, default: 0] += (value ?? 0) * 2 }
                    let chosen = totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(max(1, top)).map(\.key).sorted()
                    for group in chosen {
                        var window = MetricWindow(spec: spec, label: "\(spec.title) · \(by)=\(group)", from: start, bucket: bucket,
                                                  values: perBucket.map { $0[group] ?? 0 }, current: current[group] ?? 0,
                                                  baseline: baseline[group] ?? 0, changeStart: nil)
                        window.changeStart = Self.departure(window.values, baseline: window.baseline)
                        results.append(window)
                    }
                } else {
                    var window = MetricWindow(spec: spec, label: spec.title, from: start, bucket: bucket, values: perBucket.map { $0[""] ?? nil },
                                              current: current[""] ?? nil, baseline: baseline[""] ?? nil, changeStart: nil)
                    window.changeStart = Self.departure(window.values, baseline: window.baseline)
                    results.append(window)
                }
            } else {
                var values: [Double?] = []
                for index in 0..<buckets {
                    let middle = start + SimDuration(milliseconds: span * Int64(index) + span / 2)
                    values.append(model.series.value(spec.id, at: middle, world: world))
                }
                let current = model.series.value(spec.id, at: to - .minutes(1), world: world)
                var baseline: Double?
                if case .ambient(let declared, _, _, _) = spec.source { baseline = declared } else {
                    baseline = model.series.value(spec.id, at: to - .days(1), world: world)
                }
                var window = MetricWindow(spec: spec, label: spec.title, from: start, bucket: bucket, values: values, current: current,
                                          baseline: baseline, changeStart: nil)
                window.changeStart = Self.departure(values, baseline: baseline)
                results.append(window)
            }
        }
        return results
    }

    /// Per bucket, per metric id, per group ("" without `by`): the aggregated value.
    func aggregate(_ specs: [(spec: MetricSpec, by: String?, top: Int)], from: SimDuration, to: SimDuration, buckets: Int,
                   bucket: SimDuration, maxPerMinute: Int) -> [[String: [String: Double?]]] {
        struct Accumulator { var among = 0.0, hits = 0.0, sum = 0.0, values: [Double] = [] }
        var state = [[String: [String: Accumulator]]](repeating: [:], count: buckets)
        model.forEach(from: from, to: to, world: world, maxPerMinute: maxPerMinute) { request, weight in
            let index = Int((request.time - from).milliseconds / bucket.milliseconds)
            guard index >= 0, index < buckets else { return }
            var cache: [String: String?] = [:]
            let lookup: (String) -> String? = { name in
                if let known = cache[name] { return known }
                let value = model.attribute(name, of: request, world: world)
                cache[name] = value
                return value
            }
            for (spec, by, _) in specs {
                guard case .requests(let aggregate, let of, let spans, let whereCondition, let among, _) = spec.source else { continue }
                let group = by.map { lookup($0) ?? "(none)" } ?? ""
                var accumulator = state[index][spec.id]?[group] ?? Accumulator()
                let shape = model.template(of: request)
                let spanIndices = spans.map { kind in shape.spans.indices.filter { shape.spans[$0].kind == kind && model.spanPresent($0, of: request) } }
                if let spanIndices, spanIndices.isEmpty { continue }
                if let among, !RequestMatcher.evaluate(among, lookup) { continue }
                accumulator.among += weight
                let hit: Bool
                if let whereCondition {
                    if let spanIndices {
                        hit = spanIndices.contains { index in RequestMatcher.evaluate(whereCondition) { spanAttribute($0, span: index, request: request) ?? lookup($0) } }
                    } else {
                        hit = RequestMatcher.evaluate(whereCondition, lookup)
                    }
                } else {
                    hit = true
                }
                if hit {
                    accumulator.hits += weight
                    if let of {
                        let value: Double?
                        if let spanIndices {
                            value = spanIndices.reduce(0.0) { $0 + (spanAttribute(of, span: $1, request: request).flatMap(Double.init) ?? 0) }
                        } else {
                            value = lookup(of).flatMap(Double.init)
                        }
                        if let value {
                            accumulator.sum += value * weight
                            accumulator.values.append(value)
                        }
                    }
                }
                _ = aggregate
                state[index][spec.id, default: [:]][group] = accumulator
            }
        }
        let minutes = Double(bucket.milliseconds) / 60_000
        return state.map { perMetric in
            var out: [String: [String: Double?]] = [:]
            for (spec, _, _) in specs {
                guard case .requests(let aggregate, _, _, _, _, let perHour) = spec.source else { continue }
                var groups: [String: Double?] = [:]
                for (group, accumulator) in perMetric[spec.id] ?? [:] {
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
                out[spec.id] = groups
            }
            return out
        }
    }

    /// A span-level attribute: its status, duration, error type, or a generated attribute.
    private func spanAttribute(_ name: String, span index: Int, request: RequestSketch) -> String? {
        let shape = model.template(of: request)
        switch name {
        case "status": return model.spanIsError(index, of: request) ? "error" : "ok"
        case "duration_ms": return Format.number(model.durations(request).spans[index], decimals: 0)
        case "error.type": return model.spanIsError(index, of: request) ? shape.spans[index].status.errorType : nil
        default:
            guard let attribute = shape.spans[index].attributes.first(where: { $0.key == name }) else { return nil }
            return model.generate(attribute.generator, salt: attribute.salt, request: request, world: world)
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
        // The scatter of the first half (before most changes) sets how far is "far": noisy
        // series need a bigger move before a marker is drawn.
        let early = Array(known.prefix(known.count / 2))
        let mean = early.reduce(0, +) / Double(max(1, early.count))
        let spread = (early.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, early.count))).squareRoot()
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
