import ScenarioFormat

/// The identity and outcome of one request, without its spans: enough for counting,
/// filtering and most metrics. Everything else is drawn from it on demand.
public struct RequestSketch: Sendable, Equatable {
    /// Packed (source, minute, ordinal): the request's identity, from which its trace id comes.
    public let key: UInt64
    public let time: SimDuration
    /// 0 for the product's own traffic, k + 1 for stream k.
    let source: Int
    /// Index among the traffic model's templates.
    let template: Int
    /// Whether the answer was bad (ground truth; never displayed as such).
    public let bad: Bool
    /// Index into `CompiledTemplate.feedbackValues`.
    let feedback: Int

    public var feedbackValue: String { CompiledTemplate.feedbackValues[feedback] }

    static let minuteOrigin = -7 * 1440        // traffic exists from a week before the page…
    static let minuteHorizon = 3 * 1440        // …to three days after it

    static func pack(source: Int, minute: Int, ordinal: Int) -> UInt64 {
        UInt64(source) << 44 | UInt64(minute - minuteOrigin) << 24 | UInt64(ordinal)
    }

    static func unpack(_ key: UInt64) -> (source: Int, minute: Int, ordinal: Int) {
        (Int(key >> 44), Int((key >> 24) & 0xFFFFF) + minuteOrigin, Int(key & 0xFFFFFF))
    }
}

/// Trace ids: a keyed bijection of the request key, printed as 12 hex digits, so an id
/// leads straight back to its request and ids look random rather than sequential.
enum TraceID {
    private static let mask: UInt64 = (1 << 48) - 1

    static func make(_ key: UInt64, seed: UInt64) -> String {
        var x = key & mask
        let k = StableHash.mix(seed) & mask
        for round in 0..<3 {
            x ^= (k >> (round * 7)) & mask
            x = (x &* 0x9E37_79B9_7F4B) & mask   // odd multiplier: invertible mod 2^48
            x ^= x >> 23
        }
        let hex = String(x, radix: 16)
        return String(repeating: "0", count: 12 - hex.count) + hex
    }

    static func parse(_ id: String, seed: UInt64) -> UInt64? {
        guard id.count == 12, var x = UInt64(id, radix: 16) else { return nil }
        let k = StableHash.mix(seed) & mask
        // Inverse of the odd multiplier mod 2^48 by Newton's iteration.
        var inverse: UInt64 = 0x9E37_79B9_7F4B
        for _ in 0..<6 { inverse = (inverse &* (2 &- 0x9E37_79B9_7F4B &* inverse)) & mask }
        for round in (0..<3).reversed() {
            x ^= x >> 23
            x ^= x >> 46
            x = (x &* inverse) & mask
            x ^= (k >> (round * 7)) & mask
        }
        return x
    }
}
