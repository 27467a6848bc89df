import Grading
import ScenarioFormat
import TestSupport
import Testing

/// Damaged copies of the shipped rubrics: no crash, a rubric or an error, and every error
/// located inside the damaged file. The same mutations as LoaderFuzzTests uses for scenarios.
struct RubricLoaderFuzzTests {
    static let perFile = 300

    @Test(arguments: ["onboarding", "gameday", "certification"])
    func damagedRubricsLoadOrSayWhereTheyAreWrong(_ mode: String) {
        let path = "Grading/\(mode).yaml"
        let original = Fixture.text(path)
        var mutator = FileMutator(seed: StableHash.fnv1a(path))
        var refused = 0
        for index in 0..<Self.perFile {
            let (applied, text) = mutator.mutate(original, index: index)
            let label = "\(path) mutation \(index) (\(applied.map(\.rawValue).joined(separator: " + ")))"
            let (rubric, diagnostics) = RubricLoader.load(file: path, text: text)
            if rubric == nil {
                refused += 1
                #expect(diagnostics.hasErrors, "\(label): no rubric and no error")
            }
            let lines = FileMutator.lineLengths(of: text)
            for diagnostic in diagnostics {
                if let problem = FileMutator.misplaced(diagnostic, file: path, lines: lines) {
                    Issue.record("\(label): \(diagnostic.description.prefix(300)) \(problem)")
                }
            }
        }
        #expect(refused >= Self.perFile / 4, "only \(refused) of \(Self.perFile) damaged copies of \(path) were refused")
    }
}
