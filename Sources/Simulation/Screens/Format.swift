import ScenarioFormat

/// Number and time formatting shared by every screen, so the same value reads the same everywhere.
public enum Format {
    /// "1 scenario", "3 scenarios": a count with its noun (regular plurals only).
    public static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    /// A number with a fixed count of decimals, without locale.
    public static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        if decimals <= 0 { return String(Int64(value.rounded())) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale), fraction = scaled % Int64(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + String(whole) + "." + String(fraction).leftPadded(to: decimals)
    }

    /// A duration in milliseconds as a trace viewer shows it: `84ms`, `1.42s`, `3m 5s`.
    public static func milliseconds(_ value: Double) -> String {
        if value < 1000 { return number(value, decimals: 0) + "ms" }
        if value < 60_000 { return number(value / 1000, decimals: value < 10_000 ? 2 : 1) + "s" }
        let seconds = Int(value / 1000)
        return "\(seconds / 60)m \(seconds % 60)s"
    }

    /// A compact count: `412`, `12.4k`, `3.1M`.
    public static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1_000_000 { return number(value / 1_000_000, decimals: 1) + "M" }
        if magnitude >= 10_000 { return number(value / 1000, decimals: 1) + "k" }
        return number(value, decimals: magnitude < 10 && value != value.rounded() ? 2 : 0)
    }

    /// US dollars: `$0.0041`, `$12.40`, `$1,204`.
    public static func dollars(_ value: Double) -> String {
        if value < 0.01 && value > 0 { return "$" + number(value, decimals: 4) }
        if value < 100 { return "$" + number(value, decimals: 2) }
        return "$" + grouped(Int64(value.rounded()))
    }

    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }
}
