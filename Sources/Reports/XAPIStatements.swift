import Crypto
import Foundation

/// Game-day outcomes as xAPI 1.0.3 statements for a Learning Record Store: for each finished
/// entry, one `completed` statement and one `passed` or `failed`. Everything an LRS keys on is
/// derived, never drawn: the registration is a UUID from the game day's name, each statement's
/// id a UUID from game day, player, scenario and verb, so sending the same store twice makes the
/// LRS see the same statements (it rejects or ignores a repeated id rather than counting twice).
/// The JSON has sorted keys, so the same input gives the same bytes.
public enum XAPIStatements {
    public static let defaultActivityBase = "https://nightshift.dev/scenarios/"
    public static let defaultExtensionBase = "https://nightshift.dev/xapi/extensions/"

    public struct Verb: Sendable, Equatable {
        public var id: String
        public var display: String
        public static let completed = Verb(id: "http://adlnet.gov/expapi/verbs/completed", display: "completed")
        public static let passed = Verb(id: "http://adlnet.gov/expapi/verbs/passed", display: "passed")
        public static let failed = Verb(id: "http://adlnet.gov/expapi/verbs/failed", display: "failed")
    }

    // The statement, field for field as xAPI 1.0.3 names them.
    struct Statement: Encodable {
        var id: String
        var actor: Actor
        var verb: VerbObject
        var object: Activity
        var result: Result
        var context: Context
        var timestamp: String
    }
    struct Actor: Encodable {
        var objectType = "Agent"
        var name: String
        var account: Account
    }
    struct Account: Encodable {
        var homePage: String
        var name: String
    }
    struct VerbObject: Encodable {
        var id: String
        var display: [String: String]
    }
    struct Activity: Encodable {
        var objectType = "Activity"
        var id: String
        var definition: Definition
    }
    struct Definition: Encodable {
        var name: [String: String]
        var description: [String: String]
        var type = "http://adlnet.gov/expapi/activities/simulation"
    }
    struct Result: Encodable {
        var score: Score
        var success: Bool
        var completion = true
        var duration: String?
    }
    struct Score: Encodable {
        var scaled: Double
        var raw: Int
        var min = 0
        var max = 100
    }
    struct Context: Encodable {
        var registration: String
        var platform = "Nightshift"
        var extensions: [String: String]
    }

    /// The statements as a JSON array (pretty-printed, sorted keys, slashes unescaped).
    /// Entries of other game days and unfinished entries are left out.
    public static func render(_ gameday: GamedayRecord, results: [SessionResult], homePage: String,
                              activityBase: String = defaultActivityBase, extensionBase: String = defaultExtensionBase) throws -> String {
        let list = statements(gameday, results: results, homePage: homePage, activityBase: activityBase, extensionBase: extensionBase)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return JSONText.escapingInvisibles(String(decoding: try encoder.encode(list), as: UTF8.self)) + "\n"
    }

    static func statements(_ gameday: GamedayRecord, results: [SessionResult], homePage: String, activityBase: String, extensionBase: String) -> [Statement] {
        let registration = uuid("nightshift-gameday\u{0}\(gameday.name)")
        let entries = results.filter { $0.gameday == gameday.name && $0.isFinished }

        // By player, then in the order the game day met the scenarios.
        func place(_ scenario: String) -> Int { gameday.scenarios.firstIndex(of: scenario) ?? gameday.scenarios.count }
        let ordered = entries.sorted { ($0.player, place($0.scenario), $0.scenario) < ($1.player, place($1.scenario), $1.scenario) }
        var out: [Statement] = []
        for entry in ordered {
            let score = entry.score ?? 0
            let passed = entry.passed ?? false
            let duration = entry.finishedAt.flatMap { end in
                WallTime.milliseconds(entry.startedAt).flatMap { start in WallTime.milliseconds(end).map { WallTime.isoDuration(milliseconds: $0 - start) } }
            }
            let result = Result(score: Score(scaled: Double(min(100, max(0, score))) / 100, raw: score), success: passed, duration: duration)
            let activity = Activity(id: activityBase + entry.scenario, definition: Definition(
                name: ["en-US": entry.title.isEmpty ? entry.scenario : entry.title],
                description: ["en-US": "Nightshift scenario \(entry.scenario) (played as \(entry.codename)), surface \(entry.surface)"]))
            // The seed as a string: JSON readers in JavaScript lose integers above 2^53.
            let context = Context(registration: registration, extensions: [
                extensionBase + "gameday": gameday.name,
                extensionBase + "seed": String(gameday.seed),
            ])
            for verb in [Verb.completed, passed ? .passed : .failed] {
                out.append(Statement(
                    id: uuid("nightshift-statement\u{0}\(gameday.name)\u{0}\(entry.player)\u{0}\(entry.scenario)\u{0}\(verb.id)"),
                    actor: Actor(name: entry.player, account: Account(homePage: homePage, name: entry.player)),
                    verb: VerbObject(id: verb.id, display: ["en-US": verb.display]),
                    object: activity, result: result, context: context,
                    timestamp: entry.finishedAt ?? entry.updatedAt))
            }
        }
        return out
    }

    /// A name-based UUID: the first 16 bytes of SHA-256 of `name`, with the version nibble set to
    /// 5 and the RFC 4122 variant bits. (RFC 9562 would call a SHA-256 UUID version 8, but common
    /// LRS validators accept only versions 1–5, and a statement an LRS refuses helps nobody.)
    public static func uuid(_ name: String) -> String {
        var bytes = Array(SHA256.hash(data: Data(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte -> String in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
        let h = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(h[$0]) }.joined(separator: "-")
    }
}
