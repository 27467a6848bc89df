import Foundation
import Reports
import Testing

struct XAPIStatementsTests {
    static let homePage = "https://chat.example.com"

    static func render(_ results: [SessionResult] = GamedayFixture.results) throws -> String {
        try XAPIStatements.render(GamedayFixture.gameday, results: results, homePage: homePage)
    }

    static func statements() throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(render().utf8)) as? [[String: Any]])
    }

    static func isUUID(_ text: String) -> Bool {
        text.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) != nil
    }

    @Test func twoStatementsPerFinishedEntryOfThisGameday() throws {
        let list = try Self.statements()
        #expect(list.count == 12, "six finished entries; the other game day's and the unfinished are left out")
        let verbs = list.compactMap { ($0["verb"] as? [String: Any])?["id"] as? String }
        #expect(verbs.filter { $0 == "http://adlnet.gov/expapi/verbs/completed" }.count == 6)
        #expect(verbs.filter { $0 == "http://adlnet.gov/expapi/verbs/passed" }.count == 4)
        #expect(verbs.filter { $0 == "http://adlnet.gov/expapi/verbs/failed" }.count == 2)
        for statement in list {
            let verb = try #require(statement["verb"] as? [String: Any])
            #expect((verb["display"] as? [String: String])?["en-US"] != nil)
        }
    }

    @Test func eachStatementHasTheShapeAnLRSExpects() throws {
        for statement in try Self.statements() {
            let actor = try #require(statement["actor"] as? [String: Any])
            #expect(actor["objectType"] as? String == "Agent")
            let account = try #require(actor["account"] as? [String: String])
            #expect(account["homePage"] == Self.homePage)
            #expect(account["name"] == actor["name"] as? String)
            let object = try #require(statement["object"] as? [String: Any])
            #expect((object["id"] as? String)?.hasPrefix("https://nightshift.dev/scenarios/") == true)
            let definition = try #require(object["definition"] as? [String: Any])
            #expect(definition["type"] as? String == "http://adlnet.gov/expapi/activities/simulation")
            let result = try #require(statement["result"] as? [String: Any])
            let score = try #require(result["score"] as? [String: Any])
            let scaled = try #require(score["scaled"] as? Double)
            #expect((0...1).contains(scaled))
            #expect(score["raw"] as? Int == Int((scaled * 100).rounded()))
            #expect(result["completion"] as? Bool == true)
            let duration = try #require(result["duration"] as? String)
            #expect(duration.range(of: "^PT([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?$", options: .regularExpression) != nil, "\(duration)")
            let context = try #require(statement["context"] as? [String: Any])
            #expect(Self.isUUID(try #require(context["registration"] as? String)))
            let extensions = try #require(context["extensions"] as? [String: String])
            #expect(extensions["https://nightshift.dev/xapi/extensions/gameday"] == GamedayFixture.name)
            #expect(extensions["https://nightshift.dev/xapi/extensions/seed"] == "9007199254740993", "the seed survives JavaScript's doubles")
            #expect(Self.isUUID(try #require(statement["id"] as? String)))
            #expect(statement["timestamp"] as? String != nil)
        }
    }

    @Test func adasFirstStatementReadsRight() throws {
        let first = try #require(try Self.statements().first)
        #expect((first["actor"] as? [String: Any])?["name"] as? String == GamedayFixture.ada)
        let result = try #require(first["result"] as? [String: Any])
        #expect(result["duration"] as? String == "PT23M10S")
        #expect((result["score"] as? [String: Any])?["scaled"] as? Double == 0.9)
        #expect(result["success"] as? Bool == true)
        #expect(first["timestamp"] as? String == "2026-11-29T10:23:10Z")
    }

    @Test func idsAreStableUniqueAndTheBytesRepeat() throws {
        let once = try Self.render(), again = try Self.render(GamedayFixture.results.reversed())
        #expect(once == again)
        let ids = try Self.statements().compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count)
        let registrations = Set(try Self.statements().compactMap { ($0["context"] as? [String: Any])?["registration"] as? String })
        #expect(registrations.count == 1)
        #expect(XAPIStatements.uuid("a") == XAPIStatements.uuid("a"))
        #expect(XAPIStatements.uuid("a") != XAPIStatements.uuid("b"))
        #expect(Self.isUUID(XAPIStatements.uuid("")))
    }
}
