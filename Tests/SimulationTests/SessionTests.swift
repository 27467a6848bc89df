@testable import Simulation
import ScenarioFormat
import TestSupport
import Testing

/// Every command line gets an answer and the session goes on; the clock is the cost table's.
struct SessionTests {
    @Test(arguments: [
        ("dsah overview", "Unknown command `dsah`. Did you mean `dash`?"),
        ("tarces", "Unknown command `tarces`. Did you mean `traces`?"),
        ("dash overveiw", "No dashboard `overveiw`; did you mean `overview`?"),
        ("traces --wher x=1", "Unknown option `--wher`; did you mean `--where`?"),
        ("traces --where gen_ai.respons.model=x", "No attribute `gen_ai.respons.model` on these traces; did you mean `gen_ai.response.model`?"),
        ("traces --where time<25:99", "`25:99` is not a time"),
        ("declare modle", "`modle` is not a surface; did you mean `model`?"),
        ("pin model chat-default v9", "No version of chat-default `v9`"),
        ("escalate nobody", "No team `nobody`"),
        ("update", "Usage: update \"TEXT\""),
        ("update \"unterminated", "Unterminated double quote"),
        ("flag assistant-human-fallback maybe", "`maybe` is not `on` or `off`."),
        ("scale support-api many", "`many` is not a replica count from 0 to 500."),
        ("trace zz", "`zz` is not a trace id"),
        ("samples 900", "Usage: samples [N] [--where EXPR] [--window 30m], N from 1 to 50."),
        ("metric", "Usage: metric NAME [--window 6h]."),
        ("dash overview --window 10y", "`10y` is not a window"),
    ])
    func badInputGetsAClearAnswerAndCostsNothing(_ line: String, _ answer: String) {
        var session = Fixture.session("silent-alias-upgrade")
        let screen = session.type(line)
        #expect(screen.contains(answer), "got: \(screen)")
        #expect(session.now == .zero)
        #expect(session.ended == nil)
        #expect(session.record.actions.isEmpty)
    }

    @Test func hostileLinesAreRefusedPolitely() {
        var session = Fixture.session("silent-alias-upgrade")
        let huge = String(repeating: "a", count: 1 << 20)
        #expect(session.type(huge).contains("commands are at most 4096"))
        #expect(session.type("dash\u{1B}[31m overview").contains("control character (0x1B)"))
        #expect(session.type("\u{0}").contains("control character (0x0)"))
        #expect(session.type("'").contains("Unterminated single quote"))
        #expect(session.type("").isEmpty)
        #expect(session.type("   ").isEmpty)
        #expect(session.type("dash overview").contains("overview · last 6h"))
        #expect(session.now == .minutes(1))
    }

    @Test func commandsCostWhatTheTableSays() {
        var session = Fixture.session("silent-alias-upgrade")
        session.type("help")
        session.type("status")
        #expect(session.now == .zero)
        session.type("dash overview")
        #expect(session.now == .minutes(1))
        session.type("samples 3")
        #expect(session.now == .minutes(1) + .seconds(30) + .seconds(60))
        session.type("models")
        #expect(session.now == .minutes(2) + .seconds(70))
    }

    @Test func wallTimeIsScaledIntoTheClock() {
        let contents = Fixture.contents
        var session = Session(scenario: Fixture.scenario("silent-alias-upgrade"), pack: contents.pack, costs: contents.costs,
                              settings: SessionSettings(mode: .gameday, clock: .wall))
        #expect(session.settings.wallScale == 1)
        _ = session.apply(SessionInput(.line("help"), wallDelta: 90_000))
        #expect(session.now == .seconds(90))
        _ = session.apply(SessionInput(.tick, wallDelta: 30_000))
        #expect(session.now == .minutes(2))
    }

    @Test func quittingAsksFirstAndEndOfInputGivesUp() {
        var session = Fixture.session("silent-alias-upgrade")
        #expect(session.type("quit").contains("Leave the incident now?"))
        #expect(session.type("maybe").contains("Answer y or n"))
        #expect(session.type("n").contains("Staying"))
        #expect(session.ended == nil)
        session.type("quit")
        session.type("y")
        #expect(session.ended == .quit)
        #expect(session.type("dash").contains("The session has ended"))

        var other = Fixture.session("silent-alias-upgrade")
        _ = other.apply(SessionInput(.endOfInput))
        #expect(other.ended == .gaveUp)
    }

    @Test func screensCarryTheEvidenceIdsOfWhatWasShown() {
        var session = Fixture.session("silent-alias-upgrade", seed: 0)
        let models = session.apply(SessionInput(.line("models")))
        #expect(models.evidence.contains(.alias("chat-default")))
        let traces = session.apply(SessionInput(.line("traces --limit 3")))
        #expect(traces.evidence.contains(.attribute("gen_ai.response.model", "vendor-chat-2025-06-15")))
        #expect(traces.evidence.filter { $0.kind == .trace }.count == 3)
        let dash = session.apply(SessionInput(.line("dash retrieval")))
        #expect(dash.evidence.contains(.metric("retrieval_error_pct")))
        #expect(session.record.evidenceSeen[.alias("chat-default")] == .zero)
        // A declaration citing a shown trace stands for what that trace showed.
        let id = session.record.shownTraces[0]
        session.type("declare model --evidence \(id.prefix(7))")
        #expect(session.record.currentDeclaration?.evidence == .trace(id))
        #expect(session.record.currentDeclaration?.evidenceCovers.contains(.attribute("gen_ai.response.model", "vendor-chat-2025-06-15")) == true)
    }

    @Test func hintsAreProgressiveAndRefusedInCertification() {
        var session = Fixture.session("silent-alias-upgrade")
        let first = session.type("hint"), second = session.type("hint"), third = session.type("hint")
        #expect(first.contains("Hint 1 of 3") && second.contains("Hint 2 of 3") && third.contains("Hint 3 of 3"))
        #expect(session.type("hint").contains("No more hints"))
        #expect(session.record.hints.count == 3)
        var certification = Fixture.session("silent-alias-upgrade", mode: .certification)
        #expect(certification.type("hint").contains("not available in a certification run"))
        #expect(certification.type("learn model").contains("not available in a certification run"))
        #expect(certification.record.hints.isEmpty)
    }

    @Test func theSameInputsGiveTheSameScreens() {
        let lines = ["dash overview", "traces --limit 5", "samples 4", "logs kb-search", "restart llm-gateway", "status", "usage --by tenant"]
        func play() -> [Screen] {
            var session = Fixture.session("silent-alias-upgrade", seed: 99)
            return lines.map { session.apply(SessionInput(.line($0), wallDelta: 1234, width: 90)) }
        }
        #expect(play() == play())
    }

    @Test func screensFitTheWidth() {
        for width in [40, 60, 80, 100, 140] {
            var session = Fixture.session("silent-alias-upgrade", seed: 1)
            for line in ["dash overview", "dash cost", "traces", "models", "prompts", "index", "evals", "tools", "usage", "keys", "flags", "services",
                         "status", "help", "deploys", "samples 2", "logs llm-gateway", "metric thumbs_down_pct"] {
                let screen = session.apply(SessionInput(.line(line), width: width))
                for row in screen.allLines where row.width > max(width, 40) {
                    Issue.record("`\(line)` at width \(width): \(row.width) columns: \(row.plainText)")
                }
            }
        }
    }

    @Test func theJournalReplaysToTheSameScreens() throws {
        var session = Fixture.session("silent-alias-upgrade", seed: 8)
        let inputs = [SessionInput(.line("dash assistant-quality"), wallDelta: 4000, width: 100), SessionInput(.line("traces --limit 4"), wallDelta: 9000, width: 80),
                      SessionInput(.line("quit"), wallDelta: 100, width: 80), SessionInput(.line("n"), wallDelta: 100, width: 80),
                      SessionInput(.line("restart llm-gateway"), wallDelta: 100, width: 80), SessionInput(.endOfInput, wallDelta: 10, width: 80)]
        var entries: [JournalEntry] = []
        var live: [Screen] = []
        for (index, input) in inputs.enumerated() {
            let kind: JournalEntry.Kind
            var text: String?
            switch input.kind {
            case .line(let line): kind = session.pending == nil ? .command : .confirm; text = line
            case .endOfInput: kind = .end
            default: kind = .tick
            }
            entries.append(JournalEntry(seq: index + 1, type: kind, text: text, atMs: session.now.milliseconds, wallMs: input.wallDelta, width: input.width))
            live.append(session.apply(input))
        }
        let header = JournalHeader(scenario: "silent-alias-upgrade", scenarioSHA256: "x", packVersion: "p", costsVersion: "1", costsSHA256: "y",
                                   seed: 8, settings: session.settings, width: 100, started: "2026-01-01T00:00:00Z")
        let text = ([Journal.encode(header)] + entries.map { Journal.encode($0) }).joined(separator: "\n")
        let parsed = try Journal.parse(text).get()
        #expect(parsed.header == header)
        #expect(parsed.entries == entries)
        let contents = Fixture.contents
        let replay = try #require(Replay.run(scenario: Fixture.scenario("silent-alias-upgrade", seed: 8), pack: contents.pack, costs: contents.costs,
                                             header: parsed.header, entries: parsed.entries))
        #expect(replay.screens.map(\.screen) == live)
        #expect(replay.divergences.isEmpty)
        #expect(replay.session.record == session.record)
    }
}

/// Grading replays skip drawing dashboards; what they record must be exactly what a drawn one records.
struct EvidenceOnlyReplayTests {
    @Test(arguments: Fixture.scenarioIDs)
    func aDashboardNotDrawnRecordsTheSameEvidenceAndTime(_ id: String) {
        var drawn = Fixture.session(id)
        var undrawn = Fixture.session(id)
        undrawn.drawsScreens = false
        for dashboard in drawn.pack.dashboards {
            for line in ["dash \(dashboard.id)", "dash \(dashboard.id) --window 1h", "dash \(dashboard.id) --window 9d"] {
                let a = drawn.apply(SessionInput(.line(line), width: 100)), b = undrawn.apply(SessionInput(.line(line), width: 100))
                #expect(a.evidence == b.evidence, "\(id): \(line)")
                #expect(drawn.now == undrawn.now, "\(id): \(line)")
            }
        }
        #expect(drawn.record.evidenceSeen == undrawn.record.evidenceSeen)
        #expect(drawn.record.commands.map(\.accepted) == undrawn.record.commands.map(\.accepted))
    }
}
