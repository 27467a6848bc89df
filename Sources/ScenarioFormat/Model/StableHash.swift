/// Hashes that are the same in every process and on every machine. Swift's `Hasher`
/// is seeded per process, so nothing that reaches a screen or a grade may use it.
public enum StableHash {
    /// FNV-1a over the UTF-8 bytes.
    @inlinable
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The SplitMix64 finaliser: a good 64-bit mix of one word.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Mixes several words into one, order-sensitive.
    @inlinable
    public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(a ^ (mix(b) &+ 0x632b_e59b_d9b4_e019))
    }

    @inlinable
    public static func combine(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        combine(combine(a, b), c)
    }

    /// A uniform double in [0, 1) from a hash, using exact integer-to-double conversion.
    @inlinable
    public static func unit(_ hash: UInt64) -> Double {
        Double(hash >> 11) * 0x1.0p-53
    }
}
