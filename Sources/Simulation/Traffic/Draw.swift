import ScenarioFormat

/// Deterministic draws from hashes. Each draw is named by a salt, so a request's values
/// do not depend on which other values were drawn first (lazy evaluation stays consistent).
enum Draw {
    @inline(__always)
    static func hash(_ seed: UInt64, _ key: UInt64, _ salt: UInt64) -> UInt64 {
        StableHash.combine(seed, key, salt)
    }

    @inline(__always)
    static func unit(_ seed: UInt64, _ key: UInt64, _ salt: UInt64) -> Double {
        StableHash.unit(hash(seed, key, salt))
    }

    static func salt(_ name: String) -> UInt64 { StableHash.fnv1a(name) }

    /// Index into cumulative weights (ascending, last = total) for a uniform draw.
    @inline(__always)
    static func pick(_ cumulative: [Double], _ u: Double) -> Int {
        let target = u * (cumulative.last ?? 0)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }

    static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { total += max(0, $0); return total }
    }

    /// A value of a distribution for a uniform draw `u` in [0, 1).
    static func value(_ distribution: Distribution, _ u: Double) -> Double {
        switch distribution {
        case .constant(let value): return value
        case .uniform(let low, let high): return low + (high - low) * u
        case .logNormal(let median, let p95):
            guard p95 > median else { return median }
            let sigma = Foundation.log(p95 / median) / 1.644_853_626_951_472
            let z = normalQuantile(min(max(u, 1e-9), 1 - 1e-9))
            // Clamp far tails: a trace with a 40-minute span for a 1-second median reads as a bug, not as noise.
            return median * Foundation.exp(sigma * max(-3.5, min(3.5, z)))
        }
    }

    /// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
    static func normalQuantile(_ p: Double) -> Double {
        let a = [-39.696_830_286_653_76, 220.946_098_424_520_5, -275.928_510_446_968_7, 138.357_751_867_269, -30.664_798_066_147_16, 2.506_628_277_459_239]
        let b = [-54.476_098_798_224_06, 161.585_836_858_040_9, -155.698_979_859_886_6, 66.801_311_887_719_72, -13.280_681_552_885_72]
        let c = [-0.007_784_894_002_430_293, -0.322_396_458_041_136_4, -2.400_758_277_161_838, -2.549_732_539_343_734, 4.374_664_141_464_968, 2.938_163_982_698_783]
        let d = [0.007_784_695_709_041_462, 0.322_467_129_070_039_8, 2.445_134_137_142_996, 3.754_408_661_907_416]
        let low = 0.024_25, high = 1 - low
        if p < low {
            let q = (-2 * Foundation.log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > high {
            let q = (-2 * Foundation.log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}

import Foundation
