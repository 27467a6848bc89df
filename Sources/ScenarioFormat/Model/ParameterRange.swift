import Foundation

/// The values of a `range:` parameter: `low`, `low + step`, … up to `high`, each printed
/// exactly as an author would write it. Worked in whole units of the finest decimal written
/// (tenths for a step of 0.1), so 0.1 + 0.2 prints `0.3` and no value is a rounding away
/// from what the file says; the bounds keep every unit count well inside an Int64.
public struct ParameterRange: Sendable, Equatable {
    /// The largest magnitude a bound may have: ample for shares, latencies, token counts and
    /// dollars, and small enough that every value is an exact number of millionths.
    public static let largest = 1_000_000_000.0
    /// The most decimals a bound or step may have.
    public static let decimalLimit = 6

    /// What the loader tells an author, for the bound (`low`, `high`) or the step at fault.
    public enum Problem: Error, Equatable, Sendable {
        case bound(Double)
        case step(Double)

        /// `expected …` for `FormatProblem.outOfRange`.
        public var expected: String {
            switch self {
            case .bound:
                return "a number from -1,000,000,000 to 1,000,000,000 with at most \(ParameterRange.decimalLimit) decimals"
            case .step:
                return "a step from 0.000001 to 1,000,000,000 with at most \(ParameterRange.decimalLimit) decimals"
            }
        }

        public var value: Double {
            switch self {
            case .bound(let value), .step(let value): return value
            }
        }
    }

    let lowUnits: Int64
    let stepUnits: Int64
    let decimals: Int
    /// How many values there are (at least 1).
    public let count: Int

    /// The range, or what is wrong with it (`low <= high` is the caller's to check).
    public static func make(low: Double, high: Double, step: Double) -> Result<ParameterRange, Problem> {
        guard let lowDecimals = decimals(of: low) else { return .failure(.bound(low)) }
        guard high.isFinite, abs(high) <= largest else { return .failure(.bound(high)) }
        guard step > 0, let stepDecimals = decimals(of: step) else { return .failure(.step(step)) }
        let decimals = max(lowDecimals, stepDecimals)
        let scale = pow(10, Double(decimals))
        let lowUnits = Int64((low * scale).rounded()), stepUnits = Int64((step * scale).rounded())
        // `high` may be written finer than the step; values stop at or below it.
        let scaledHigh = high * scale
        let highUnits = Int64(abs(scaledHigh - scaledHigh.rounded()) < 1e-6 ? scaledHigh.rounded() : scaledHigh.rounded(.down))
        guard stepUnits > 0 else { return .failure(.step(step)) }
        let count = highUnits >= lowUnits ? Int((highUnits - lowUnits) / stepUnits) + 1 : 1
        return .success(ParameterRange(lowUnits: lowUnits, stepUnits: stepUnits, decimals: decimals, count: count))
    }

    /// The `index`th value (0 is `low`), written with the range's decimals: `20`, `0.25`, `-1.5`.
    public func value(_ index: Int) -> String {
        let units = lowUnits + Int64(min(max(0, index), count - 1)) * stepUnits
        guard decimals > 0 else { return String(units) }
        let digits = String(units.magnitude)
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        return (units < 0 ? "-" : "") + padded.dropLast(decimals) + "." + padded.suffix(decimals)
    }

    /// The fewest decimals (0 to `decimalLimit`) that print `value` exactly, if it is finite,
    /// within `largest`, and has so few.
    static func decimals(of value: Double) -> Int? {
        guard value.isFinite, abs(value) <= largest else { return nil }
        for decimals in 0...decimalLimit where Double(String(format: "%.\(decimals)f", value)) == value {
            return decimals
        }
        return nil
    }
}
