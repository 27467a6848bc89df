import Foundation
import Simulation
import TestSupport
import Testing

/// One reading of every JSON file: a duplicate key anywhere, or anything that is not JSON, is
/// refused with its line and column; everything else is what Foundation reads too.
struct StrictJSONTests {
    static func problem(_ text: String) -> StrictJSON.Problem? {
        do {
            try StrictJSON.check(Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        #"{"clock":"sim","seed":7,"wall_scale":0,"width":100}"#,
        #"  {"a": [1, -0.5, 2e10, 3E-2, 0, true, false, null, "", {}], "b": {"c": {"d": []}}}  "#,
        #"{"a":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00","b":"é😀","a\u0000":1}"#,
        #"[{"k":1},{"k":2},{"k":3}]"#,
        "\"only a string\"", "0", "-12.5e+3", "null", "[]",
        "{\"a\":1,\r\n\t\"b\":2}\n",
    ])
    func jsonWithOneReadingIsAccepted(_ text: String) throws {
        #expect(Self.problem(text) == nil, "\(Self.problem(text)?.description ?? "")")
        _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    @Test(arguments: [
        (#"{"seq":1,"seq":2}"#, "seq", 1, 10),
        (#"{"a":{"b":[{"c":1,"d":2,"c":3}]}}"#, "c", 1, 25),
        ("{\n  \"a\": 1,\n  \"b\": {\"x\": 1},\n  \"a\": 2\n}", "a", 4, 3),
        (#"{"a":1,"\u0061":2}"#, "a", 1, 8),                   // the same key, escaped
        ("{\"é\":1,\"e\u{301}\":2}", "e\u{301}", 1, 8),          // the same key as Swift compares strings (canonically equal)
        (#"{"é":1,"😀":{"😀":1,"😀":2}}"#, "😀", 1, 19),         // columns count characters, not bytes
    ])
    func aDuplicateKeyAtAnyDepthIsFoundWhereItIs(_ text: String, _ key: String, _ line: Int, _ column: Int) {
        let problem = Self.problem(text)
        #expect(problem?.kind == .duplicateKey(key), "\(problem?.description ?? "accepted")")
        #expect(problem?.line == line && problem?.column == column, "\(problem?.description ?? "accepted")")
    }

    @Test func theSameKeyInDifferentObjectsIsFine() {
        #expect(Self.problem(#"{"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":2}]}"#) == nil)
    }

    @Test(arguments: [
        ("", "line 1, column 1: the text ends where a value belongs"),
        ("{\"a\":1,}", "line 1, column 8: found `}` where a key in quotes belongs"),
        ("[1,2,]", "line 1, column 6: found `]` where a value belongs"),
        ("{'a':1}", "line 1, column 2: found `'` where a key in quotes belongs"),
        ("{\"a\":1} // note", "line 1, column 9: found `/` where the end of the text belongs"),
        ("{\"a\":NaN}", "line 1, column 6: found `N` where a value belongs"),
        ("{\"a\":01}", "line 1, column 6: a number JSON does not allow"),
        ("{\"a\":1.}", "line 1, column 6: a number JSON does not allow"),
        ("{\"a\":-}", "line 1, column 6: a number JSON does not allow"),
        ("{\"a\":tru}", "line 1, column 9: found `}` where `true` belongs"),
        ("{\"a\":\"\\x\"}", "line 1, column 7: a `\\` escape that JSON does not have"),
        ("{\"a\":\"\\ud800\"}", "line 1, column 7: a `\\u` escape of half a UTF-16 surrogate pair"),
        ("{\"a\":\"\\udc00x\"}", "line 1, column 7: a `\\u` escape of half a UTF-16 surrogate pair"),
        ("{\"a\":\"tab\there\"}", "line 1, column 10: a control character inside a string; write it as a `\\u` escape"),
        ("{\"a\":\"unterminated}", "line 1, column 20: the text ends where the closing `\"` of a string belongs"),
        ("{\"a\":1", "line 1, column 7: the text ends where `,` or `}` belongs"),
        ("{\"a\" 1}", "line 1, column 6: found `1` where `:` belongs"),
        ("[1 2]", "line 1, column 4: found `2` where `,` or `]` belongs"),
        ("\u{FEFF}{}", "line 1, column 1: found byte 0xEF where a value belongs"),
        ("{}{}", "line 1, column 3: found `{` where the end of the text belongs"),
    ])
    func whatIsNotJSONIsRefusedWithWhereAndWhy(_ text: String, _ description: String) {
        #expect(Self.problem(text)?.description == description)
    }

    @Test(arguments: [[0xFF] as [UInt8], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]])
    func bytesThatAreNotUTF8AreRefused(_ bad: [UInt8]) throws {
        let bytes = Array(#"{"a":"x"#.utf8) + bad + Array(#"y"}"#.utf8)
        #expect(throws: StrictJSON.Problem(.invalidUTF8, line: 1, column: 8, offset: 7)) { try StrictJSON.check(bytes) }
    }

    /// No recursion for hostile input to exhaust: nesting is counted, and refused past the limit.
    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
        #expect(Self.problem(deep)?.kind == .nestedTooDeep(limit: StrictJSON.depthLimit))
        let objects = String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        #expect(Self.problem(objects)?.kind == .nestedTooDeep(limit: StrictJSON.depthLimit))
        let atLimit = String(repeating: "[", count: StrictJSON.depthLimit) + String(repeating: "]", count: StrictJSON.depthLimit)
        #expect(Self.problem(atLimit) == nil)
    }

    /// One pass: an object of 200,000 keys, and a key repeated at its very end, finish.
    @Test func largeInputIsReadInOnePass() {
        let keys = (0..<200_000).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect(Self.problem("{" + keys + "}") == nil)
        #expect(Self.problem("{" + keys + ",\"k0\":1}")?.kind == .duplicateKey("k0"))
        let long = "{\"a\":\"" + String(repeating: "é", count: 1 << 20) + "\"}"
        #expect(Self.problem(long) == nil)
    }

    @Test func decodeChecksFirstThenDecodes() throws {
        struct Header: Decodable, Equatable { var seed: Int }
        #expect(try StrictJSON.decode(Header.self, from: Data(#"{"seed":7}"#.utf8)) == Header(seed: 7))
        // Foundation alone reads this as one of the two; the strict reading refuses it.
        #expect((try? JSONDecoder().decode(Header.self, from: Data(#"{"seed":7,"seed":8}"#.utf8))) != nil)
        #expect(throws: StrictJSON.Problem.self) { try StrictJSON.decode(Header.self, from: Data(#"{"seed":7,"seed":8}"#.utf8)) }
        #expect(throws: DecodingError.self) { try StrictJSON.decode(Header.self, from: Data(#"{"seed":"7"}"#.utf8)) }
    }

    /// Damaged copies of a journal line: whatever the strict check accepts, Foundation reads
    /// too, so nothing it lets through surprises the decoder behind it.
    @Test func everythingAcceptedIsJSONToFoundation() {
        let line = Array(#"{"at_ms":60000,"seq":2,"text":"traces --where \"model=a\" é","type":"command","wall_ms":12,"width":[100,{"x":null}]}"#.utf8)
        var generator = SeededGenerator(seed: 18)
        var accepted = 0
        for _ in 0..<20_000 {
            var bytes = line
            for _ in 0...generator.below(3) {
                let at = generator.below(bytes.count)
                switch generator.below(3) {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: at)
                default: bytes.insert(generator.pick(Array("{}[],:\"\\0-.eE \n".utf8)), at: at)
                }
            }
            guard (try? StrictJSON.check(bytes)) != nil else { continue }
            accepted += 1
            #expect((try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil,
                    "accepted, but Foundation refuses: \(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(accepted > 100)
    }
}
