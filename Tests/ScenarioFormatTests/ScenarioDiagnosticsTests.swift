import ScenarioFormat
import TestSupport
import Testing

/// Each kind of authoring mistake is reported at the line and column where it was made,
/// with a message that says what to do. Every case edits the shipped example in one place.
struct ScenarioDiagnosticsTests {
    static let example = Fixture.text("Scenarios/silent-alias-upgrade.yaml")

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Text to replace in the example, and its replacement.
        var find: String
        var replace: String
        /// Where the diagnostic should point: this text in the edited file (plus a column offset).
        var at: String
        var offset = 0
        var message: String
        var severity: Diagnostic.Severity = .error

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown key with a suggestion", find: "  severity: SEV-2\n", replace: "  severty: SEV-2\n",
             at: "severty", message: "unknown key `severty` in page; did you mean `severity`?"),
        Case(name: "missing required key", find: "  trigger: quality-slo-burn\n", replace: "",
             at: "  at: 2026-03-14T02:47:00Z", offset: 2, message: "missing required key `trigger` in page"),
        Case(name: "wrong type", find: "minutes: 20\n", replace: "minutes: twenty\n",
             at: "twenty", message: "`twenty` is not a whole number"),
        Case(name: "a list where a mapping belongs", find: "  rate: {baseline: 405, noise: 4%}", replace: "  rate: [405]",
             at: "[405]", message: "expected a mapping (rate), found a list"),
        Case(name: "bad duration", find: "time_to_surface: {target: 15m, limit: 45m}", replace: "time_to_surface: {target: 15 minutes, limit: 45m}",
             at: "15 minutes", message: "`15 minutes` is not a duration such as 25m, 1h30m, 90s, 500ms, 2d or -25m"),
        Case(name: "mitigation naming an unknown alias version", find: "    - action: \"pin model chat-default ${model.old}\"",
             replace: "    - action: \"pin model chat-default vendor-chat-2024-01-01\"", at: "\"pin model chat-default vendor-chat-2024-01-01\"",
             message: "unknown version of `chat-default` `vendor-chat-2024-01-01`; did you mean `vendor-chat-2025-03-01`?"),
        Case(name: "mitigation naming an unknown alias", find: "    - action: \"pin model chat-default ${model.old}\"",
             replace: "    - action: \"pin model chat-defualt ${model.old}\"", at: "\"pin model chat-defualt",
             message: "unknown model alias `chat-defualt`; did you mean `chat-default`?"),
        Case(name: "an action that is not one", find: "    - action: flag assistant-human-fallback on",
             replace: "    - action: flip assistant-human-fallback on", at: "flip assistant-human-fallback on",
             message: "`flip assistant-human-fallback on` is not an action: `flip` is not an action verb"),
        Case(name: "overlay share from an unknown metric", find: "      ramp: 4m\n      bad: 34%", replace: "      ramp: 4m\n      share: {metric: upgrade_share}\n      bad: 34%",
             at: "{metric: upgrade_share}", message: "unknown metric `upgrade_share`"),
        Case(name: "evidence naming nothing", find: "    - ref: alias:chat-default", replace: "    - ref: alias:chat-fallback",
             at: "alias:chat-fallback", message: "unknown model alias `chat-fallback`"),
        Case(name: "evidence of an unknown kind", find: "    - ref: log:catalog-refresh", replace: "    - ref: graph:catalog-refresh",
             at: "graph:catalog-refresh", message: "unknown evidence kind `graph`"),
        Case(name: "condition on an unknown state", find: "cause: \"alias/chat-default = ${model.new}\"", replace: "cause: \"alias/chat-dfault = ${model.new}\"",
             at: "\"alias/chat-dfault", message: "invalid condition: unknown model alias `chat-dfault`; did you mean `chat-default`?"),
        Case(name: "condition syntax, pointing inside the expression", find: "      when: flag/assistant-human-fallback = on",
             replace: "      when: flag/assistant-human-fallback == on and", at: "flag/assistant-human-fallback == on and", offset: 39,
             message: "invalid condition: expected a state path such as `alias/chat-default` or an attribute such as `region`"),
        Case(name: "deploy after the page", find: "{id: d-4812, service: support-api, at: -3d11h", replace: "{id: d-4812, service: support-api, at: +2h",
             at: "+2h", message: "impossible timeline: deploy `d-4812` finishes after the page (2h)"),
        Case(name: "limit before target", find: "time_to_surface: {target: 15m, limit: 45m}", replace: "time_to_surface: {target: 15m, limit: 10m}",
             at: "limit: 10m}", offset: 7, message: "impossible timeline: the limit (10m) must be later than the target (15m)"),
        Case(name: "history out of order", find: "        - {at: -96d, version: \"${model.old}\"", replace: "        - {at: +1d, version: \"${model.old}\"",
             at: "- {at: +1d", message: "impossible timeline: history entries must be in time order; -22m comes after 1d"),
        Case(name: "unknown parameter with a suggestion", find: "version: \"${model.new}\", by:", replace: "version: \"${model.nwe}\", by:",
             at: "\"${model.nwe}\"", message: "unknown parameter `${model.nwe}`; did you mean `${model.new}`?"),
        Case(name: "duplicate key", find: "difficulty: intro\n", replace: "difficulty: intro\ndifficulty: advanced\n",
             at: "difficulty: intro", message: "duplicate key `difficulty`; each key may appear once in a mapping"),
        Case(name: "YAML syntax", find: "  service: support-assistant\n", replace: "  service: [support-assistant\n",
             at: "title: \"AI", offset: 5, message: "YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at 28:12)"),
    ]

    @Test(arguments: cases)
    func reportsAtTheMistake(_ example: Case) throws {
        #expect(Self.example.contains(example.find), "the example no longer contains the text this case edits")
        let edited = Self.example.replacingOccurrences(of: example.find, with: example.replace)
        let diagnostics = Fixture.diagnostics(of: edited, file: "Scenarios/edited.yaml")
        let expected = try #require(Fixture.location(of: example.at, in: edited, offset: example.offset))
        let match = diagnostics.first { $0.message.hasPrefix(example.message) && $0.severity == example.severity }
        #expect(match != nil, "no diagnostic “\(example.message)”; got:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(match?.location == expected, "at \(match?.location.description ?? "-"), expected \(expected)")
        #expect(match?.description.hasPrefix("Scenarios/edited.yaml:\(expected.line):\(expected.column): \(example.severity.rawValue): ") == true)
    }

    @Test func anEmptyRegistryIsAWarningNotAnError() throws {
        let runs = try #require(Self.example.range(of: "    runs:\n"))
        let tools = try #require(Self.example.range(of: "  tools:\n"))
        let edited = Self.example.replacingCharacters(in: runs.lowerBound..<tools.lowerBound, with: "    runs: []\n")
        let diagnostics = Fixture.diagnostics(of: edited)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.description))")
        let location = try #require(Fixture.location(of: "[]", in: edited))
        #expect(diagnostics.map(\.description) == ["test.yaml:\(location.line):\(location.column): warning: the eval runs registry is empty; every world should populate every surface, so that an empty registry never rules a surface out"])
    }

    @Test func theShippedExampleIsClean() {
        let diagnostics = Fixture.diagnostics(of: Self.example)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    }

    @Test func everyShippedScenarioIsCleanForTwentySeeds() {
        let contents = PackLoader.load(files: Fixture.files)
        #expect(contents.diagnostics.isEmpty, "\(contents.diagnostics.map(\.description))")
        #expect(contents.scenarios.count >= 2)
        for source in contents.scenarios {
            for seed in UInt64(0)...20 {
                let (scenario, diagnostics) = source.instantiate(seed: seed, pack: contents.pack)
                #expect(scenario != nil && !diagnostics.hasErrors, "\(source.id) seed \(seed): \(diagnostics.map(\.description))")
            }
        }
    }

    @Test func aDifferentSeedChangesTheVariant() throws {
        let contents = PackLoader.load(files: Fixture.files)
        for source in contents.scenarios {
            let variants = Set((UInt64(0)...20).map { source.parameters.values(seed: $0) })
            #expect(variants.count >= 3, "\(source.id) has only \(variants.count) distinct variants over 21 seeds")
            let canonical = try #require(source.instantiate(seed: 0, pack: contents.pack).0)
            let other = try #require((UInt64(1)...20).lazy.compactMap { source.instantiate(seed: $0, pack: contents.pack).0 }.first { $0.variant != canonical.variant })
            #expect(other.truth.cause != canonical.truth.cause || other.truth.evidence != canonical.truth.evidence || other.world != canonical.world)
        }
    }
}

/// A pack folder with one bad file still loads the rest and names the failure.
struct PackLoadingTests {
    @Test func oneBadFileDoesNotStopTheOthers() {
        var files = Fixture.files
        files.append(("Scenarios/broken.yaml", "nightshift: scenario/1\nid: broken\ntitle: [unclosed\n"))
        files.append(("Scenarios/not-a-scenario.yaml", "just: a mapping\n"))
        let contents = PackLoader.load(files: files, displayPrefix: "pack/")
        #expect(contents.scenarioIDs.contains("silent-alias-upgrade"))
        #expect(contents.failures.map(\.file).sorted() == ["pack/Scenarios/broken.yaml", "pack/Scenarios/not-a-scenario.yaml"])
        #expect(contents.diagnostics.contains { $0.description.hasPrefix("pack/Scenarios/broken.yaml:4:1: error: YAML syntax:") })
        #expect(contents.diagnostics.contains { $0.description == "pack/Scenarios/not-a-scenario.yaml:1:1: error: missing required key `nightshift` in scenario (write `nightshift: scenario/1` first)" })
    }

    @Test func aWrongFormatVersionIsNamed() {
        let (source, diagnostics) = ScenarioSource.parse(file: "x.yaml", text: "nightshift: scenario/9\nid: x\n")
        #expect(source == nil)
        #expect(diagnostics.map(\.description) == ["x.yaml:1:13: error: unsupported format `scenario/9`; this nightshift reads `scenario/1`"])
    }

    @Test func hostileDocumentsAreRefusedWithALocation() {
        let deep = "nightshift: scenario/1\nid: " + String(repeating: "[", count: 5000) + "\n"
        let (_, nested) = ScenarioSource.parse(file: "deep.yaml", text: deep)
        #expect(nested.first?.description == "deep.yaml:2:69: error: nesting is deeper than 64 levels")
        let (_, empty) = ScenarioSource.parse(file: "empty.yaml", text: "")
        #expect(empty.first?.description == "empty.yaml:1:1: error: the file is empty; expected a mapping that starts with `nightshift:`")
    }
}
