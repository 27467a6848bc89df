import Foundation
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// A journal is read once, strictly: every line one JSON object with no key twice, every
/// number one a session could write. The error names the line and the field; only a torn
/// last line (a crash mid-write) is skipped.
struct JournalReadingTests {
    static let lines: [String] = {
        let (header, entries) = Fixture.journal("silent-alias-upgrade", seed: 1, lines: ["dash overview", "traces --limit 3", "quit", "y"])
        var lines = [Journal.encode(header)] + entries.map { Journal.encode($0) }
        lines[0] = lines[0].replacingOccurrences(of: "\"clock\":\"sim\"", with: "\"clock\":\"wall\"").replacingOccurrences(of: "\"wall_scale\":0", with: "\"wall_scale\":1")
        return lines
    }()

    static func read(_ lines: [String], end: String = "\n") -> String {
        switch Journal.parse(lines.joined(separator: "\n") + end) {
        case .success(let parsed): return "read \(parsed.entries.count) entries, \(parsed.problems.count) skipped"
        case .failure(let error): return "\(error)"
        }
    }

    @Test func aJournalASessionWroteIsRead() {
        #expect(Self.read(Self.lines) == "read 4 entries, 0 skipped")
        #expect(Self.read(Self.lines, end: "") == "read 4 entries, 0 skipped", "a last line with no break after it is whole if it reads")
    }

    @Test(arguments: [
        (0, "\"wall_scale\":1", "\"wall_scale\":1e300", "line 1: `wall_scale` is 1e+300; it must be from 0 to 3600 simulated seconds per wall second"),
        (0, "\"wall_scale\":1", "\"wall_scale\":-0.5", "line 1: `wall_scale` is -0.5; it must be from 0 to 3600 simulated seconds per wall second"),
        (0, "\"width\":100", "\"width\":39", "line 1: `width` is 39; it must be from 40 to 400 columns"),
        (0, "\"mode\":\"onboarding\"", "\"mode\":\"ONBOARDING\"", "line 1: `mode` is `ONBOARDING`; it must be one of `onboarding`, `gameday`, `certification`"),
        (0, "\"clock\":\"wall\"", "\"clock\":\"sundial\"", "line 1: `clock` is `sundial`; it must be `sim` or `wall`"),
        (0, "\"format\":\"nightshift-journal/1\"", "\"format\":\"nightshift-journal/2\"", "the journal's format is `nightshift-journal/2`; this nightshift reads `nightshift-journal/1`"),
        (0, "\"type\":\"header\"", "\"type\":\"header\",\"type\":\"command\"", "the first line is not a journal header: column 266: duplicate key `type`; each key may appear once in an object"),
        (0, "\"seed\":1", "\"seed\":-1", "the first line is not a journal header: a number does not fit its field (a whole number in the field's range)"),
        (1, "\"seq\":1", "\"seq\":0", "line 2: `seq` is 0; it must be from 1 to 1,000,000,000"),
        (2, "\"seq\":2", "\"seq\":1000000001", "line 3: `seq` is 1000000001; it must be from 1 to 1,000,000,000"),
        (2, "\"at_ms\":60000", "\"at_ms\":604800001", "line 3: `at_ms` is 604800001; it must be from 0 to 604,800,000 (7 days after the page)"),
        (2, "\"wall_ms\":0", "\"wall_ms\":-1", "line 3: `wall_ms` is -1; it must be from 0 to 3,155,760,000,000 (100 years)"),
        (3, "\"width\":100", "\"width\":401", "line 4: `width` is 401; it must be from 40 to 400 columns"),
        (3, "\"seq\":3", "\"seq\":3,\"seq\":4", "line 4 is not a journal entry: column 25: duplicate key `seq`; each key may appear once in an object"),
        (3, "\"type\":\"command\"", "\"type\":\"order\"", "line 4 is not a journal entry: `type` has an unreadable value"),
        (2, "\"at_ms\":60000", "\"at_ms\":1e400", "line 3 is not a journal entry: a number does not fit its field (a whole number in the field's range)"),
    ])
    func aFieldNoSessionWritesIsRefusedNamingLineAndField(_ line: Int, _ from: String, _ to: String, _ message: String) {
        var lines = Self.lines
        #expect(lines[line].contains(from), "line \(line + 1) lacks \(from): \(lines[line])")
        lines[line] = lines[line].replacingOccurrences(of: from, with: to)
        #expect(Self.read(lines) == message)
    }

    /// Only the last line, with no break after it and not JSON, is a crash's torn write.
    @Test func onlyATornLastLineIsSkipped() {
        var torn = Self.lines
        torn[4] = String(torn[4].prefix(20))
        #expect(Self.read(torn, end: "") == "read 3 entries, 1 skipped")
        #expect(Self.read(torn, end: "\n").hasPrefix("line 5 is not a journal entry: column 21: the text ends where"))
        var middle = Self.lines
        middle[2] = String(middle[2].prefix(20))
        #expect(Self.read(middle).hasPrefix("line 3 is not a journal entry: column 21: the text ends where"))
        // Torn yet whole JSON cannot happen; a last line that is JSON is checked like any other.
        var last = Self.lines
        last[4] = last[4].replacingOccurrences(of: "\"width\":100", with: "\"width\":4000")
        #expect(Self.read(last, end: "") == "line 5: `width` is 4000; it must be from 40 to 400 columns")
    }

    @Test func bytesThatAreNotUTF8AreRefusedNotReplaced() {
        var bytes = Array((Self.lines.joined(separator: "\n") + "\n").utf8)
        let at = Array(Self.lines[0...1].joined(separator: "\n").utf8).count + 40   // inside line 3's text
        bytes.insert(0xFF, at: at)
        guard case .failure(let error) = Journal.parse(Data(bytes)) else {
            Issue.record("a line with a byte that is not UTF-8 was read")
            return
        }
        #expect("\(error)".hasPrefix("line 3 is not a journal entry: column"), "\(error)")
        #expect("\(error)".hasSuffix("bytes that are not UTF-8"), "\(error)")
    }
}
