import ScenarioFormat
import Synchronization

/// The scenario's traffic compiled for one seed. `sketch` is the per-request function that
/// traces, samples, logs, dashboards and impact all derive from, so they agree. Immutable
/// apart from memo caches of values that depend only on the world passed in.
public final class TrafficModel: Sendable {
    struct CompiledOverlay: Sendable {
        let predicate: Predicate
        let after: SimDuration?
        let share: Traffic.Overlay.Share
        let sticky: Bool
        let ramp: SimDuration
        /// The class a `{placeholder}` in the predicate reads, whose value decides its intervals.
        let bindingClass: Int?
        let salt: UInt64
        /// How its condition is evaluated: once per scan (world only, or world per one class
        /// value), or per request when it compares request attributes.
        let evaluation: Evaluation

        enum Evaluation: Sendable { case world, perBinding, perRequest }
    }

    struct CompiledStream: Sendable {
        let predicate: Predicate
        let after: SimDuration?
        let rate: Traffic.Rate
        let ramp: SimDuration
        let legit: Bool
        let salt: UInt64
        /// The stream's constant key and tenant, for rate limits and revocation.
        let key: String?
        let tenant: String?
        let keySlot: Int?
    }

    let scenario: Scenario
    let pack: Pack
    public let seed: UInt64
    let table: StateTable
    let classes: [[CompiledClass]]          // per source: 0 = base, k + 1 = stream k
    let templates: [CompiledTemplate]
    let overlays: [CompiledOverlay]
    let streams: [CompiledStream]
    let overlayTemplateStart: Int
    let streamTemplateStart: Int
    /// Template index of each harmful or critical action's consequence, by action.
    let consequenceTemplates: [WorldAction: Int]
    let revokedTemplate: Int
    let throttledTemplate: Int
    let baseCounts: [Int32]
    let series: SeriesModel
    /// Per class value of the base traffic's `key` and `tenant` classes: the rate-limit slot.
    let rateLimitSlots: [(classIndex: Int, slots: [Int?], shares: [Double])]
    let keyClass: (index: Int, slots: [Int?])?
    let userClass: Int?
    /// US$ per million tokens by model version, for request cost.
    let prices: [String: (input: Double, output: Double)]

    private struct IntervalKey: Hashable { let fingerprint: UInt64; let overlay: Int; let binding: Int }
    private struct CountKey: Hashable { let fingerprint: UInt64; let stream: Int; let minute: Int }
    private let intervalCache = Mutex<[IntervalKey: Intervals]>([:])
    private let countCache = Mutex<[CountKey: Int]>([:])

    private static let rateSalt = Draw.salt("rate")
    private static let timeSalt = Draw.salt("time")
    private static let badSalt = Draw.salt("quality")
    private static let feedbackSalt = Draw.salt("feedback")
    private static let disturbanceSalt = Draw.salt("disturbance")
    private static let throttleSalt = Draw.salt("throttle")

    init(scenario: Scenario, pack: Pack, world: WorldState) {
        self.scenario = scenario
        self.pack = pack
        self.seed = scenario.seed
        self.table = world.table
        let table = world.table
        let traffic = scenario.traffic
        let seed = scenario.seed

        func compile(_ requestClass: Traffic.RequestClass) -> CompiledClass {
            let salt = Draw.salt("class:\(requestClass.name)")
            switch requestClass.kind {
            case .constant(let value):
                return CompiledClass(name: requestClass.name, kind: .constant, values: [value], salt: salt)
            case .weighted(let values, let weights):
                return CompiledClass(name: requestClass.name, kind: .weighted(cumulative: Draw.cumulative(weights)), values: values, salt: salt)
            case .tenants:
                let tenants = scenario.world.tenants
                return CompiledClass(name: requestClass.name, kind: .weighted(cumulative: Draw.cumulative(tenants.map(\.share))),
                                     values: tenants.map(\.id), salt: salt)
            case .pool(let size, let prefix):
                return CompiledClass(name: requestClass.name, kind: .pool(size: size, prefix: prefix), values: [], salt: salt)
            case .replicasOf(let indexID):
                let replicas = scenario.world.index(indexID)?.replicas ?? []
                return CompiledClass(name: requestClass.name, kind: .replicas(rotationSlots: replicas.map { world.table.slot(StatePath.rotation(ofReplica: $0.id)) }),
                                     values: replicas.map(\.id), salt: salt)
            }
        }
        let baseClasses = traffic.classes.map(compile)
        var classes = [baseClasses]
        for stream in traffic.streams {
            var merged = baseClasses
            for override in stream.classes.map(compile) {
                if let index = merged.firstIndex(where: { $0.name == override.name }) { merged[index] = override } else { merged.append(override) }
            }
            classes.append(merged)
        }
        self.classes = classes

        var templates = [CompiledTemplate.compile(traffic.request, feedback: pack.feedback, classes: baseClasses, table: table)]
        overlayTemplateStart = templates.count
        templates += traffic.overlayTemplates.map { CompiledTemplate.compile($0, feedback: pack.feedback, classes: baseClasses, table: table) }
        streamTemplateStart = templates.count
        templates += traffic.streamTemplates.enumerated().map { CompiledTemplate.compile($0.element, feedback: pack.feedback, classes: classes[$0.offset + 1], table: table) }
        var consequenceTemplates: [WorldAction: Int] = [:]
        let decoder = NodeDecoder(file: scenario.id)
        for harm in scenario.truth.harmful + scenario.truth.critical {
            guard let patch = harm.consequence?.patch else { continue }
            let template = patch.applied(to: traffic.request, id: "consequence:\(harm.action.value)", decoder: decoder)
            consequenceTemplates[harm.action.value] = templates.count
            templates.append(CompiledTemplate.compile(template, feedback: pack.feedback, classes: baseClasses, table: table))
        }
        self.consequenceTemplates = consequenceTemplates
        revokedTemplate = templates.count
        templates.append(CompiledTemplate.refusal(traffic.request, .revoked, feedback: pack.feedback, classes: baseClasses, table: table))
        throttledTemplate = templates.count
        templates.append(CompiledTemplate.refusal(traffic.request, .throttled, feedback: pack.feedback, classes: baseClasses, table: table))
        self.templates = templates

        let classValues = baseClasses.map { (name: $0.name, values: $0.values) }
        overlays = traffic.overlays.map { overlay in
            let predicate = Predicate.compile(overlay.when, table: world.table, classes: classValues)
            let binding = overlay.when.operands.flatMap(\.placeholders).first.flatMap { name in baseClasses.firstIndex { $0.name == name } }
            let evaluation: CompiledOverlay.Evaluation = predicate.readsRequestClasses ? .perRequest : (binding == nil ? .world : .perBinding)
            return CompiledOverlay(predicate: predicate, after: overlay.after, share: overlay.share, sticky: overlay.sticky,
                                   ramp: overlay.ramp, bindingClass: binding, salt: Draw.salt("overlay:\(overlay.id)"), evaluation: evaluation)
        }
        streams = traffic.streams.enumerated().map { index, stream in
            let streamClasses = classes[index + 1]
            func constant(_ name: String) -> String? {
                guard let c = streamClasses.first(where: { $0.name == name }), case .constant = c.kind else { return nil }
                return c.values.first
            }
            return CompiledStream(predicate: Predicate.compile(stream.when, table: world.table, classes: []), after: stream.after,
                                  rate: stream.rate, ramp: stream.ramp, legit: stream.legit, salt: Draw.salt("stream:\(stream.id)"),
                                  key: constant("key"), tenant: constant("tenant"), keySlot: constant("key").flatMap { world.table.slot(StatePath.key($0)) })
        }

        var counts: [Int32] = []
        counts.reserveCapacity(RequestSketch.minuteHorizon - RequestSketch.minuteOrigin)
        for minute in RequestSketch.minuteOrigin..<RequestSketch.minuteHorizon {
            let u = Draw.unit(seed, UInt64(bitPattern: Int64(minute)), Self.rateSalt)
            let rate = traffic.rate.baseline * (1 + traffic.rate.noise * (2 * u - 1))
            counts.append(Int32(min(Double(0xFFFFFF), max(0, rate.rounded()))))
        }
        baseCounts = counts
        series = SeriesModel(scenario: scenario, pack: pack, table: world.table)

        var limits: [(Int, [Int?], [Double])] = []
        for name in ["key", "tenant"] {
            guard let index = baseClasses.firstIndex(where: { $0.name == name }) else { continue }
            let c = baseClasses[index]
            var shares = [Double](repeating: 1, count: c.values.count)
            if case .weighted(let cumulative) = c.kind, let total = cumulative.last, total > 0 {
                shares = cumulative.enumerated().map { ($0.element - ($0.offset > 0 ? cumulative[$0.offset - 1] : 0)) / total }
            }
            limits.append((index, c.values.map { world.table.slot(StatePath.ratelimit($0)) }, shares))
        }
        rateLimitSlots = limits
        keyClass = baseClasses.firstIndex { $0.name == "key" }.map { index in (index, baseClasses[index].values.map { world.table.slot(StatePath.key($0)) }) }
        var prices: [String: (Double, Double)] = [:]
        for alias in scenario.world.models {
            for version in alias.versions { prices[version.id] = (version.inputPrice, version.outputPrice) }
        }
        self.prices = prices
        userClass = baseClasses.firstIndex { if case .pool = $0.kind { return $0.name == "user" } else { return false } }
    }

    // MARK: Counting

    /// Requests of `source` in `minute` (minutes count from the page; negative is before).
    func count(source: Int, minute: Int, world: WorldState) -> Int {
        guard minute >= RequestSketch.minuteOrigin, minute < RequestSketch.minuteHorizon else { return 0 }
        if source == 0 { return Int(baseCounts[minute - RequestSketch.minuteOrigin]) }
        let key = CountKey(fingerprint: world.fingerprint, stream: source - 1, minute: minute)
        if let cached = countCache.withLock({ $0[key] }) { return cached }
        let value = streamCount(source - 1, minute: minute, world: world)
        countCache.withLock { cache in
            if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
            cache[key] = value
        }
        return value
    }

    private func streamCount(_ index: Int, minute: Int, world: WorldState) -> Int {
        let stream = streams[index]
        let time = SimDuration(milliseconds: Int64(minute) * 60_000 + 30_000)
        if let after = stream.after, time < after { return 0 }
        let intervals = cachedIntervals(key: IntervalKey(fingerprint: world.fingerprint, overlay: -1 - index, binding: -1)) {
            Intervals(of: stream.predicate, world: world)
        }
        guard let active = intervals.containing(time) else { return 0 }
        let onset = max(active.start, stream.after ?? active.start)
        var rate = stream.rate.baseline * (1 + stream.rate.noise * (2 * Draw.unit(seed, UInt64(bitPattern: Int64(minute)), stream.salt) - 1))
        if stream.ramp > .zero { rate *= min(1, Double((time - onset).milliseconds) / Double(stream.ramp.milliseconds)) }
        if let key = stream.key, !stream.legit, let state = world.value(StatePath.key(key), at: time), state != "active" {
            rate *= 0.1   // a bot retries a dead key for a while, then mostly gives up
        }
        for subject in [stream.key, stream.tenant].compactMap({ $0 }) {
            if let limit = world.value(StatePath.ratelimit(subject), at: time).flatMap(Double.init) { rate = min(rate, limit) }
        }
        return Int(min(Double(0xFFFFFF), max(0, rate.rounded())))
    }

    var sourceCount: Int { streams.count + 1 }

    // MARK: The per-request function

    /// A cache of the world's state for one pass over requests.
    func scan(_ world: WorldState) -> TrafficScan { TrafficScan(model: self, world: world) }

    /// The request `ordinal` of `count` in `minute` from `source`.
    func sketch(source: Int, minute: Int, ordinal: Int, count: Int, scan: TrafficScan) -> RequestSketch {
        let key = RequestSketch.pack(source: source, minute: minute, ordinal: ordinal)
        let u = Draw.unit(seed, key, Self.timeSalt)
        let offset = Int64((Double(ordinal) + u) * 60_000 / Double(max(1, count)))
        let time = SimDuration(milliseconds: Int64(minute) * 60_000 + min(59_999, offset))
        let template = chooseTemplate(source: source, key: key, time: time, scan: scan)
        let shape = templates[template]
        let bad = Draw.unit(seed, key, Self.badSalt) < shape.bad
        let feedback = Draw.pick(bad ? shape.feedbackBad : shape.feedbackGood, Draw.unit(seed, key, Self.feedbackSalt))
        return RequestSketch(key: key, time: time, source: source, template: template, bad: bad, feedback: feedback)
    }

    /// The request a key names, if it exists at all (its minute had that many requests).
    func sketch(key: UInt64, world: WorldState) -> RequestSketch? {
        let (source, minute, ordinal) = RequestSketch.unpack(key)
        guard source < sourceCount else { return nil }
        let count = count(source: source, minute: minute, world: world)
        guard ordinal < count else { return nil }
        return sketch(source: source, minute: minute, ordinal: ordinal, count: count, scan: scan(world))
    }

    /// The index of the request's class value for class `index` of its source.
    func classValue(_ index: Int, source: Int, key: UInt64, time: SimDuration, world: WorldState) -> Int {
        let c = classes[source][index]
        switch c.kind {
        case .constant: return 0
        case .weighted(let cumulative): return Draw.pick(cumulative, Draw.unit(seed, key, c.salt))
        case .pool(let size, _): return Int(Draw.hash(seed, key, c.salt) % UInt64(size))
        case .replicas(let slots):
            func inRotation(_ slot: Int?) -> Bool { (slot.flatMap { world.value(slot: $0, at: time) } ?? "in") == "in" }
            var count = 0
            for slot in slots where inRotation(slot) { count += 1 }
            guard count > 0 else { return -1 }
            var pick = Int(Draw.hash(seed, key, c.salt) % UInt64(count))
            for (i, slot) in slots.enumerated() where inRotation(slot) {
                if pick == 0 { return i }
                pick -= 1
            }
            return -1
        }
    }

    /// Whether a predicate holds for one request, drawing its class values as needed.
    func holds(_ predicate: Predicate, source: Int, key: UInt64, time: SimDuration, world: WorldState) -> Bool {
        switch predicate {
        case .always: return true
        case .and(let a, let b):
            return holds(a, source: source, key: key, time: time, world: world) && holds(b, source: source, key: key, time: time, world: world)
        case .or(let a, let b):
            return holds(a, source: source, key: key, time: time, world: world) || holds(b, source: source, key: key, time: time, world: world)
        case .not(let a): return !holds(a, source: source, key: key, time: time, world: world)
        case .requestClass(let index, let relation, let values):
            let value = classValue(index, source: source, key: key, time: time, world: world)
            return Predicate.compare(classes[source][index].valueName(value), relation, values)
        case .state(let ref, let relation, let values):
            var slot: Int?
            switch ref {
            case .fixed(let fixed): slot = fixed
            case .byClass(let index, let slots):
                let value = classValue(index, source: source, key: key, time: time, world: world)
                slot = slots.indices.contains(value) ? slots[value] : nil
            case .missing: slot = nil
            }
            return Predicate.compare(slot.flatMap { world.value(slot: $0, at: time) }, relation, values)
        }
    }

    private func chooseTemplate(source: Int, key: UInt64, time: SimDuration, scan: TrafficScan) -> Int {
        let world = scan.world
        if source > 0 {
            let stream = streams[source - 1]
            if let slot = stream.keySlot, let state = world.value(slot: slot, at: time),
               state == "revoked" || (state == "rotated" && !stream.legit) {
                return revokedTemplate
            }
            return streamTemplateStart + source - 1
        }
        var number = 0
        for disturbance in world.disturbances {
            if disturbance.from <= time, time < disturbance.until,
               Draw.unit(seed, key, Self.disturbanceSalt &+ UInt64(number)) < disturbance.share { return disturbance.template }
            number += 1
        }
        if let keyClass {
            let index = classValue(keyClass.index, source: 0, key: key, time: time, world: world)
            if keyClass.slots.indices.contains(index), let slot = keyClass.slots[index], world.value(slot: slot, at: time) == "revoked" {
                return revokedTemplate
            }
        }
        for limit in rateLimitSlots {
            let index = classValue(limit.classIndex, source: 0, key: key, time: time, world: world)
            guard limit.slots.indices.contains(index), let slot = limit.slots[index],
                  let cap = world.value(slot: slot, at: time).flatMap(Double.init) else { continue }
            let minute = Int(floorDiv(time.milliseconds, 60_000))
            let offered = Double(count(source: 0, minute: minute, world: world)) * limit.shares[index]
            if offered > cap, Draw.unit(seed, key, Self.throttleSalt) < 1 - cap / offered { return throttledTemplate }
        }
        for number in overlays.indices {
            let overlay = overlays[number]
            if let after = overlay.after, time < after { continue }
            var onset: SimDuration?
            switch overlay.evaluation {
            case .world:
                guard let active = scan.intervals(overlay: number, binding: -1).containing(time) else { continue }
                onset = active.start
            case .perBinding:
                let binding = classValue(overlay.bindingClass!, source: 0, key: key, time: time, world: world)
                guard let active = scan.intervals(overlay: number, binding: binding).containing(time) else { continue }
                onset = active.start
            case .perRequest:
                guard holds(overlay.predicate, source: 0, key: key, time: time, world: world) else { continue }
                if overlay.ramp > .zero { onset = scan.intervals(overlay: number, binding: -1).containing(time)?.start }
            }
            var share: Double
            switch overlay.share {
            case .fixed(let fixed): share = fixed
            case .metric(let id): share = series.value(id, at: time, world: world) / 100
            }
            if overlay.ramp > .zero, let onset {
                share *= min(1, Double((time - max(onset, overlay.after ?? onset)).milliseconds) / Double(overlay.ramp.milliseconds))
            }
            guard share > 0 else { continue }
            var drawKey = key
            if overlay.sticky, let userClass { drawKey = UInt64(classValue(userClass, source: 0, key: key, time: time, world: world)) }
            if share >= 1 || Draw.unit(seed, drawKey, overlay.salt) < share {
                return overlayTemplateStart + number
            }
        }
        return 0
    }

    func cachedIntervals(overlay: Int, fingerprint: UInt64, binding: Int, make: () -> Intervals) -> Intervals {
        cachedIntervals(key: IntervalKey(fingerprint: fingerprint, overlay: overlay, binding: binding), make: make)
    }

    private func cachedIntervals(key: IntervalKey, make: () -> Intervals) -> Intervals {
        if let cached = intervalCache.withLock({ $0[key] }) { return cached }
        let made = make()
        intervalCache.withLock { cache in
            if cache.count > 50_000 { cache.removeAll(keepingCapacity: true) }
            cache[key] = made
        }
        return made
    }

    // MARK: Walking a window

    /// The minutes of [from, to) that have traffic at all, empty when none do: every read of
    /// a window goes through here, so a window past the traffic (a journal's clock far beyond
    /// the shift, a chart's margin) reads nothing rather than trapping on a reversed range.
    static func minutes(from: SimDuration, to: SimDuration) -> Range<Int> {
        guard from < to else { return 0..<0 }
        let first = max(floorDiv(from.milliseconds, 60_000), Int64(RequestSketch.minuteOrigin))
        let last = min(floorDiv(to.milliseconds - 1, 60_000), Int64(RequestSketch.minuteHorizon - 1))
        guard first <= last else { return 0..<0 }
        return Int(first)..<Int(last) + 1
    }

    /// Calls `body` for requests whose time is in [from, to), oldest first, with the weight
    /// each stands for. With `maxPerMinute`, each source's minute is sampled evenly.
    func forEach(from: SimDuration, to: SimDuration, world: WorldState, maxPerMinute: Int? = nil,
                 _ body: (RequestSketch, Double) -> Void) {
        let minutes = Self.minutes(from: from, to: to)
        guard !minutes.isEmpty else { return }
        let scan = scan(world)
        for minute in minutes {
            for source in 0..<sourceCount {
                let count = count(source: source, minute: minute, world: world)
                guard count > 0 else { continue }
                var stride = 1
                if let maxPerMinute, count > maxPerMinute { stride = (count + maxPerMinute - 1) / maxPerMinute }
                let start = stride > 1 ? Int(Draw.hash(seed, UInt64(bitPattern: Int64(minute)), UInt64(source)) % UInt64(stride)) : 0
                let weight = Double(stride)
                var ordinal = start
                while ordinal < count {
                    let request = sketch(source: source, minute: minute, ordinal: ordinal, count: count, scan: scan)
                    if request.time >= from && request.time < to { body(request, weight) }
                    ordinal += stride
                }
            }
        }
    }

    /// Requests in [from, to), newest first, until `body` returns false.
    func forEachNewestFirst(from: SimDuration, to: SimDuration, world: WorldState, _ body: (RequestSketch) -> Bool) {
        let minutes = Self.minutes(from: from, to: to)
        guard !minutes.isEmpty else { return }
        let scan = scan(world)
        var minute = minutes.upperBound - 1
        let stop = minutes.lowerBound
        var batch: [RequestSketch] = []
        while minute >= stop {
            batch.removeAll(keepingCapacity: true)
            for source in 0..<sourceCount {
                let count = count(source: source, minute: minute, world: world)
                for ordinal in 0..<count {
                    let request = sketch(source: source, minute: minute, ordinal: ordinal, count: count, scan: scan)
                    if request.time >= from && request.time < to { batch.append(request) }
                }
            }
            batch.sort { ($0.time, $0.key) > ($1.time, $1.key) }
            for request in batch where !body(request) { return }
            minute -= 1
        }
    }
}

/// Division rounding toward negative infinity, for minute numbers before the page.
@inline(__always)
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
