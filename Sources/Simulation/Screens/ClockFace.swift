import ScenarioFormat

/// Turns simulated time (an offset from the page) into the wall-clock text a trainee reads.
public struct ClockFace: Sendable, Equatable {
    /// The page's time, seconds since 1970 UTC.
    public var pageEpoch: Int64

    public init(pageEpoch: Int64) { self.pageEpoch = pageEpoch }

    private func parts(_ time: SimDuration) -> (day: Int64, hour: Int, minute: Int, second: Int) {
        let seconds = pageEpoch + floorDiv(time.milliseconds, 1000)
        let day = floorDiv(seconds, 86_400)
        let rest = Int(seconds - day * 86_400)
        return (day, rest / 3600, rest % 3600 / 60, rest % 60)
    }

    /// `02:47`
    public func clock(_ time: SimDuration) -> String {
        let p = parts(time)
        return two(p.hour) + ":" + two(p.minute)
    }

    /// `02:47:13`
    public func clockSeconds(_ time: SimDuration) -> String {
        let p = parts(time)
        return two(p.hour) + ":" + two(p.minute) + ":" + two(p.second)
    }

    /// `today 02:22`, `yesterday 23:10`, `Mar 04 09:00`, relative to the day of `now`.
    public func date(_ time: SimDuration, now: SimDuration) -> String {
        let p = parts(time), today = parts(now).day
        let clock = two(p.hour) + ":" + two(p.minute)
        if p.day == today { return "today " + clock }
        if p.day == today - 1 { return "yesterday " + clock }
        let (_, month, day) = Self.civil(fromDays: p.day)
        return Self.months[month - 1] + " " + two(day) + " " + clock
    }

    /// `Mar 04` or `today`.
    public func day(_ time: SimDuration, now: SimDuration) -> String {
        let p = parts(time), today = parts(now).day
        if p.day == today { return "today" }
        if p.day == today - 1 { return "yesterday" }
        let (_, month, day) = Self.civil(fromDays: p.day)
        return Self.months[month - 1] + " " + two(day)
    }

    /// `2026-03-14 02:47 UTC`
    public func full(_ time: SimDuration) -> String {
        let p = parts(time)
        let (year, month, day) = Self.civil(fromDays: p.day)
        return "\(year)-\(two(month))-\(two(day)) \(two(p.hour)):\(two(p.minute)) UTC"
    }

    /// Reads `02:20` or `02:20:30` as the latest such time at or before `now`, or an offset like `-30m`.
    public func parse(_ text: String, now: SimDuration) -> SimDuration? {
        if text.hasPrefix("-") || text.hasPrefix("+") { return SimDuration.parse(text) }
        let fields = text.split(separator: ":").map { Int($0) }
        guard fields.count == 2 || fields.count == 3, fields.allSatisfy({ $0 != nil }) else { return nil }
        let hour = fields[0]!, minute = fields[1]!, second = fields.count == 3 ? fields[2]! : 0
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        let today = parts(now).day
        var candidate = today * 86_400 + Int64(hour * 3600 + minute * 60 + second) - pageEpoch
        if candidate * 1000 > now.milliseconds { candidate -= 86_400 }
        return SimDuration(milliseconds: candidate * 1000)
    }

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
    static func civil(fromDays days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
