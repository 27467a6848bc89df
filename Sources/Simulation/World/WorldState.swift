import ScenarioFormat

/// The world's state over time: each path's history from the scenario, with the trainee's
/// and the owners' changes appended as they happen. A value; the past never changes.
public struct WorldState: Sendable, Equatable {
    let table: StateTable
    private(set) var histories: [[Change]]
    /// A hash of every change recorded since the scenario's own history, so caches of
    /// derived values (stream rates, condition intervals) can tell two worlds apart.
    public private(set) var fingerprint: UInt64 = 0

    /// Transient disturbances from harmful actions (a restart dropping conversations).
    public private(set) var disturbances: [Disturbance] = []

    public static func == (a: WorldState, b: WorldState) -> Bool {
        a.histories == b.histories && a.table.paths == b.table.paths && a.disturbances == b.disturbances
    }

    /// Long before any scenario's traffic starts, so every default holds from the beginning.
    static let beginning = SimDuration.days(-3650)

    init(scenario: Scenario) {
        let world = scenario.world
        table = StateTable(paths: StateTable.paths(for: world))
        histories = Array(repeating: [], count: table.paths.count)
        func set(_ path: StatePath, _ changes: [Change]) {
            if let slot = table.slot(path.description) { histories[slot] = changes.sorted { $0.at < $1.at } }
        }
        let origin = Self.beginning
        for alias in world.models { set(.alias(alias.alias), alias.history) }
        for prompt in world.prompts {
            for region in world.regions { set(.prompt(prompt.id, region: region), prompt.history(region: region)) }
        }
        for index in world.indexes {
            for replica in index.replicas {
                set(.replica(replica.id), replica.history)
                set(.rotation(ofReplica: replica.id), [Change(at: origin, value: "in")])
            }
        }
        for tool in world.tools {
            set(.tool(tool.id), tool.history)
            set(.enabled(tool: tool.id), [Change(at: origin, value: "on")])
        }
        for flag in world.flags { set(.flag(flag.id), flag.history) }
        for key in world.keys { set(.key(key.id), [Change(at: key.created, value: "active", by: key.owner)]) }
        for subject in world.keys.map(\.id) + world.tenants.map(\.id) { set(.ratelimit(subject), [Change(at: origin, value: "none")]) }
        for deploy in world.deploys { set(.deploy(deploy.id), [Change(at: deploy.at, value: "live", by: deploy.by)]) }
        for service in world.services { set(.pods(ofService: service.id), [Change(at: origin, value: String(service.pods))]) }
        for judge in world.evals.judges { set(.judge(judge.id), judge.history) }
        set(.evalsRefresh, [Change(at: origin, value: "pending")])
        // Scripted changes merge into the histories in time order (stable for equal times).
        for change in world.changes {
            guard let slot = table.slot(change.path) else { continue }
            var history = histories[slot]
            let position = history.lastIndex { $0.at <= change.at }.map { $0 + 1 } ?? 0
            history.insert(Change(at: change.at, value: change.value, by: change.by, note: change.note), at: position)
            histories[slot] = history
        }
    }

    /// The value of `path` at `time`, or nil for a path the world lacks or a time before its first entry.
    public func value(_ path: String, at time: SimDuration) -> String? {
        guard let slot = table.slot(path) else { return nil }
        return value(slot: slot, at: time)
    }

    public func value(_ path: StatePath, at time: SimDuration) -> String? { value(path.description, at: time) }

    func value(slot: Int, at time: SimDuration) -> String? {
        let history = histories[slot]
        // Histories are short (a handful of entries) and mostly read at recent times.
        var index = history.count - 1
        while index >= 0 {
            if history[index].at <= time { return history[index].value }
            index -= 1
        }
        return nil
    }

    public func history(_ path: String) -> [Change] {
        table.slot(path).map { histories[$0] } ?? []
    }

    public func history(_ path: StatePath) -> [Change] { history(path.description) }

    @discardableResult
    public mutating func record(_ path: StatePath, value: String, at time: SimDuration, by actor: String, note: String = "") -> Bool {
        record(path.description, value: value, at: time, by: actor, note: note)
    }

    /// Records a change made at `time`. Changes arrive in time order; equal values are kept
    /// because the registry should show that someone did it.
    public mutating func record(_ path: String, value: String, at time: SimDuration, by actor: String, note: String = "") -> Bool {
        guard let slot = table.slot(path) else { return false }
        // Scripted changes may lie ahead of the clock; keep each history in time order.
        let position = histories[slot].lastIndex { $0.at <= time }.map { $0 + 1 } ?? 0
        histories[slot].insert(Change(at: time, value: value, by: actor, note: note), at: position)
        fingerprint = StableHash.combine(fingerprint, StableHash.fnv1a(path + "=" + value), UInt64(bitPattern: time.milliseconds))
        return true
    }

    /// Starts a disturbance: for its window, `share` of requests take a consequence's shape.
    mutating func disturb(_ disturbance: Disturbance) {
        disturbances.append(disturbance)
        fingerprint = StableHash.combine(fingerprint, UInt64(disturbance.template), UInt64(bitPattern: disturbance.from.milliseconds))
    }

    /// Every moment in (from, to] at which any state changed, sorted.
    public func changeTimes(from: SimDuration, to: SimDuration) -> [SimDuration] {
        Array(Set(histories.flatMap { $0.map(\.at) }.filter { $0 > from && $0 <= to })).sorted()
    }

    /// Every time any state changes, sorted: the moments a condition can start or stop holding.
    func changeTimes(slots: Set<Int>) -> [SimDuration] {
        Array(Set(slots.flatMap { histories[$0].map(\.at) })).sorted()
    }
}

/// A window during which a share of requests take the shape of a harmful action's consequence.
public struct Disturbance: Sendable, Equatable {
    /// Index of the consequence's shape among the traffic model's templates.
    var template: Int
    var from: SimDuration
    var until: SimDuration
    var share: Double
}
