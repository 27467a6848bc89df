import ScenarioFormat
import TestSupport
import Testing

/// A `range:` parameter's values can be counted and print exactly, or the file gets an error
/// at the number at fault: `bomb: {range: [0, 1e300]}` trapped lint, play, preview and
/// certify (its count overflowed an Int), in any pack that held it.
struct ParameterRangeTests {
    static let example = Fixture.text("Scenarios/silent-alias-upgrade.yaml")
    static let bound = "expected a number from -1,000,000,000 to 1,000,000,000 with at most 6 decimals"
    static let step = "expected a step from 0.000001 to 1,000,000,000 with at most 6 decimals"

    @Test(arguments: [
        ("{range: [0, 1e300]}", "1e300", bound),
        ("{range: [0, 1e308]}", "1e308", bound),
        ("{range: [-1e308, 1e308]}", "-1e308", bound),
        ("{range: [-1e308, 0]}", "-1e308", bound),
        ("{range: [0, 9.3e18]}", "9.3e18", bound),
        ("{range: [1000000000.5, 1000000001]}", "1000000000.5", bound),
        ("{range: [0.1234567, 1]}", "0.1234567", bound),
        ("{range: [0, 1], step: 1e-300}", "1e-300", step),
        ("{range: [0, 1], step: 0.0000001}", "0.0000001", step),
        ("{range: [0, 1], step: 0}", "0", step),
        ("{range: [0, 1], step: -1}", "-1", step),
        ("{range: [0, 10], step: 2e9}", "2e9", step),
    ])
    func rangesThatCannotBeCountedOrPrintedAreErrorsAtTheNumber(_ value: String, _ written: String, _ expected: String) throws {
        let text = Self.example.replacingOccurrences(of: "\nparameters:\n", with: "\nparameters:\n  bomb: \(value)\n")
        let line = try #require(Fixture.location(of: "  bomb: ", in: text)).line
        let column = 1 + "  bomb: ".count + value.distance(from: value.startIndex, to: try #require(value.range(of: written, options: .backwards)).lowerBound)
        // Every seed lint checks, and the canonical one: an error, never a trap.
        for seed in [UInt64(0), 1, 7, 20] {
            let diagnostics = Fixture.diagnostics(of: text, file: "bomb.yaml", seed: seed)
            let found = diagnostics.filter { $0.message.hasPrefix("`\(written)` is out of range") }
            #expect(found.map(\.description) == ["bomb.yaml:\(line):\(column): error: `\(written)` is out of range: \(expected)"],
                    "seed \(seed): \(diagnostics.map(\.description))")
        }
    }

    /// The rest of the pack loads when one file holds a bomb.
    @Test func aPackWithOneBadRangeStillLoadsTheOthers() {
        let files = Fixture.files.map { file in
            (file.path, file.path == "Scenarios/silent-alias-upgrade.yaml"
                ? file.text.replacingOccurrences(of: "\nparameters:\n", with: "\nparameters:\n  bomb: {range: [0, 1e300]}\n") : file.text)
        }
        let contents = PackLoader.load(files: files)
        for seed in [UInt64(0), 5] {
            let refused = contents.scenarios.filter { $0.instantiate(seed: seed, pack: contents.pack).0 == nil }.map(\.id)
            #expect(refused == ["silent-alias-upgrade"], "seed \(seed)")
        }
    }

    @Test(arguments: [
        ("{range: [0, 1], step: 0.25}", ["0.00", "0.25", "0.50", "0.75", "1.00"]),
        ("{range: [0.1, 0.3], step: 0.1}", ["0.1", "0.2", "0.3"]),
        ("{range: [20, 40], step: 5}", ["20", "25", "30", "35", "40"]),
        ("{range: [-1.5, 1]}", ["-1.5", "-0.5", "0.5"]),
        ("{range: [-1000000000, 1000000000], step: 1000000000}", ["-1000000000", "0", "1000000000"]),
        ("{range: [0.000001, 0.000003], step: 0.000001}", ["0.000001", "0.000002", "0.000003"]),
        ("{range: [5, 5.9]}", ["5"]),
    ])
    func everyValueOfARangePrintsExactly(_ value: String, _ values: [String]) throws {
        let node = try YAMLParser.parse("p: \(value)").get()
        let decoder = NodeDecoder(file: "t")
        let space = ParameterSpace.read(node, decoder)
        #expect(decoder.diagnostics.isEmpty, "\(decoder.diagnostics.map(\.description))")
        #expect(space.parameters.first?.count == values.count)
        let drawn = Set((UInt64(0)...400).compactMap { space.values(seed: $0)["p"] })
        #expect(drawn == Set(values))
        #expect(space.values(seed: 0)["p"] == values.first)
    }
}
