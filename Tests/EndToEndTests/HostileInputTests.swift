import Foundation
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// Issue 18's crashes and hangs, each as the binary met it: a session of any length, hostile
/// journals given to `grade` and `resume`, a torn line after bytes that are not UTF-8, a bare
/// `--journal` name, and scenario parameters whose ranges cannot be counted or printed.
/// Every run has a generous time limit: a case that hits it is a hang, and fails.
struct HostileInputTests {
    static let limit = 120.0

    /// A journal of a session still open: the header, then `dash overview` and `traces`.
    static func journalLines(clock: SessionSettings.ClockKind = .sim) -> [String] {
        let (header, entries) = Fixture.journal("silent-alias-upgrade", seed: 1, lines: ["dash overview", "traces --limit 3"])
        var lines = [Journal.encode(header)] + entries.map { Journal.encode($0) }
        if clock == .wall { lines[0] = lines[0].replacingOccurrences(of: "\"clock\":\"sim\"", with: "\"clock\":\"wall\"").replacingOccurrences(of: "\"wall_scale\":0", with: "\"wall_scale\":1") }
        return lines
    }

    static func write(_ lines: [String], to folder: URL, name: String = "hostile.jsonl") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    /// Found by hand on the release binary: 72 waits crashed writing report.html, 80 and a
    /// dashboard crashed live. The shift now ends the session at 24 h and the reports are written.
    @Test func eightyHoursOfWaitingEndsAtTheShiftWithItsReports() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = String(repeating: "wait 1h\n", count: 80) + "dash overview\nquit\ny\n"
        let run = try Binary.run(["play", "silent-alias-upgrade", "--seed", "1", "--pack", Fixture.root.path], input: input,
                                 environment: Binary.environment(folder), timeout: Self.limit)
        #expect(run.status == 0 && !run.timedOut, "\(run.stderr.suffix(2000))")
        #expect(run.stdout.flattened.contains("02:47 Handover: Your shift is over, 24 h after the page."))
        #expect(run.stdout.flattened.contains("Your shift ran out at 02:47, 24 h after the page"))
        let reports = folder.appendingPathComponent("xdg/nightshift/reports")
        let written = (FileManager.default.subpaths(atPath: reports.path) ?? []).filter { $0.hasSuffix("report.html") }
        #expect(written.count == 1, "reports: \(written)")
    }

    /// A journal that ran past the traffic before sessions ended at the shift (80 waits and a
    /// dashboard): `resume` and `grade` crashed replaying it, so it could never finish. It now
    /// replays to its handover: finished, and graded.
    @Test func aJournalPastTheShiftReplaysToItsHandover() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = [Self.journalLines()[0]]
        for index in 0..<80 { lines.append(#"{"at_ms":\#(index * 3_600_000),"seq":\#(index + 1),"text":"wait 1h","type":"command","wall_ms":0,"width":100}"#) }
        lines.append(#"{"at_ms":288000000,"seq":81,"text":"dash overview","type":"command","wall_ms":0,"width":100}"#)
        let journal = try Self.write(lines, to: folder)
        let environment = Binary.environment(folder)
        let resumed = try Binary.run(["resume", journal.path, "--pack", Fixture.root.path], environment: environment, timeout: Self.limit)
        #expect(resumed.status == 0 && !resumed.timedOut, "\(resumed.stderr.suffix(2000))")
        #expect(resumed.stdout.contains("That session has already finished"), "\(resumed.stdout.suffix(500))")
        let graded = try Binary.run(["grade", journal.path, "--pack", Fixture.root.path], environment: environment, timeout: Self.limit)
        #expect(graded.status == 0 && !graded.timedOut, "\(graded.stderr.suffix(2000))")
        #expect(graded.stdout.flattened.contains("Your shift ran out at 02:47"))
    }

    /// One edit each to a journal a session wrote; `grade` and `resume` refuse each with the
    /// line and field, where before most crashed (an Int64 overflow) and the rest were read.
    @Test(arguments: [
        ("wall_scale 1e300", 0, "\"wall_scale\":1", "\"wall_scale\":1e300", "line 1: `wall_scale` is 1e+300; it must be from 0 to 3600"),
        ("wall_scale -1e300", 0, "\"wall_scale\":1", "\"wall_scale\":-1e300", "line 1: `wall_scale` is -1e+300; it must be from 0 to 3600"),
        ("wall_scale 3601", 0, "\"wall_scale\":1", "\"wall_scale\":3601", "line 1: `wall_scale` is 3601; it must be from 0 to 3600"),
        ("header width huge", 0, "\"width\":100", "\"width\":9223372036854775807", "line 1: `width` is 9223372036854775807; it must be from 40 to 400 columns"),
        ("header width 0", 0, "\"width\":100", "\"width\":0", "line 1: `width` is 0; it must be from 40 to 400 columns"),
        ("unknown mode", 0, "\"mode\":\"onboarding\"", "\"mode\":\"chaos\"", "line 1: `mode` is `chaos`; it must be one of"),
        ("duplicate seed", 0, "\"seed\":1", "\"seed\":1,\"seed\":2", "the first line is not a journal header: column"),
        ("at_ms huge", 1, "\"at_ms\":0", "\"at_ms\":9223372036854775807", "line 2: `at_ms` is 9223372036854775807; it must be from 0 to 604,800,000"),
        ("at_ms negative", 1, "\"at_ms\":0", "\"at_ms\":-1", "line 2: `at_ms` is -1"),
        ("wall_ms huge", 1, "\"wall_ms\":0", "\"wall_ms\":9223372036854775807", "line 2: `wall_ms` is 9223372036854775807; it must be from 0 to 3,155,760,000,000 (100 years)"),
        ("wall_ms negative", 2, "\"wall_ms\":0", "\"wall_ms\":-5", "line 3: `wall_ms` is -5"),
        ("seq huge", 2, "\"seq\":2", "\"seq\":9223372036854775807", "line 3: `seq` is 9223372036854775807; it must be from 1 to 1,000,000,000"),
        ("seq negative", 1, "\"seq\":1", "\"seq\":-3", "line 2: `seq` is -3"),
        ("entry width huge", 2, "\"width\":100", "\"width\":9223372036854775807", "line 3: `width` is 9223372036854775807"),
        ("duplicate at_ms", 2, "\"at_ms\":60000", "\"at_ms\":60000,\"at_ms\":0", "line 3 is not a journal entry: column 16: duplicate key `at_ms`"),
    ])
    func hostileJournalsAreRefusedWithTheLineAndField(_ name: String, _ line: Int, _ from: String, _ to: String, _ message: String) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = Self.journalLines(clock: .wall)
        #expect(lines[line].contains(from), "\(name): line \(line + 1) lacks \(from): \(lines[line])")
        lines[line] = lines[line].replacingOccurrences(of: from, with: to)
        let journal = try Self.write(lines, to: folder)
        for command in ["grade", "resume"] {
            let run = try Binary.run([command, journal.path, "--pack", Fixture.root.path], environment: Binary.environment(folder), timeout: Self.limit)
            #expect(run.status == 1 && !run.timedOut, "\(name): `\(command)` exited \(run.status): \(run.stderr.suffix(1500))")
            #expect(run.stderr.contains("\(journal.path): \(message)"), "\(name): `\(command)` said: \(run.stderr.suffix(1500))")
        }
    }

    /// 2,000 ticks each claiming a year of wall time at 60 simulated seconds per second: the
    /// first ends the shift, so grading is quick (it ran for minutes, every empty minute walked).
    @Test func twoThousandHugeTicksEndAtTheShift() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = [Self.journalLines(clock: .wall)[0].replacingOccurrences(of: "\"wall_scale\":1", with: "\"wall_scale\":60")]
        for seq in 1...2000 { lines.append(#"{"at_ms":0,"seq":\#(seq),"type":"tick","wall_ms":31557600000,"width":100}"#) }
        let journal = try Self.write(lines, to: folder)
        let run = try Binary.run(["grade", journal.path, "--pack", Fixture.root.path], environment: Binary.environment(folder), timeout: Self.limit)
        #expect(run.status == 0 && !run.timedOut, "\(run.stderr.suffix(1500))")
        #expect(run.stdout.flattened.contains("Your shift ran out at 02:47"))
    }

    /// A crash mid-write after a line holding bytes that are not UTF-8: the torn fragment is
    /// cut at the byte after the last line break. Cut at the decoded text's length instead, it
    /// left part of the fragment behind, and the next entry appended to it made a broken line.
    @Test func aTornLineIsCutAtTheRightByteWhateverTheLinesBeforeIt() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = Self.journalLines()
        var bytes = Array((lines[0] + "\n" + lines[1] + "\n").utf8)
        let parts = lines[2].components(separatedBy: "traces")
        bytes += Array(parts[0].utf8) + [0xFF, 0xFE, 0xC0] + Array(("traces" + parts[1]).utf8) + [UInt8(ascii: "\n")]
        let whole = bytes
        bytes += Array(#"{"at_ms":120000,"seq":3,"te"#.utf8)
        let journal = folder.appendingPathComponent("torn.jsonl")
        try Data(bytes).write(to: journal)
        let run = try Binary.run(["resume", journal.path, "--pack", Fixture.root.path], environment: Binary.environment(folder), timeout: Self.limit)
        #expect(!run.timedOut)
        #expect(try Array(Data(contentsOf: journal)) == whole, "the file was cut somewhere else")
        // The line with bytes that are not UTF-8 is then refused, not read with replacement characters.
        #expect(run.status == 1)
        #expect(run.stderr.contains("line 3 is not a journal entry: column"), "\(run.stderr)")
        #expect(run.stderr.contains("bytes that are not UTF-8"), "\(run.stderr)")
    }

    /// `--journal bare.jsonl` (a name with no folder) failed: the folder to create was "".
    @Test func aJournalNamedWithoutAFolderIsWrittenInTheWorkingFolder() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Binary.run(["play", "silent-alias-upgrade", "--seed", "1", "--pack", Fixture.root.path, "--journal", "bare.jsonl"],
                                 input: "dash overview\nquit\ny\n", environment: Binary.environment(folder), in: folder, timeout: Self.limit)
        #expect(run.status == 0, "\(run.stderr)")
        let written = try String(contentsOf: folder.appendingPathComponent("bare.jsonl"), encoding: .utf8)
        #expect(written.split(separator: "\n").count == 4)
    }

    /// A parameter whose range cannot be counted or printed crashed lint, play and preview, and
    /// a pack holding it crashed `scenario lint Scenarios`. Now: an error at the number, and
    /// the rest of the pack loads.
    @Test(arguments: [
        ("{range: [0, 1e300]}", "1e300", "expected a number from -1,000,000,000 to 1,000,000,000 with at most 6 decimals"),
        ("{range: [-1e308, 1e308]}", "-1e308", "expected a number from -1,000,000,000 to 1,000,000,000 with at most 6 decimals"),
        ("{range: [0, 9.3e18]}", "9.3e18", "expected a number from -1,000,000,000 to 1,000,000,000 with at most 6 decimals"),
        ("{range: [0, 1], step: 1e-300}", "1e-300", "expected a step from 0.000001 to 1,000,000,000 with at most 6 decimals"),
    ])
    func parameterRangesThatCannotBeCountedOrPrintedAreLintErrors(_ value: String, _ written: String, _ expected: String) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for sub in ["Scenarios", "Grading"] {
            try FileManager.default.copyItem(at: Fixture.root.appendingPathComponent(sub), to: folder.appendingPathComponent(sub))
        }
        let path = folder.appendingPathComponent("Scenarios/silent-alias-upgrade.yaml")
        let text = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "\nparameters:\n", with: "\nparameters:\n  bomb: \(value)\n")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let location = try #require(Fixture.location(of: written, in: text))
        let diagnostic = "silent-alias-upgrade.yaml:\(location.line):\(location.column): error: `\(written)` is out of range: \(expected)"
        let environment = Binary.environment(folder)
        let lint = try Binary.run(["scenario", "lint", "Scenarios"], environment: environment, in: folder, timeout: Self.limit)
        #expect(lint.status == 1 && !lint.timedOut)
        #expect(lint.stdout.contains("Scenarios/" + diagnostic), "\(lint.stdout.suffix(800))\n\(lint.stderr.suffix(800))")
        #expect(lint.stderr.contains("13 clean, 1 failed"), "\(lint.stderr)")
        let play = try Binary.run(["play", "silent-alias-upgrade", "--seed", "3", "--pack", "."], input: "quit\ny\n", environment: environment, in: folder, timeout: Self.limit)
        #expect(play.status == 1 && !play.timedOut, "\(play.stderr.suffix(800))")
        #expect(play.stderr.contains(diagnostic), "\(play.stderr.suffix(800))")
        let preview = try Binary.run(["scenario", "preview", "silent-alias-upgrade", "--seed", "3", "--pack", "."], environment: environment, in: folder, timeout: Self.limit)
        #expect(preview.status == 1 && !preview.timedOut, "\(preview.stderr.suffix(800))")
        let other = try Binary.run(["play", "retrieval-replica-loss", "--seed", "3", "--pack", "."], input: "quit\ny\n", environment: environment, in: folder, timeout: Self.limit)
        #expect(other.status == 0, "the rest of the pack still plays: \(other.stderr.suffix(800))")
    }
}
