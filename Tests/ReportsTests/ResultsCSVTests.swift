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
        #expect(Self.csv.contains("\r\nq3-gameday,\"Bo, \"\"the\"\" Builder\",silent-alias-upgrade,Lantern,model,finished,60,false,20.00,false,false,\"retrieval;prompt\",1,2026-11-29T10:00:05Z,2026-11-29T10:30:00Z\r\n"))
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

    /// OWASP's advice on CSV injection: a cell a spreadsheet would run as a formula starts
    /// with `'` instead, and a semicolon (the separator in many locales) is quoted.
    @Test(arguments: [
        ("=HYPERLINK(\"http://evil\",\"x\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""),
        ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"), ("-1;=1+1", "\"'-1;=1+1\""),
        ("-12", "-12"), ("8.00", "8.00"), ("a;b", "\"a;b\""), ("Lan\u{1B}[2Jtern\u{9B}", "Lan␛[2Jtern⟨U+009B⟩"), ("\tx", "␉x"),
        ("plain", "plain"), ("", ""),
    ])
    func aCellCannotRunAsAFormulaOrDriveATerminal(_ value: String, _ cell: String) {
        #expect(ResultsCSV.cell(value) == cell)
    }

    @Test func storeValuesAreCellsThatCannotRun() {
        var results = GamedayFixture.ownResults
        results[0].codename = "=cmd|' /C calc'!A0"
        results[0].wrongSurfaces = ["@x", "=y"]
        let csv = ResultsCSV.render(results, scenarioOrder: GamedayFixture.gameday.scenarios)
        #expect(csv.contains(",\"'=cmd|' /C calc'!A0\",") || csv.contains(",'=cmd|' /C calc'!A0,"), "\(csv)")
        #expect(csv.contains(",\"'@x;=y\","), "\(csv)")
    }

    @Test func theSameStoreGivesTheSameBytesInAnyOrder() {
        #expect(ResultsCSV.render(GamedayFixture.ownResults.reversed(), scenarioOrder: GamedayFixture.gameday.scenarios) == Self.csv)
        #expect(ResultsCSV.render(GamedayFixture.ownResults, scenarioOrder: GamedayFixture.gameday.scenarios) == Self.csv)
    }
}
