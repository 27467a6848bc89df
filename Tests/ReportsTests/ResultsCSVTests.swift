import Reports
import Testing

struct ResultsCSVTests {
    static let csv = ResultsCSV.render(GamedayFixture.ownResults, scenarioOrder: GamedayFixture.gameday.scenarios)

    @Test func oneRowPerPlayerPerScenarioWithAHeaderAndCRLF() {
        #expect(Self.csv.hasSuffix("\r\n"))
        #expect(!Self.csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line feeds")
        let lines = Self.csv.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 1 + 8)
        #expect(lines.first == "gameday,player,scenario,codename,surface,state,score,passed,time_to_surface_minutes,found_with_evidence,mitigated,wrong_surfaces,harmful_count,started_at,finished_at")
        #expect(lines.dropFirst().first == "q3-gameday,Ada Lovelace,silent-alias-upgrade,Lantern,model,finished,90,true,8.00,true,true,,0,2026-11-29T10:00:00Z,2026-11-29T10:23:10Z")
    }

    @Test func aNameWithACommaAndAQuoteIsQuotedWithTheQuoteDoubled() {
        #expect(Self.csv.contains("\r\nq3-gameday,\"Bo, \"\"the\"\" Builder\",silent-alias-upgrade,Lantern,model,finished,60,false,20.00,false,false,retrieval;prompt,1,2026-11-29T10:00:05Z,2026-11-29T10:30:00Z\r\n"))
        // An unfinished entry leaves the outcome empty rather than saying "false".
        #expect(Self.csv.contains("\r\nq3-gameday,\"Bo, \"\"the\"\" Builder\",retrieval-replica-loss,Harbor,retrieval,paused,,,,,,,,2026-11-29T10:31:00Z,\r\n"))
    }

    @Test func fieldQuoting() {
        #expect(ResultsCSV.field("plain") == "plain")
        #expect(ResultsCSV.field("a,b") == "\"a,b\"")
        #expect(ResultsCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ResultsCSV.field("two\nlines") == "\"two\nlines\"")
        #expect(ResultsCSV.field("two\r\nlines") == "\"two\r\nlines\"")
        #expect(ResultsCSV.field("") == "")
    }

    @Test func theSameStoreGivesTheSameBytesInAnyOrder() {
        #expect(ResultsCSV.render(GamedayFixture.ownResults.reversed(), scenarioOrder: GamedayFixture.gameday.scenarios) == Self.csv)
        #expect(ResultsCSV.render(GamedayFixture.ownResults, scenarioOrder: GamedayFixture.gameday.scenarios) == Self.csv)
    }
}
