/// Wall times as the results store writes them (ISO 8601, normally UTC with `Z`), read without
/// Foundation's `Date` so the game-day renderers stay exact and pure: whole milliseconds since
/// 1970, from a civil-date calculation, with no locale, calendar or time zone database involved.
public enum WallTime {
    /// True for a time as the store writes them (see `milliseconds`): the results store
    /// checks the times it reads back with this.
    public static func isTime(_ text: String) -> Bool { milliseconds(text) != nil }

    /// Milliseconds since 1970-01-01T00:00:00Z, or nil when the text is not
    /// `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`.
    static func milliseconds(_ text: String) -> Int64? {
        let chars = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int64? {
            guard index + digits <= chars.count else { return nil }
            var value: Int64 = 0
            for _ in 0..<digits {
                let c = chars[index]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int64(c - 48)
                index += 1
            }
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard index < chars.count, chars[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
              index < chars.count, chars[index] == 84 || chars[index] == 116 || chars[index] == 32 else { return nil }
        index += 1
        guard let hour = number(2), expect(58), let minute = number(2), expect(58), let second = number(2) else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var millis: Int64 = 0
        if expect(46) {
            // Fractions beyond milliseconds are read and dropped: the store writes at most milliseconds.
            var scale: Int64 = 100, digits = 0
            while index < chars.count, chars[index] >= 48 && chars[index] <= 57 {
                millis += Int64(chars[index] - 48) * scale
                scale /= 10
                index += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        var offsetMinutes: Int64 = 0
        if expect(90) || expect(122) {
            // UTC.
        } else if index < chars.count, chars[index] == 43 || chars[index] == 45 {
            let sign: Int64 = chars[index] == 45 ? -1 : 1
            index += 1
            guard let hours = number(2) else { return nil }
            _ = expect(58)
            guard let minutes = number(2) else { return nil }
            offsetMinutes = sign * (hours * 60 + minutes)
        } else {
            return nil
        }
        guard index == chars.count else { return nil }
        let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        return seconds * 1000 + millis
    }

    /// Whole seconds from one wall time to another, or nil when either does not read.
    static func seconds(from start: String, to end: String) -> Int64? {
        guard let a = milliseconds(start), let b = milliseconds(end) else { return nil }
        return (b - a) / 1000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// An ISO 8601 duration of whole seconds (xAPI's `result.duration`): `PT23M10S`, `PT1H2M`, `PT0S`.
    static func isoDuration(milliseconds: Int64) -> String {
        let total = max(0, milliseconds)
        let hours = total / 3_600_000, minutes = total / 60_000 % 60, seconds = total / 1000 % 60, millis = total % 1000
        var out = "PT"
        if hours > 0 { out += "\(hours)H" }
        if minutes > 0 { out += "\(minutes)M" }
        if seconds > 0 || millis > 0 || out == "PT" {
            out += millis > 0 ? "\(seconds).\(String(millis).leftPaddedWithZeros(3))S" : "\(seconds)S"
        }
        return out
    }

    /// A span of wall time for a person to read: `42s`, `3m 05s`, `1h 02m`.
    static func span(seconds: Int64) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m \(String(s % 60).leftPaddedWithZeros(2))s" }
        return "\(s / 3600)h \(String(s / 60 % 60).leftPaddedWithZeros(2))m"
    }

    /// `HH:MM UTC` from a wall time, for headers; the text itself when it does not read.
    static func clock(_ text: String) -> String {
        guard let millis = milliseconds(text) else { return text }
        let secondsOfDay = ((millis / 1000) % 86_400 + 86_400) % 86_400
        return "\(String(secondsOfDay / 3600).leftPaddedWithZeros(2)):\(String(secondsOfDay / 60 % 60).leftPaddedWithZeros(2)) UTC"
    }
}

extension String {
    func leftPaddedWithZeros(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
