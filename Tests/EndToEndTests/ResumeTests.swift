import Foundation
import Grading
import Reports
import ScenarioFormat
import TestSupport
import Testing

/// A real process killed with SIGKILL mid-session, then `nightshift resume`: every answered
/// command is still there, and the grade is the grade of a run that was never interrupted.
struct ResumeTests {
    static let scenario = "silent-alias-upgrade"
    static var lines: [String] { Fixture.script("Tests/GradingTests/Journals/\(scenario)/expert.txt", variant: Fixture.scenario(scenario)) }

    /// Score and findings of a journal, regraded by the binary.
    static func grade(_ journal: URL, environment: [String: String]) throws -> (score: Int, findings: [String]) {
        let run = try Binary.run(["grade", journal.path, "--format", "json", "--pack", Fixture.root.path], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        let findings = (object["findings"] as? [[String: Any]] ?? []).map { "\($0["points"] ?? "") \($0["reason"] ?? "")" }
        return (object["score"] as? Int ?? -1, findings)
    }

    @Test(arguments: [3, 7, 12])
    func aSessionKilledMidwayResumesWhereItStoppedAndGradesAsIfNeverKilled(_ killAfter: Int) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let lines = Self.lines

        // Uninterrupted, for reference.
        let reference = folder.appendingPathComponent("reference.jsonl")
        let whole = try Binary.run(["play", Self.scenario, "--seed", "0", "--pack", Fixture.root.path, "--journal", reference.path],
                                   input: lines.joined(separator: "\n") + "\n", environment: environment)
        #expect(whole.status == 0, "\(whole.stderr)")

        // Killed once `killAfter` inputs are journaled; the next one may be half applied.
        let journal = folder.appendingPathComponent("killed.jsonl")
        let process = try RunningBinary(["play", Self.scenario, "--seed", "0", "--pack", Fixture.root.path, "--journal", journal.path], environment: environment)
        process.send(Array(lines.prefix(killAfter + 1)))
        #expect(RunningBinary.wait { Binary.journalEntries(journal.path) >= killAfter }, "the journal never reached \(killAfter) entries")
        process.kill()
        let kept = Binary.journalEntries(journal.path)
        #expect(kept >= killAfter, "answered commands were lost: \(kept) of \(killAfter)")

        // `resume` lists nothing from the data folder here (the journal was elsewhere); by path it continues.
        let resumed = try Binary.run(["resume", journal.path, "--pack", Fixture.root.path],
                                     input: lines.dropFirst(kept).joined(separator: "\n") + "\n", environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Resumed at "), "\(resumed.stdout.prefix(2000))")
        let text = try String(contentsOf: journal, encoding: .utf8)
        #expect(text.contains("\"type\":\"gap\""), "the gap is journaled")

        let killedGrade = try Self.grade(journal, environment: environment)
        let referenceGrade = try Self.grade(reference, environment: environment)
        #expect(killedGrade.score == referenceGrade.score)
        #expect(killedGrade.findings == referenceGrade.findings)
    }

    /// Kills per scenario: three scenarios make 51 SIGKILLs in all.
    static let killsPerScenario = 17

    /// One journal killed again and again at seeded points (after a resume's gap is written
    /// and before any input, between commands, with a command in flight, halfway through a
    /// line), each time resumed with the lines not yet answered; no answered input is ever
    /// lost, and the final grade is the uninterrupted run's.
    @Test(arguments: ["silent-alias-upgrade", "leaked-key-llmjacking", "stale-eval-set"])
    func aSessionKilledAgainAndAgainGradesAsIfNeverKilled(_ scenario: String) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let lines = Fixture.script("Tests/GradingTests/Journals/\(scenario)/expert.txt", variant: Fixture.scenario(scenario))
        let pack = ["--pack", Fixture.root.path]

        let reference = folder.appendingPathComponent("reference.jsonl")
        let whole = try Binary.run(["play", scenario, "--seed", "0", "--journal", reference.path] + pack,
                                   input: lines.joined(separator: "\n") + "\n", environment: environment)
        #expect(whole.status == 0, "\(whole.stderr)")

        // Seeded kill points: how many inputs are answered before each kill, in order. The
        // last two lines (`quit`, `y`) are left for the run that finishes.
        var random = SeededGenerator(seed: StableHash.fnv1a(scenario))
        let targets = (0..<Self.killsPerScenario).map { _ in 1 + random.below(lines.count - 3) }.sorted()
        let journal = folder.appendingPathComponent("killed.jsonl")
        var answered = 0, entries = 0, kills = 0
        for (index, target) in targets.enumerated() {
            let arguments = index == 0 ? ["play", scenario, "--seed", "0", "--journal", journal.path] : ["resume", journal.path]
            let process = try RunningBinary(arguments + pack, environment: environment)
            let before = entries
            // A resume journals its gap before it reads input; a kill after that and before
            // any new line is sent is a kill point too.
            let next = max(answered, target)
            var sent = Array(lines[answered..<next])
            let extra = random.below(3)
            if extra == 1 { sent.append(lines[next]) }  // in flight when killed
            process.send(sent)
            if extra == 2 { process.sendRaw(String(lines[next].prefix(max(1, lines[next].count / 2)))) }  // half a line typed
            let reached = RunningBinary.wait {
                let now = Binary.journalInputs(journal.path)
                return now.inputs >= target && now.entries > before
            }
            #expect(reached, "kill \(kills + 1): the journal never reached \(target) inputs")
            process.kill()
            kills += 1
            let now = Binary.journalInputs(journal.path)
            #expect(now.inputs >= answered && now.inputs >= target, "kill \(kills): answered inputs went from \(answered) to \(now.inputs) (wanted \(target))")
            #expect(now.entries >= entries, "kill \(kills): journal entries went from \(entries) to \(now.entries)")
            answered = now.inputs
            entries = now.entries
        }
        #expect(kills == Self.killsPerScenario)

        let resumed = try Binary.run(["resume", journal.path] + pack, input: lines.dropFirst(answered).joined(separator: "\n") + "\n", environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains(" Score "), "the last resume ends with the grade")
        let text = try String(contentsOf: journal, encoding: .utf8)
        #expect(text.components(separatedBy: "\"type\":\"gap\"").count - 1 == kills, "one gap per kill")

        let killedGrade = try Self.grade(journal, environment: environment)
        let referenceGrade = try Self.grade(reference, environment: environment)
        #expect(killedGrade.score == referenceGrade.score)
        #expect(killedGrade.findings == referenceGrade.findings)
    }

    @Test func resumeListsUnfinishedSessionsFromTheDataFolderAndContinuesOneByNumber() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let nothing = try Binary.run(["resume", "--pack", Fixture.root.path], environment: environment)
        #expect(nothing.stdout.contains("Nothing to resume"))

        let process = try RunningBinary(["play", Self.scenario, "--seed", "0", "--pack", Fixture.root.path], environment: environment)
        process.send(Array(Self.lines.prefix(4)))
        let journals = folder.appendingPathComponent("xdg/nightshift/journals")
        func journal() -> String? {
            (try? FileManager.default.contentsOfDirectory(atPath: journals.path))?.first { $0.hasSuffix(".jsonl") }.map { journals.appendingPathComponent($0).path }
        }
        #expect(RunningBinary.wait { journal().map { Binary.journalEntries($0) >= 4 } ?? false })
        process.kill()

        let listed = try Binary.run(["resume", "--pack", Fixture.root.path], environment: environment)
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("1. \(Self.scenario) seed 0, onboarding, stopped at "), "\(listed.stdout)")
        let resumed = try Binary.run(["resume", "1", "--pack", Fixture.root.path],
                                     input: Self.lines.dropFirst(4).joined(separator: "\n") + "\n", environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains(" Score "), "the resumed session ends with its grade")
        let after = try Binary.run(["resume", "--pack", Fixture.root.path], environment: environment)
        #expect(after.stdout.contains("Nothing to resume"), "\(after.stdout)")
        let unknown = try Binary.run(["resume", "9", "--pack", Fixture.root.path], environment: environment)
        #expect(unknown.status == 2 && unknown.stderr.contains("there is no unfinished item 9"))
    }

    @Test func aCertificationRunKilledPartWayResumesAndItsCertificateRecordsTheGap() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        _ = try Binary.run(["keys", "new", "keys"], environment: environment, in: folder)
        let picks = CertificationTests.picks(count: 2)
        let first = CertificationTests.expert(picks[0]), second = CertificationTests.expert(picks[1])

        let process = try RunningBinary(["certify", "--candidate", "Ada Lovelace", "--proctor", "Grace Hopper", "--key", "keys/nightshift.key",
                                         "--scenarios", "2", "--seed", "\(CertificationTests.seed)", "--out", "run", "--pack", Fixture.root.path],
                                        environment: environment, in: folder)
        process.send(first + Array(second.prefix(5)))
        let journals = folder.appendingPathComponent("run/journals")
        func secondJournal() -> String? {
            (try? FileManager.default.contentsOfDirectory(atPath: journals.path))?.first { $0.hasPrefix("2-") }.map { journals.appendingPathComponent($0).path }
        }
        #expect(RunningBinary.wait { secondJournal().map { Binary.journalEntries($0) >= 5 } ?? false }, "the run never reached the second scenario")
        process.kill()
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("run/certificate.json").path))

        let listed = try Binary.run(["resume", "--pack", Fixture.root.path], environment: environment)
        #expect(listed.stdout.contains("certification run of Ada Lovelace (2 scenarios), proctor Grace Hopper"), "\(listed.stdout)")
        let resumed = try Binary.run(["resume", "1", "--pack", Fixture.root.path],
                                     input: second.dropFirst(5).joined(separator: "\n") + "\n", environment: environment, in: folder)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Certification: Ada Lovelace · PASSED"), "\(resumed.stdout.suffix(1500))")

        let certificate = try Certificate.decode(String(contentsOf: folder.appendingPathComponent("run/certificate.json"), encoding: .utf8))
        let payload = try certificate.decodedPayload()
        #expect(payload.gaps.count == 1)
        #expect(payload.gaps.first?.scenario == picks[1].id)
        #expect(payload.gaps.first?.afterSequence ?? 0 >= 5)
        let verified = try CertificationTests.verify(folder.appendingPathComponent("run/certificate.json"),
                                                     key: folder.appendingPathComponent("keys/nightshift.pub"), environment: environment)
        #expect(verified.status == 0, "\(verified.stdout)")
    }
}
