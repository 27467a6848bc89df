import ScenarioFormat
import Synchronization

/// Ambient metrics (baseline, noise, effects) and world gauges, as functions of time and
/// the world. Values change once a minute, as a scraped metric would.
final class SeriesModel: Sendable {
    private struct CompiledEffect: Sendable {
        let predicate: Predicate?
        let window: (from: SimDuration, until: SimDuration?)?
        let change: MetricSpec.Effect.Change
        let ramp: SimDuration
        let recover: SimDuration
    }

    private let specs: [String: MetricSpec]
    private let salts: [String: UInt64]
    private let effects: [String: [CompiledEffect]]
    private let world: World
    private let seed: UInt64
    private struct CacheKey: Hashable { let fingerprint: UInt64; let metric: String; let effect: Int }
    private let intervalCache = Mutex<[CacheKey: Intervals]>([:])

    init(scenario: Scenario, pack: Pack, table: StateTable) {
        var specs: [String: MetricSpec] = [:]
        var effects: [String: [CompiledEffect]] = [:]
        for spec in scenario.allMetrics(pack: pack) {
            specs[spec.id] = spec
            if case .ambient(_, _, _, let list) = spec.source {
                effects[spec.id] = list.map { effect in
                    CompiledEffect(
                        predicate: effect.when.map { Predicate.compile($0, table: table, classes: []) },
                        window: effect.at.map { at in (at, effect.duration.map { at + $0 }) },
                        change: effect.change, ramp: effect.ramp, recover: effect.recover)
                }
            }
        }
        self.specs = specs
        self.salts = specs.mapValues { Draw.salt("ambient:\($0.id)") }
        self.effects = effects
        self.world = scenario.world
        self.seed = scenario.seed
    }

    /// The metric's value at `time` (ambient or world metrics; request metrics read 0 here).
    func value(_ id: String, at time: SimDuration, world state: WorldState) -> Double {
        guard let spec = specs[id] else { return 0 }
        let minute = floorDiv(time.milliseconds, 60_000)
        let sampled = SimDuration(milliseconds: minute * 60_000)
        switch spec.source {
        case .requests: return 0
        case .ambient(let baseline, let noise, let jitter, _):
            let salt = salts[id] ?? 0
            let u = Draw.unit(seed, UInt64(bitPattern: minute), salt)
            let v = Draw.unit(seed, UInt64(bitPattern: minute), salt &+ 1)
            var value = baseline * (1 + noise * (2 * u - 1)) + jitter * (2 * v - 1)
            for (number, effect) in (effects[id] ?? []).enumerated() {
                let level = self.level(effect, metric: id, number: number, at: sampled, world: state)
                guard level > 0 else { continue }
                switch effect.change {
                case .add(let delta): value += level * delta
                case .set(let target): value += level * (target - value)
                case .times(let factor): value *= 1 + level * (factor - 1)
                }
            }
            return value
        case .world(let gauge, let subject):
            return gaugeValue(gauge, subject: subject, at: time, world: state)
        }
    }

    /// How far into its full change an effect is at `time` (0…1), with ramp and recovery.
    private func level(_ effect: CompiledEffect, metric: String, number: Int, at time: SimDuration, world state: WorldState) -> Double {
        let intervals: Intervals
        if let predicate = effect.predicate {
            let key = CacheKey(fingerprint: state.fingerprint, metric: metric, effect: number)
            if let cached = intervalCache.withLock({ $0[key] }) {
                intervals = cached
            } else {
                intervals = Intervals(of: predicate, world: state)
                intervalCache.withLock { cache in
                    if cache.count > 20_000 { cache.removeAll(keepingCapacity: true) }
                    cache[key] = intervals
                }
            }
        } else if let window = effect.window {
            intervals = Intervals(spans: [(window.from, window.until)])
        } else {
            return 0
        }
        func rampLevel(_ elapsed: SimDuration) -> Double {
            effect.ramp > .zero ? min(1, max(0, Double(elapsed.milliseconds) / Double(effect.ramp.milliseconds))) : 1
        }
        if let active = intervals.containing(time) { return rampLevel(time - active.start) }
        if effect.recover > .zero, let ended = intervals.lastEnded(before: time) {
            let remaining = 1 - Double((time - ended.end).milliseconds) / Double(effect.recover.milliseconds)
            return remaining > 0 ? rampLevel(ended.end - ended.start) * remaining : 0
        }
        return 0
    }

    private func gaugeValue(_ gauge: MetricSpec.WorldGauge, subject: String?, at time: SimDuration, world state: WorldState) -> Double {
        let subject = subject ?? ([.replicasHealthy, .indexAgeHours].contains(gauge) ? world.indexes.first?.id : world.evals.sets.first?.id) ?? ""
        switch gauge {
        case .replicasHealthy:
            let replicas = world.index(subject)?.replicas ?? []
            return Double(replicas.filter { state.value(StatePath.replica($0.id), at: time) == "up" }.count)
        case .indexAgeHours:
            guard let latest = world.index(subject)?.builds.filter({ $0.at <= time }).map(\.at).max() else { return 0 }
            return Double((time - latest).milliseconds) / 3_600_000
        case .evalSetAgeDays:
            var built = world.evalSet(subject)?.built ?? time
            if let refreshed = refreshTime(state, before: time), world.evals.effectiveRefresh.sets.contains(where: { $0.id == subject }) {
                built = max(built, refreshed)
            }
            return Double((time - built).milliseconds) / 86_400_000
        case .evalScore:
            var runs = world.evals.runs.filter { $0.set == subject && $0.at <= time }.map { ($0.at, $0.score) }
            if let refreshed = refreshTime(state, before: time) {
                runs += world.evals.effectiveRefresh.runs.filter { $0.set == subject && refreshed + $0.at <= time }.map { (refreshed + $0.at, $0.score) }
            }
            return runs.max { $0.0 < $1.0 }?.1 ?? 0
        }
    }

    private func refreshTime(_ state: WorldState, before time: SimDuration) -> SimDuration? {
        state.history(StatePath.evalsRefresh).first { $0.value == "done" && $0.at <= time }?.at
    }
}
