import ScenarioFormat
import TestSupport
import Testing

/// Damaged copies of every shipped pack file, loaded as `scenario lint` and `play` load them:
/// nothing crashes or hangs, every load gives either a value or an error, and every error
/// points into the damaged file as `path:line:column: error: message`. Seeded, so a failure
/// names the seed and mutation that reproduce it.
struct LoaderFuzzTests {
    /// Mutations per file: about 1,100 loads in all, some 20 s in a debug build.
    static let perFile = 64

    static var paths: [String] { Fixture.files.map(\.path).filter { $0.hasPrefix("Scenarios/") } }

    @Test(arguments: paths)
    func damagedCopiesLoadOrSayWhereTheyAreWrong(_ path: String) {
        let original = Fixture.text(path)
        let reserved = [PackLoader.packFile, PackLoader.costsFile, PackLoader.learnFile].map { "Scenarios/\($0)" }
        var mutator = FileMutator(seed: StableHash.fnv1a(path))
        var refused = 0
        var kinds: Set<FileMutator.Kind> = []
        for index in 0..<Self.perFile {
            let (applied, text) = mutator.mutate(original, index: index)
            kinds.formUnion(applied)
            let label = "\(path) mutation \(index) (\(applied.map(\.rawValue).joined(separator: " + ")))"
            let loaded: Bool, diagnostics: [Diagnostic]
            if reserved.contains(path) {
                // The pack, cost table and teaching files load together, as a pack.
                let files = reserved.map { ($0, $0 == path ? text : Fixture.text($0)) }
                let contents = PackLoader.load(files: files)
                diagnostics = contents.diagnostics
                loaded = !contents.failures.contains { $0.file == path } && !diagnostics.hasErrors
                if contents.failures.contains(where: { $0.file == path }) {
                    #expect(diagnostics.contains { $0.severity == .error && $0.file == path }, "\(label): refused without an error")
                }
            } else {
                let (source, parsed) = ScenarioSource.parse(file: path, text: text)
                if let source {
                    let (scenario, all) = source.instantiate(seed: mutator.generator.next() % 50, pack: Fixture.pack)
                    diagnostics = all
                    loaded = scenario != nil
                } else {
                    diagnostics = parsed
                    loaded = false
                }
            }
            if !loaded {
                refused += 1
                #expect(diagnostics.hasErrors, "\(label): no value and no error")
            }
            let lines = FileMutator.lineLengths(of: text)
            for diagnostic in diagnostics {
                if let problem = FileMutator.misplaced(diagnostic, file: path, lines: lines) {
                    Issue.record("\(label): \(diagnostic.description.prefix(300)) \(problem)")
                }
            }
        }
        // A fuzzer whose copies all load would test nothing.
        #expect(refused >= Self.perFile / 4, "only \(refused) of \(Self.perFile) damaged copies of \(path) were refused")
        #expect(kinds.count == FileMutator.Kind.allCases.count)
    }

    /// Found by the fuzz test above: nine levels of ten aliases (10^9 values once expanded)
    /// hung the loader; a value of 50,000 `${x}` took minutes. Both now fail fast and located.
    @Test func aliasBombsAndValuesFullOfUnknownParametersAreRefusedQuickly() throws {
        let path = "Scenarios/silent-alias-upgrade.yaml"
        var bomb = ["bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<9 { bomb.append("bomb\(level): &b\(level) [" + Array(repeating: "*b\(level - 1)", count: 10).joined(separator: ", ") + "]") }
        let (_, found) = ScenarioSource.parse(file: path, text: bomb.joined(separator: "\n") + "\n" + Fixture.text(path))
        #expect(found.map(\.description).contains { $0.hasPrefix("\(path):") && $0.contains(": error: YAML aliases (`*name`) repeat") }, "\(found.map(\.description))")

        let text = Fixture.text(path).replacingOccurrences(of: "minutes: 20\n", with: "minutes: \"" + String(repeating: "é${x}", count: 50_000) + "\"\n")
        let source = try #require(ScenarioSource.parse(file: path, text: text).0)
        let unknown = source.instantiate(seed: 0, pack: Fixture.pack).1.filter { $0.message.hasPrefix("unknown parameter `${x}`") }
        #expect(unknown.count == 5, "one value reports a handful of unknown names, not 50,000")
    }
}
