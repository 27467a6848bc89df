import Foundation
import Grading
import ScenarioFormat
import Simulation
import TestSupport
import Testing

/// Damaged copies of recorded journals (the persona scripts, played), read and graded as
/// `grade`, `replay` and `resume` read and grade them: nothing crashes or hangs, a journal is
/// either refused with a sentence naming its line or graded into a score its findings add up
/// to, and the clock of what is graded never passes the shift. Seeded, so a failure names the
/// mutation that reproduces it; each case's input is saved before it runs, and a case still
/// running after 5 s fails with its input kept.
struct JournalFuzzTests {
    /// Damaged copies per recorded journal, two journals per scenario: 224 cases, some 25 s on two cores.
    static let perJournal = 8

    /// A persona's journal as a session would have written it; `wall` plays it with the clock
    /// running, so wall time is in play too.
    static func recorded(_ scenario: String, persona: String, wall: Bool) -> [UInt8] {
        let lines = Fixture.script("Tests/GradingTests/Journals/\(scenario)/\(persona).txt", variant: Fixture.scenario(scenario))
        let (header, entries) = wall ? Fixture.wallJournal(scenario, seed: 0, lines: lines) : Fixture.journal(scenario, seed: 0, lines: lines)
        return Array(([Journal.encode(header)] + entries.map { Journal.encode($0) }).joined(separator: "\n").utf8) + [UInt8(ascii: "\n")]
    }

    /// What one case came to, for the assertions made back in the test's context.
    enum Result: Sendable {
        case refused(String)
        case graded(score: Int, findingsTotal: Int, clock: SimDuration, screens: Int)
        case notGradable(String)
    }

    /// As `grade` does it: read, find the scenario and variant the header names, grade; and as
    /// `replay` does, run it again drawing every screen.
    static func run(_ bytes: [UInt8], memo: GradingMemo, original: String) -> Result {
        let parsed: Journal.Parsed
        switch Journal.parse(Data(bytes)) {
        case .failure(let error): return .refused("\(error)")
        case .success(let value): parsed = value
        }
        let contents = Fixture.contents
        let header = parsed.header
        guard let source = contents.source(header.scenario), let scenario = source.instantiate(seed: header.seed, pack: contents.pack).0 else {
            return .notGradable("no scenario \(header.scenario) seed \(header.seed)")
        }
        let rubric = Fixture.rubric(header.mode)
        let shared = header.scenario == original && header.seed == 0 ? memo : nil
        guard let (grade, session) = try? Grader.gradeWithSession(scenario: scenario, pack: contents.pack, costs: contents.costs, rubric: rubric,
                                                                  header: header, entries: parsed.entries, memo: shared),
              let replay = Replay.run(scenario: scenario, pack: contents.pack, costs: contents.costs, header: header, entries: parsed.entries) else {
            return .notGradable("mode or clock unknown")
        }
        return .graded(score: grade.score, findingsTotal: grade.findings.reduce(0) { $0 + $1.points }, clock: max(session.now, replay.session.now),
                       screens: replay.screens.count)
    }

    @Test(arguments: Fixture.scenarioIDs)
    func damagedJournalsAreRefusedOrGradedNeverCrashOrHang(_ scenario: String) {
        let watchdog = Watchdog("journal-fuzz-\(scenario)")
        let memo = GradingMemo()
        var refused = 0, graded = 0
        var kinds: Set<JSONMutator.Kind> = []
        for (number, (persona, wall)) in [("expert", false), ("runbook", true)].enumerated() {
            let original = Self.recorded(scenario, persona: persona, wall: wall)
            let lineCount = original.filter { $0 == UInt8(ascii: "\n") }.count
            var mutator = JSONMutator(seed: StableHash.fnv1a("\(scenario)/\(persona)"))
            // The second journal's copies continue the first's numbering: each kind once between them.
            for index in number * Self.perJournal..<(number + 1) * Self.perJournal {
                let (applied, bytes) = mutator.mutate(original, index: index)
                kinds.formUnion(applied)
                let label = "\(scenario) \(persona) mutation \(index) (\(applied.map(\.rawValue).joined(separator: " + ")))"
                switch watchdog.run(label, input: bytes, { Self.run(bytes, memo: memo, original: scenario) }) {
                case .hung(let kept):
                    Issue.record("\(label): still running after \(watchdog.seconds) s; input kept at \(kept)")
                    return
                case .finished(.refused(let message)):
                    refused += 1
                    let named = message == "the journal is empty" || message.hasPrefix("the first line is not a journal header: ")
                        || message.hasPrefix("line 1: ") || message.hasPrefix("the journal's format is ")
                        || Self.lineNumber(message).map { $0 >= 2 && $0 <= lineCount + 2200 } == true
                    #expect(named, "\(label): refused without naming a line: \(message)")
                case .finished(.graded(let score, let total, let clock, _)):
                    graded += 1
                    #expect((0...100).contains(score) && total == score, "\(label): score \(score), findings add up to \(total)")
                    #expect(clock <= Session.shift, "\(label): graded at \(clock), past the shift")
                case .finished(.notGradable):
                    refused += 1
                }
            }
        }
        // Both outcomes occur: the mutations bite, and not every damaged copy is refused.
        #expect(refused >= Self.perJournal / 2, "only \(refused) refused")
        #expect(graded >= 2, "only \(graded) graded")
        #expect(kinds.count == JSONMutator.Kind.allCases.count)
    }

    /// `line 12: …` or `line 12 is not …`: the line a refusal names.
    static func lineNumber(_ message: String) -> Int? {
        guard message.hasPrefix("line ") else { return nil }
        return Int(message.dropFirst(5).prefix { $0.isNumber })
    }
}
