import ScenarioFormat
import TestSupport
import Testing

struct ConditionTests {
    @Test(arguments: [
        ("alias/chat-default = v2", Condition.compare(.state("alias/chat-default"), .equal, ["v2"])),
        ("region != eu-west-1", .compare(.attribute("region"), .notEqual, ["eu-west-1"])),
        ("duration_ms > 2000", .compare(.attribute("duration_ms"), .greater, ["2000"])),
        ("tenant in [acme, globex]", .compare(.attribute("tenant"), .isIn, ["acme", "globex"])),
        ("not flag/x = on", .not(.compare(.state("flag/x"), .equal, ["on"]))),
        ("a = 1 and b = 2 or c = 3", .or(.and(.compare(.attribute("a"), .equal, ["1"]), .compare(.attribute("b"), .equal, ["2"])), .compare(.attribute("c"), .equal, ["3"]))),
        ("replica/{replica} = down", .compare(.state("replica/{replica}"), .equal, ["down"])),
        ("feedback = \"thumbs down\"", .compare(.attribute("feedback"), .equal, ["thumbs down"])),
    ])
    func parses(_ text: String, _ expected: Condition) throws {
        #expect(try Condition.parse(text).get() == expected)
    }

    @Test(arguments: [
        ("a =", 3, "expected a value after `=`"),
        ("= 4", 0, "expected a state path such as `alias/chat-default` or an attribute such as `region`"),
        ("a = 1 b = 2", 6, "expected `and`, `or` or the end of the condition"),
        ("(a = 1", 6, "expected `)`"),
        ("a ! 1", 2, "`!` must be followed by `=`"),
        ("a = 'x", 4, "unterminated quote"),
        ("a in [1, 2", 10, "expected `,` or `]`"),
    ])
    func reportsWhere(_ text: String, _ offset: Int, _ message: String) {
        guard case .failure(let error) = Condition.parse(text) else {
            Issue.record("`\(text)` parsed")
            return
        }
        #expect(error.offset == offset)
        #expect(error.message == message)
    }

    @Test func placeholdersAreFound() {
        #expect(Operand.state("prompt/support-system/{region}").placeholders == ["region"])
        #expect(Operand.attribute("region").placeholders.isEmpty)
    }
}

struct SimDurationTests {
    @Test(arguments: [("25m", 1_500_000), ("-25m", -1_500_000), ("+15m", 900_000), ("1h30m", 5_400_000), ("500ms", 500),
                      ("2d", 172_800_000), ("0", 0), ("1.5s", 1500), ("-3d11h", -298_800_000)] as [(String, Int64)])
    func parses(_ text: String, _ milliseconds: Int64) {
        #expect(SimDuration.parse(text)?.milliseconds == milliseconds)
    }

    @Test(arguments: ["", "25", "m", "5 m", "1x", "--5m", "1e20d"])
    func rejects(_ text: String) {
        #expect(SimDuration.parse(text) == nil)
    }

    @Test func printsTheShortestExactForm() {
        #expect(SimDuration(milliseconds: 5_400_000).description == "1h30m")
        #expect(SimDuration(milliseconds: -1_500_000).description == "-25m")
        #expect(SimDuration.minutes(75).spoken == "1 h 15 min")
        #expect(SimDuration.seconds(40).spoken == "40 s")
    }
}

struct ParameterSpaceTests {
    static let space: ParameterSpace = {
        let decoder = NodeDecoder(file: "t")
        let node = try! YAMLParser.parse("""
            model:
              choices:
                - {old: a1, new: a2}
                - {old: b1, new: b2}
                - {old: c1, new: c2}
            onset: {choices: [22m, 25m, 31m]}
            size: {range: [1.5, 1.9], step: 0.1}
            """).get()
        return ParameterSpace.read(node, decoder)
    }()

    @Test func seedZeroIsTheCanonicalVariant() {
        #expect(Self.space.values(seed: 0) == ["model.old": "a1", "model.new": "a2", "onset": "22m", "size": "1.5"])
    }

    @Test func seedsPickConsistentFieldsAndStayInRange() {
        for seed in UInt64(1)...50 {
            let values = Self.space.values(seed: seed)
            #expect(values["model.old"]?.first == values["model.new"]?.first)
            #expect(["22m", "25m", "31m"].contains(values["onset"] ?? ""))
            #expect(["1.5", "1.6", "1.7", "1.8", "1.9"].contains(values["size"] ?? ""))
        }
        #expect(Set((UInt64(1)...50).map { Self.space.values(seed: $0) }).count > 10)
    }

    @Test func theSameSeedGivesTheSameValues() {
        #expect(Self.space.values(seed: 12345) == Self.space.values(seed: 12345))
    }
}
