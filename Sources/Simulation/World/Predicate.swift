import ScenarioFormat

/// A scenario condition compiled against a state table and a request's classes, so that
/// evaluating it per request is a few array reads and string compares.
indirect enum Predicate: Sendable {
    enum SlotRef: Sendable {
        case fixed(Int)
        /// `prompt/x/{region}`: one slot per value of a request class (nil where the path is absent).
        case byClass(classIndex: Int, slots: [Int?])
        case missing
    }

    case always
    case state(SlotRef, Relation, [String])
    case requestClass(Int, Relation, [String])
    case and(Predicate, Predicate)
    case or(Predicate, Predicate)
    case not(Predicate)

    /// Compiles a condition. `classes` are the request's class names and their possible values.
    static func compile(_ condition: Condition, table: StateTable, classes: [(name: String, values: [String])]) -> Predicate {
        switch condition {
        case .always: return .always
        case .and(let a, let b): return .and(compile(a, table: table, classes: classes), compile(b, table: table, classes: classes))
        case .or(let a, let b): return .or(compile(a, table: table, classes: classes), compile(b, table: table, classes: classes))
        case .not(let a): return .not(compile(a, table: table, classes: classes))
        case .compare(let operand, let relation, let values):
            switch operand {
            case .attribute(let name):
                guard let index = classes.firstIndex(where: { $0.name == name }) else { return .state(.missing, relation, values) }
                return .requestClass(index, relation, values)
            case .state(let path):
                let placeholders = operand.placeholders
                guard let name = placeholders.first else {
                    return .state(table.slot(path).map(SlotRef.fixed) ?? .missing, relation, values)
                }
                guard let index = classes.firstIndex(where: { $0.name == name }) else { return .state(.missing, relation, values) }
                let slots = classes[index].values.map { table.slot(path.replacingOccurrences(of: "{\(name)}", with: $0)) }
                return .state(.byClass(classIndex: index, slots: slots), relation, values)
            }
        }
    }

    /// Whether it holds for a request whose class values are given by `classValue` (an index per class).
    func holds(world: WorldState, at time: SimDuration, classValue: (Int) -> Int, classNames: (Int, Int) -> String) -> Bool {
        switch self {
        case .always: return true
        case .and(let a, let b):
            return a.holds(world: world, at: time, classValue: classValue, classNames: classNames)
                && b.holds(world: world, at: time, classValue: classValue, classNames: classNames)
        case .or(let a, let b):
            return a.holds(world: world, at: time, classValue: classValue, classNames: classNames)
                || b.holds(world: world, at: time, classValue: classValue, classNames: classNames)
        case .not(let a): return !a.holds(world: world, at: time, classValue: classValue, classNames: classNames)
        case .requestClass(let index, let relation, let values):
            return Self.compare(classNames(index, classValue(index)), relation, values)
        case .state(let ref, let relation, let values):
            let slot: Int?
            switch ref {
            case .fixed(let fixed): slot = fixed
            case .byClass(let index, let slots):
                let value = classValue(index)
                slot = slots.indices.contains(value) ? slots[value] : nil
            case .missing: slot = nil
            }
            return Self.compare(slot.flatMap { world.value(slot: $0, at: time) }, relation, values)
        }
    }

    /// Whether it compares a request class's value (as opposed to only world states).
    var readsRequestClasses: Bool {
        switch self {
        case .always, .state: return false
        case .requestClass: return true
        case .and(let a, let b), .or(let a, let b): return a.readsRequestClasses || b.readsRequestClasses
        case .not(let a): return a.readsRequestClasses
        }
    }

    /// A world-only predicate's truth at a time (request classes read as absent).
    func holds(world: WorldState, at time: SimDuration) -> Bool {
        holds(world: world, at: time, classValue: { _ in -1 }, classNames: { _, _ in "" })
    }

    /// Slots it reads, for the given class values (all values when `classValue` is nil).
    func slots(classValue: ((Int) -> Int)? = nil) -> Set<Int> {
        switch self {
        case .always, .requestClass: return []
        case .and(let a, let b), .or(let a, let b): return a.slots(classValue: classValue).union(b.slots(classValue: classValue))
        case .not(let a): return a.slots(classValue: classValue)
        case .state(let ref, _, _):
            switch ref {
            case .fixed(let slot): return [slot]
            case .missing: return []
            case .byClass(let index, let slots):
                if let classValue {
                    let value = classValue(index)
                    return slots.indices.contains(value) ? Set([slots[value]].compactMap { $0 }) : []
                }
                return Set(slots.compactMap { $0 })
            }
        }
    }

    /// Compares an attribute or state value: numerically when both sides are numbers.
    static func compare(_ actual: String?, _ relation: Relation, _ expected: [String]) -> Bool {
        guard let actual else { return relation == .notEqual }
        switch relation {
        case .equal: return expected.contains { equal(actual, $0) }
        case .notEqual: return !expected.contains { equal(actual, $0) }
        case .isIn: return expected.contains { equal(actual, $0) }
        case .less, .greater, .lessOrEqual, .greaterOrEqual:
            guard let other = expected.first else { return false }
            let order: Int
            if let a = Double(actual), let b = Double(other) {
                order = a < b ? -1 : (a > b ? 1 : 0)
            } else {
                order = actual < other ? -1 : (actual > other ? 1 : 0)
            }
            switch relation {
            case .less: return order < 0
            case .greater: return order > 0
            case .lessOrEqual: return order <= 0
            default: return order >= 0
            }
        }
    }

    /// Equal as text, or as numbers (`200` and `200.0`). Scenario values are compared exactly;
    /// a trainee's `--where` is matched without regard to case (see `RequestMatcher`).
    static func equal(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let first = a.utf8.first, let other = b.utf8.first,
              (first >= 48 && first <= 57) || first == 45 || first == 46, (other >= 48 && other <= 57) || other == 45 || other == 46 else { return false }
        if let x = Double(a), let y = Double(b) { return x == y }
        return false
    }
}

/// Where a world-only predicate holds: the intervals between state changes.
struct Intervals: Sendable, Equatable {
    /// Start times and, for all but possibly the last, end times.
    var spans: [(start: SimDuration, end: SimDuration?)]

    static func == (a: Intervals, b: Intervals) -> Bool {
        a.spans.map(\.start) == b.spans.map(\.start) && a.spans.map(\.end) == b.spans.map(\.end)
    }

    init(spans: [(start: SimDuration, end: SimDuration?)]) { self.spans = spans }

    /// Evaluates the predicate just after each change time of the slots it reads.
    init(of predicate: Predicate, world: WorldState, classValue: ((Int) -> Int)? = nil, classNames: @escaping (Int, Int) -> String = { _, _ in "" }) {
        let times = [WorldState.beginning] + world.changeTimes(slots: predicate.slots(classValue: classValue))
        var spans: [(SimDuration, SimDuration?)] = []
        var open: SimDuration?
        for time in times {
            let holds = predicate.holds(world: world, at: time, classValue: classValue ?? { _ in -1 }, classNames: classNames)
            if holds, open == nil { open = time }
            if !holds, let start = open { spans.append((start, time)); open = nil }
        }
        if let open { spans.append((open, nil)) }
        self.spans = spans
    }

    /// The interval containing `time`, if the predicate holds then.
    func containing(_ time: SimDuration) -> (start: SimDuration, end: SimDuration?)? {
        spans.last { $0.start <= time && ($0.end.map { time < $0 } ?? true) }
    }

    /// The last interval that ended at or before `time` (for recovery after an effect ends).
    func lastEnded(before time: SimDuration) -> (start: SimDuration, end: SimDuration)? {
        for span in spans.reversed() { if let end = span.end, end <= time { return (span.start, end) } }
        return nil
    }
}

import Foundation
