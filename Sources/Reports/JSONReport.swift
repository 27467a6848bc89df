import Foundation
import Grading
import Simulation

/// The report for machines: the grade's fields (`scenario`, `seed`, `mode`, `score`,
/// `passed`, `time_to_surface_minutes`, `findings`…) and the journal it was computed from.
public enum JSONReport {
    struct Document: Encodable {
        var grade: Grade
        var player: String?
        var journal: [JournalLine]

        func encode(to encoder: Encoder) throws {
            try grade.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(grade.timeToSurfaceMinutes, forKey: Key("time_to_surface_minutes"))
            try container.encodeIfPresent(player, forKey: Key("player"))
            try container.encode(journal, forKey: Key("journal"))
        }
    }

    /// One journal line, kept as its parsed value so the report is one JSON document.
    enum JournalLine: Encodable {
        case header(JournalHeader)
        case entry(JournalEntry)

        func encode(to encoder: Encoder) throws {
            switch self {
            case .header(let header): try header.encode(to: encoder)
            case .entry(let entry): try entry.encode(to: encoder)
            }
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public static func render(_ grade: Grade, header: JournalHeader, entries: [JournalEntry], player: String? = nil) -> String {
        let document = Document(grade: grade, player: player, journal: [.header(header)] + entries.map { .entry($0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}" }
        return JSONText.escapingInvisibles(String(decoding: data, as: UTF8.self)) + "\n"
    }
}
