import ScenarioFormat

/// SplitMix64: a tiny, fast generator that gives the same numbers on every run and machine,
/// so a fuzz or crash test that fails can be replayed from its seed.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return StableHash.mix(state)
    }

    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
