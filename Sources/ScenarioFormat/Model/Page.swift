/// The page that starts the incident. Several scenarios share one page and differ in cause.
public struct Page: SchemaObject, Sendable, Equatable {
    public var at: String
    /// Seconds since 1970-01-01T00:00:00Z.
    public var epochSeconds: Int64
    public var severity: String
    public var service: String
    public var title: String
    public var trigger: String
    public var owner: String

    public static let schema = ObjectSchema("page", doc: "The page the trainee receives.", [
        FieldSchema("at", .string, required: true, "When it fired, UTC: `2026-03-14T02:47:00Z`."),
        FieldSchema("severity", .string, required: true, "`SEV-1` … `SEV-4`."),
        FieldSchema("service", .string, required: true, "The paging service."),
        FieldSchema("title", .text, required: true, "The page text. `{{metric}}` and `{{metric.baseline}}` show live values."),
        FieldSchema("trigger", .string, required: true, "The alert that fired."),
        FieldSchema("owner", .string, "Who is on call (default `platform-oncall (you)`)."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Page? {
        guard let f = decoder.fields(node, schema), let at: String = f.value("at"), let severity: String = f.value("severity"),
              let service: String = f.value("service"), let title: String = f.value("title"), let trigger: String = f.value("trigger") else { return nil }
        guard let epoch = Self.epochSeconds(iso8601: at) else {
            decoder.error(.invalidValue(at, expected: "a UTC time written 2026-03-14T02:47:00Z"), at: f.location(of: "at"))
            return nil
        }
        return Page(at: at, epochSeconds: epoch, severity: severity, service: service, title: title, trigger: trigger,
                    owner: f.value("owner") ?? "platform-oncall (you)")
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` without a calendar library (days from civil, proleptic Gregorian).
    public static func epochSeconds(iso8601 text: String) -> Int64? {
        let scalars = Array(text.utf8)
        guard scalars.count == 20, scalars[4] == 45, scalars[7] == 45, scalars[10] == 84, scalars[13] == 58,
              scalars[16] == 58, scalars[19] == 90 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let digit = Int64(scalars[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }
}
