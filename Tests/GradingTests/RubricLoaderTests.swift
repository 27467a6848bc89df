import Grading
import ScenarioFormat
import TestSupport
import Testing

struct RubricLoaderTests {
    @Test(arguments: ["onboarding", "gameday", "certification"])
    func theShippedRubricsLoadClean(_ mode: String) {
        let (rubric, diagnostics) = RubricLoader.load(file: "Grading/\(mode).yaml", text: Fixture.text("Grading/\(mode).yaml"))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(rubric?.mode.rawValue == mode)
        #expect(Rubric.Part.allCases.reduce(0) { $0 + (rubric?.weight($1) ?? 0) } == 100)
    }

    @Test(arguments: [
        ("  surface: 25\n", "  surfce: 25\n", "surfce", 0, "unknown key `surfce` in rubric-weights; did you mean `surface`?"),
        ("  surface: 25\n", "  surface: 35\n", "surface: 35", 0, "the weights add up to 110; they must add up to 100"),
        ("pass: 60\n", "pass: 160\n", "160", 0, "`160` is out of range: expected a pass mark from 0 to 100"),
        ("  hint: {each: 1, max: 3}\n", "  hint: {each: 3, max: 1}\n", "max: 1}", 5, "`max` (1) is smaller than `each` (3)"),
        ("  evidence_seen: 70%\n", "  evidence_seen: lots\n", "lots", 0, "`lots` is not a percentage such as 3% or 0.5%"),
        ("mode: onboarding\n", "mode: training\n", "training", 0, "`training` is not `onboarding`, `gameday` or `certification`"),
        ("nightshift: rubric/1\n", "nightshift: rubric/2\n", "rubric/2", 0, "unsupported format `rubric/2`; this nightshift reads `rubric/1`"),
    ])
    func reportsAtTheMistake(_ find: String, _ replace: String, _ at: String, _ offset: Int, _ message: String) throws {
        let text = Fixture.text("Grading/onboarding.yaml")
        #expect(text.contains(find))
        let edited = text.replacingOccurrences(of: find, with: replace)
        let (rubric, diagnostics) = RubricLoader.load(file: "Grading/onboarding.yaml", text: edited)
        #expect(rubric == nil)
        let location = try #require(Fixture.location(of: at, in: edited, offset: offset))
        #expect(diagnostics.map(\.description).contains("Grading/onboarding.yaml:\(location.line):\(location.column): error: \(message)"),
                "\(diagnostics.map(\.description))")
    }
}
