import Foundation
import TestSupport
import Testing

/// A piped session as a user (or CI) sees it: echoed commands, no escape codes, the same
/// bytes from one process to the next, and the same screens again from its journal.
struct PlayTranscriptTests {
    /// The scripted sessions with committed transcripts: an expert and a classic-runbook responder per seed scenario.
    static let sessions: [(name: String, scenario: String, seed: Int, input: String)] = [
        ("silent-alias-upgrade-expert", "silent-alias-upgrade", 7, """
            dash assistant-quality
            traces --limit 5
            traces --where time<02:20 --limit 3
            models
            declare model --evidence alias:chat-default
            pin model chat-default vendor-chat-2025-02-11
            update "Quality drop traced to a provider-side model upgrade behind chat-default; pinned to the previous version, watching."
            escalate ml-platform "model: chat-default moved to a new version at 02:22; pinned back, please own the alias policy"
            dash assistant-quality --window 1h
            resolve
            status
            quit
            y

            """),
        ("silent-alias-upgrade-runbook", "silent-alias-upgrade", 7, """
            runbook
            dash overview
            deploys
            rollback deploy d-4812
            restart llm-gateway
            dash overview --window 1h
            status

            """),
        ("retrieval-replica-loss-expert", "retrieval-replica-loss", 3, """
            dash retrieval
            traces --errors --limit 5
            traces --errors --by search.replica
            index
            declare retrieval --evidence replica:kb-prod-r3
            failover index kb-prod-r3
            escalate search-infra "retrieval: kb_search times out on kb-prod-r3, down since 23:37; took it out of rotation"
            update "kb_search timeouts on one search replica; it is out of rotation, answers recovering."
            dash retrieval --window 1h
            resolve
            quit
            y

            """),
        ("retrieval-replica-loss-runbook", "retrieval-replica-loss", 3, """
            dash overview
            deploys
            restart llm-gateway
            restart support-api
            dash assistant-quality --window 1h
            status

            """),
    ]

    static func play(_ session: (name: String, scenario: String, seed: Int, input: String), data: URL) throws -> Binary.Run {
        try Binary.run(["play", session.scenario, "--seed", String(session.seed), "--pack", Fixture.root.path,
                        "--journal", data.appendingPathComponent("\(session.name).jsonl").path],
                       input: session.input, environment: Binary.environment(data))
    }

    /// The transcript without its last lines, which name the journal's and reports' (temporary) paths.
    static func transcript(_ run: Binary.Run) -> String {
        var lines = run.stdout.components(separatedBy: "\n")
        while let last = lines.last, last.isEmpty || last.hasPrefix(" Journal: ") || last.hasPrefix(" Reports: ") { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: sessions.map(\.name))
    func matchesItsGoldenTranscript(_ name: String) throws {
        let session = Self.sessions.first { $0.name == name }!
        let data = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let run = try Self.play(session, data: data)
        #expect(run.status == 0, "\(run.stderr)")
        let golden = Fixture.root.appendingPathComponent("Tests/EndToEndTests/Golden/\(name).txt")
        let actual = Self.transcript(run)
        if ProcessInfo.processInfo.environment["NIGHTSHIFT_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if actual != expected {
            let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            Issue.record("""
                \(name) differs from Tests/EndToEndTests/Golden/\(name).txt at line \(first + 1):
                expected: \(first < e.count ? e[first] : "(end)")
                actual:   \(first < a.count ? a[first] : "(end)")
                If the change is intended, regenerate with NIGHTSHIFT_UPDATE_GOLDEN=1 swift test --filter EndToEndTests.
                """)
        }
    }

    @Test func twoProcessesPrintTheSameBytesAndNoEscapeCodes() throws {
        let data = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let session = Self.sessions[0]
        let other = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: other) }
        let first = try Self.play(session, data: data), second = try Self.play(session, data: other)
        #expect(Self.transcript(first) == Self.transcript(second))
        #expect(!first.stdout.contains("\u{1B}"), "escape codes in a piped transcript")
        #expect(!first.stderr.contains("\u{1B}"))
        // Each command is echoed after its prompt, so the transcript reads like a session.
        #expect(first.stdout.contains("[02:47] on-call> dash assistant-quality\n"))
    }

    @Test func theJournalReplaysToTheSameTranscript() throws {
        let data = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let session = Self.sessions[2]
        let live = try Self.play(session, data: data)
        let journal = data.appendingPathComponent("\(session.name).jsonl")
        let replay = try Binary.run(["replay", journal.path, "--pack", Fixture.root.path], environment: Binary.environment(data))
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr.isEmpty, "\(replay.stderr)")
        // The replay shows the session's screens; the live run then printed its grade.
        let played = Self.transcript(live).components(separatedBy: "\n\n Score ").first ?? ""
        #expect(Self.transcript(replay) == played + "\n")

        // The journal is JSON Lines: a header, then one entry per input, each with its times.
        let lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == session.input.split(separator: "\n").count + 1)
        #expect(lines[0].contains("\"type\":\"header\"") && lines[0].contains("\"seed\":3") && lines[0].contains("\"scenario_sha256\":\""))
        #expect(lines[1].contains("\"seq\":1") && lines[1].contains("\"at_ms\":0") && lines[1].contains("\"type\":\"command\""))
    }

    @Test func endOfInputGivesUpAndAnUnknownScenarioIsNamed() throws {
        let data = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let run = try Binary.run(["play", "silent-alias-upgrade", "--seed", "1"], input: "status\n", environment: Binary.environment(data))
        #expect(run.status == 0)
        #expect(run.stdout.contains("End of input: the incident is left as it stands"))
        let journals = try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("xdg/nightshift/journals").path)
        #expect(journals.count == 1)
        let unknown = try Binary.run(["play", "silent-alias-upgrad"], environment: Binary.environment(data))
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no scenario `silent-alias-upgrad`") && unknown.stderr.contains("did you mean `silent-alias-upgrade`?"))
    }
}

/// The grade is a pure function of the journal: another process, another folder, the same bytes.
struct RegradeTests {
    @Test func regradingInAnotherProcessGivesTheSameBytes() throws {
        let data = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let input = Fixture.script("Tests/GradingTests/Journals/silent-alias-upgrade/expert.txt", variant: Fixture.scenario("silent-alias-upgrade")).joined(separator: "\n") + "\n"
        let journal = data.appendingPathComponent("expert.jsonl"), out = data.appendingPathComponent("reports")
        let live = try Binary.run(["play", "silent-alias-upgrade", "--seed", "0", "--pack", Fixture.root.path, "--journal", journal.path, "--out", out.path],
                                  input: input, environment: Binary.environment(data))
        #expect(live.status == 0, "\(live.stderr)")
        #expect(live.stdout.contains(" Score 95/100 · passed (onboarding)"))
        let first = try Binary.run(["grade", journal.path, "--format", "json", "--pack", Fixture.root.path], environment: Binary.environment(data))
        let elsewhere = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let copy = elsewhere.appendingPathComponent("copy.jsonl")
        try FileManager.default.copyItem(at: journal, to: copy)
        let second = try Binary.run(["grade", copy.path, "--format", "json", "--pack", Fixture.root.path], environment: Binary.environment(elsewhere), in: elsewhere)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr) \(second.stderr)")
        #expect(first.stdout == second.stdout)
        let written = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(written == first.stdout, "the report written at the end of play differs from the regrade")
        // The JSON carries what machines need.
        let object = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        for key in ["scenario", "seed", "mode", "score", "passed", "time_to_surface_minutes", "findings", "journal"] {
            #expect(object?[key] != nil, "report.json lacks \(key)")
        }
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("| Score | **95/100**, **passed** |"))
        #expect(markdown.contains("> Quality drop traced to a provider-side model upgrade behind chat-default"))
        #expect(markdown.contains("| Time to surface |"))
    }

    @Test func rubricLintNamesLineAndColumn() throws {
        let data = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let broken = Fixture.text("Grading/onboarding.yaml").replacingOccurrences(of: "  surface: 25", with: "  surfce: 25")
        let file = data.appendingPathComponent("onboarding.yaml")
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let run = try Binary.run(["rubric", "lint", file.path], environment: Binary.environment(data))
        #expect(run.status == 1)
        #expect(run.stdout.contains("\(file.path):9:3: error: unknown key `surfce` in rubric-weights; did you mean `surface`?"))
        let clean = try Binary.run(["rubric", "lint", "--pack", Fixture.root.path], environment: Binary.environment(data))
        #expect(clean.status == 0, "\(clean.stdout)")
    }
}
