import Foundation
import Reports
import ResultsStore
import TestSupport
import Testing

/// Game days through the built binary: many real processes on one store, on both engines;
/// a crashed player; the facilitator's pause and injects; a store lost mid-session; the
/// debrief's numbers; and each bad input refused without a write.
struct GamedayTests {
    static let scenario = "silent-alias-upgrade"
    static let pack = ["--pack", Fixture.root.path]

    static func expertLines(seed: UInt64) -> [String] {
        Fixture.script("Tests/GradingTests/Journals/\(scenario)/expert.txt", variant: Fixture.scenario(scenario, seed: seed))
    }

    static func start(_ name: String, store: StoreLocation, scenarios: [String] = [scenario], seed: UInt64 = 4, environment: [String: String]) throws {
        let run = try Binary.run(["gameday", "start", name, "--scenarios", scenarios.joined(separator: ","), "--seed", String(seed), "--store", store.text] + pack,
                                 environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
    }

    static func entries(_ store: StoreLocation, gameday: String) throws -> [SessionResult] {
        let opened = try ResultsStore.open(store, mode: .existing)
        defer { opened.close() }
        return try opened.sessions(gameday: gameday)
    }

    @Test(arguments: TestStores.engines)
    func fiftyPlayersFinishingAtOnceEachLandOnce(_ kind: StoreLocation.Kind) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let store = try TestStores.fresh(kind)
        try Self.start("rush", store: store, environment: environment)
        let lines = Self.expertLines(seed: 4)

        // Every player plays all but the last line, so all fifty are mid-session together...
        let players = try (1...50).map { index in
            try RunningBinary(["play", Self.scenario, "--gameday", "rush", "--player", "p\(index)", "--store", store.text] + Self.pack,
                              environment: environment)
        }
        for player in players { player.send(Array(lines.dropLast())) }
        #expect(RunningBinary.wait(seconds: 240) { ((try? Self.entries(store, gameday: "rush")) ?? []).filter { $0.commands >= 2 }.count == 50 },
                "not every player began")
        // ...then all finish at once.
        for player in players { player.send(Array(lines.suffix(1))) }
        let outcomes = players.map { $0.finish() }
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes.map(\.status))")

        let landed = try Self.entries(store, gameday: "rush")
        #expect(landed.count == 50)
        #expect(Set(landed.map(\.player)) == Set((1...50).map { "p\($0)" }))
        #expect(landed.allSatisfy { $0.isFinished && $0.score != nil && $0.journal != nil })
        // The same scenario, seed and commands: the same grade for everyone.
        #expect(Set(landed.compactMap(\.score)).count == 1)
        #expect(PendingResults.count(folder) == 0)
    }

    @Test(arguments: TestStores.engines)
    func aCrashedPlayerResumesIntoTheSameEntry(_ kind: StoreLocation.Kind) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let store = try TestStores.fresh(kind)
        try Self.start("crash", store: store, environment: environment)
        let lines = Self.expertLines(seed: 4)

        let player = try RunningBinary(["play", Self.scenario, "--gameday", "crash", "--player", "ana", "--store", store.text] + Self.pack, environment: environment)
        player.send(Array(lines.prefix(4)))
        #expect(RunningBinary.wait { (try? Self.entries(store, gameday: "crash").first?.commands) ?? 0 >= 4 })
        player.kill()

        // Joining again finds the unfinished journal and continues it.
        let journal = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("xdg/nightshift/journals").path).first)
        let kept = Binary.journalEntries(folder.appendingPathComponent("xdg/nightshift/journals/\(journal)").path)
        let again = try Binary.run(["play", Self.scenario, "--gameday", "crash", "--player", "ana", "--store", store.text] + Self.pack,
                                   input: lines.dropFirst(kept).joined(separator: "\n") + "\n", environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Resuming your unfinished session"), "\(again.stdout.prefix(600))")

        let landed = try Self.entries(store, gameday: "crash")
        #expect(landed.count == 1)
        #expect(landed.first?.isFinished == true)
        #expect(landed.first?.journal?.contains("\"type\":\"gap\"") == true, "the crash is journaled as a gap")

        // The same game-day entry, graded as if never interrupted.
        let other = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: other) }
        let uninterrupted = try Binary.run(["play", Self.scenario, "--gameday", "crash", "--player", "bo", "--store", store.text] + Self.pack,
                                           input: lines.joined(separator: "\n") + "\n", environment: Binary.environment(other))
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let both = try Self.entries(store, gameday: "crash")
        #expect(both.count == 2)
        #expect(Set(both.compactMap(\.score)).count == 1, "\(both.map { ($0.player, $0.score ?? -1) })")
    }

    @Test func theFacilitatorsPauseHoldsTheClockAndInjectsArriveBetweenPrompts() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let store = try TestStores.fresh(.sqlite)
        try Self.start("drill", store: store, scenarios: ["retrieval-replica-loss"], environment: environment)
        let journals = folder.appendingPathComponent("xdg/nightshift/journals")
        func journalText() -> String {
            let name = (try? FileManager.default.contentsOfDirectory(atPath: journals.path).first) ?? nil
            return name.flatMap { try? String(contentsOf: journals.appendingPathComponent($0), encoding: .utf8) } ?? ""
        }

        let player = try RunningBinary(["play", "retrieval-replica-loss", "--gameday", "drill", "--player", "ana", "--store", store.text] + Self.pack,
                                       environment: environment)
        player.send(["status"])
        #expect(RunningBinary.wait { journalText().contains("\"text\":\"status\"") })

        let free = try Binary.run(["gameday", "inject", "drill", "Legal asks: are any customer records involved?", "--player", "ana", "--store", store.text] + Self.pack,
                                  environment: environment)
        #expect(free.status == 0, "\(free.stderr)")
        let named = try Binary.run(["gameday", "inject", "drill", "--named", "search-ticket", "--store", store.text] + Self.pack, environment: environment)
        #expect(named.status == 0, "\(named.stderr)")
        player.send(["page"])
        #expect(RunningBinary.wait { journalText().contains("SRCH-2207") && journalText().contains("Legal asks") })

        let pause = try Binary.run(["gameday", "pause", "drill", "--store", store.text] + Self.pack, environment: environment)
        #expect(pause.status == 0, "\(pause.stderr)")
        // Piped, the player notices between lines (at a terminal, within a second while typing).
        player.send(["dash"])
        #expect(RunningBinary.wait { (try? Self.entries(store, gameday: "drill").first?.state) == .paused }, "the watch never saw the pause")
        Thread.sleep(forTimeInterval: 1.5)
        #expect(!journalText().contains("\"text\":\"dash\""), "a line ran while the game day was paused")
        let watch = try Binary.run(["gameday", "watch", "drill", "--once", "--store", store.text] + Self.pack, environment: environment)
        #expect(watch.stdout.contains("ana") && watch.stdout.contains("paused"), "\(watch.stdout)")

        let resume = try Binary.run(["gameday", "resume", "drill", "--store", store.text] + Self.pack, environment: environment)
        #expect(resume.status == 0, "\(resume.stderr)")
        #expect(RunningBinary.wait { journalText().contains("\"text\":\"dash\"") }, "the held line never ran")
        player.send(["quit", "y"])
        let outcome = player.finish()
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("paused the game day") && outcome.stdout.contains("Play resumed"), "\(outcome.stdout.suffix(3000))")
        #expect(outcome.stdout.contains("Legal asks: are any customer records involved?"))
        #expect(journalText().contains("\"type\":\"gap\""), "the pause is journaled as time not played")
        #expect(journalText().contains("\"type\":\"inject\""))
    }

    @Test func theDebriefsNumbersAreThePlayersGrades() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try TestStores.fresh(.sqlite)
        try Self.start("q4", store: store, environment: Binary.environment(folder))
        let scripts = ["expert", "runbook", "guesser"]
        var scores: [String: Int] = [:]
        for script in scripts {
            let home = folder.appendingPathComponent(script)
            let lines = Fixture.script("Tests/GradingTests/Journals/\(Self.scenario)/\(script).txt", variant: Fixture.scenario(Self.scenario, seed: 4))
            let run = try Binary.run(["play", Self.scenario, "--gameday", "q4", "--player", script, "--store", store.text] + Self.pack,
                                     input: lines.joined(separator: "\n") + "\n", environment: Binary.environment(home))
            #expect(run.status == 0, "\(run.stderr)")
            // The grade the player's own journal gives, regraded from scratch.
            let journals = home.appendingPathComponent("xdg/nightshift/journals")
            let journal = try #require(try FileManager.default.contentsOfDirectory(atPath: journals.path).first)
            let graded = try Binary.run(["grade", journals.appendingPathComponent(journal).path, "--format", "json"] + Self.pack, environment: Binary.environment(home))
            let object = try JSONSerialization.jsonObject(with: Data(graded.stdout.utf8)) as? [String: Any]
            scores[script] = object?["score"] as? Int
        }
        let out = folder.appendingPathComponent("debrief")
        let report = try Binary.run(["gameday", "report", "q4", "--out", out.path, "--store", store.text] + Self.pack, environment: Binary.environment(folder))
        #expect(report.status == 0, "\(report.stderr)")
        let csv = try String(contentsOf: out.appendingPathComponent("results.csv"), encoding: .utf8)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 4, "\(csv)")
        let header = rows[0].components(separatedBy: ",")
        let scoreColumn = try #require(header.firstIndex(of: "score")), playerColumn = try #require(header.firstIndex(of: "player"))
        for row in rows.dropFirst() {
            let cells = row.components(separatedBy: ",")
            #expect(Int(cells[scoreColumn]) == scores[cells[playerColumn]], "\(row) vs \(scores)")
        }
        let statements = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("xapi.json"))) as? [[String: Any]] ?? []
        #expect(statements.count == 6, "completed plus passed or failed, per player")
        let markdown = try String(contentsOf: out.appendingPathComponent("debrief.md"), encoding: .utf8)
        #expect(markdown.contains("silent-alias-upgrade"))
        let html = try String(contentsOf: out.appendingPathComponent("debrief.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("src=\"http"))
    }

    @Test func resultsListsYourOwnHistoryEvenWhenTheEnvironmentNamesAGameDayStore() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try TestStores.fresh(.sqlite)
        let environment = Binary.environment(folder, extra: ["NIGHTSHIFT_STORE": store.text])
        try Self.start("q4", store: store, environment: environment)
        let other = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: other) }
        // Someone else's game-day session, and one of your own outside the game day.
        let theirs = try Binary.run(["play", Self.scenario, "--gameday", "q4", "--player", "bo"] + Self.pack, input: "status\nquit\ny\n",
                                    environment: Binary.environment(other, extra: ["NIGHTSHIFT_STORE": store.text]))
        #expect(theirs.status == 0, "\(theirs.stderr)")
        let mine = try Binary.run(["play", "stale-eval-set", "--seed", "1"] + Self.pack, input: "status\nquit\ny\n", environment: environment)
        #expect(mine.status == 0, "\(mine.stderr)")

        let history = try Binary.run(["results"] + Self.pack, environment: environment)
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("stale-eval-set") && !history.stdout.contains("(q4)"), "\(history.stdout)")
        #expect(history.stdout.contains("eval       1 session"), "coverage counts the onboarding session: \(history.stdout)")
        let team = try Binary.run(["results", "--store", store.text] + Self.pack, environment: environment)
        #expect(team.stdout.contains("silent-alias-upgrade (q4)") && !team.stdout.contains("stale-eval-set"), "\(team.stdout)")
        let shown = try Binary.run(["results", "show", "1"] + Self.pack, environment: environment)
        #expect(shown.status == 0 && shown.stdout.contains("onboarding"), "\(shown.stdout) \(shown.stderr)")
    }

    @Test func aGameDayInYourOwnStoreKeepsEachSessionOnce() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        // No --store and no $NIGHTSHIFT_STORE: the game day lives in the data folder's own store.
        let start = try Binary.run(["gameday", "start", "solo", "--scenarios", Self.scenario, "--seed", "4"] + Self.pack, environment: environment)
        #expect(start.status == 0, "\(start.stderr)")
        let play = try Binary.run(["play", Self.scenario, "--gameday", "solo", "--player", "ana"] + Self.pack, input: "status\nquit\ny\n", environment: environment)
        #expect(play.status == 0, "\(play.stderr)")

        let own = StoreLocation(file: folder.appendingPathComponent("xdg/nightshift/results.sqlite").path)
        let store = try ResultsStore.open(own, mode: .existing)
        defer { store.close() }
        let entries = try store.sessions()
        #expect(entries.count == 1, "\(entries.map(\.id))")
        let history = try Binary.run(["results"] + Self.pack, environment: environment)
        #expect(history.stdout.components(separatedBy: "silent-alias-upgrade (solo)").count == 2, "listed once: \(history.stdout)")
        let report = try Binary.run(["gameday", "report", "solo", "--out", folder.appendingPathComponent("debrief").path] + Self.pack, environment: environment)
        #expect(report.stdout.contains("(1 finished session)"), "\(report.stdout)")
    }

    @Test(arguments: TestStores.engines)
    func badInputIsRefusedWithOneSentenceAndNoWrite(_ kind: StoreLocation.Kind) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let store = try TestStores.fresh(kind)
        try Self.start("q4", store: store, environment: environment)
        func refused(_ arguments: [String], _ expected: String, input: String = "", environment env: [String: String]? = nil) throws {
            let before = try Self.entries(store, gameday: "q4")
            let run = try Binary.run(arguments + ["--store", store.text] + Self.pack, input: input, environment: env ?? environment)
            #expect(run.status == 2, "\(arguments): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains(expected), "\(arguments): \(run.stderr)")
            #expect(try Self.entries(store, gameday: "q4") == before, "\(arguments) wrote to the store")
        }
        try refused(["play", Self.scenario, "--gameday", "q5", "--player", "ana"], "no game day `q5`")
        try refused(["play", "stale-eval-set", "--gameday", "q4", "--player", "ana"], "is not in the game day `q4`")
        try refused(["gameday", "join", "nope", "--player", "ana"], "no game day `nope`")
        try refused(["gameday", "start", "q4", "--scenarios", Self.scenario], "already exists")
        try refused(["gameday", "start", "q6", "--scenarios", "silent-alias-upgrad"], "did you mean `silent-alias-upgrade`")
        try refused(["gameday", "inject", "q4", "--named", "no-such-inject"], "no inject `no-such-inject`")
        try refused(["gameday", "inject", "q4", "hello", "--player", "ghost"], "no player `ghost`")

        // A name another terminal (another data folder) holds.
        let first = try Binary.run(["play", Self.scenario, "--gameday", "q4", "--player", "ana", "--store", store.text] + Self.pack,
                                   input: "status\nquit\ny\n", environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let elsewhere = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try refused(["play", Self.scenario, "--gameday", "q4", "--player", "ana"], "already taken", input: "status\n", environment: Binary.environment(elsewhere))

        // Ended: no new sessions; ending again only says so.
        for _ in 1...2 {
            let end = try Binary.run(["gameday", "end", "q4", "--store", store.text] + Self.pack, environment: environment)
            #expect(end.status == 0, "\(end.stderr)")
        }
        try refused(["play", Self.scenario, "--gameday", "q4", "--player", "bo"], "has ended")
        try refused(["gameday", "pause", "q4"], "has ended")
    }

    @Test func storesThatAreNotStoresAreNamed() throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let notes = folder.appendingPathComponent("notes.txt")
        try Data("not a database\n".utf8).write(to: notes)
        let run = try Binary.run(["gameday", "board", "q4", "--store", notes.path] + Self.pack, environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("is not a Nightshift results store"), "\(run.stderr)")
        #expect(try Data(contentsOf: notes) == Data("not a database\n".utf8))

        let refused = try Binary.run(["gameday", "board", "q4", "--store", "postgres://nightshift:pw@127.0.0.1:9/results"] + Self.pack, environment: environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot reach the results store postgres://nightshift:***@127.0.0.1:9/results"), "\(refused.stderr)")
    }

    @Test func aStoreLostMidSessionKeepsTheResultUntilItReturns() throws {
        guard let admin = TestStores.postgresURL else { return }  // needs a server to lose; CI has one
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let direct = try TestStores.fresh(.postgres)
        // The players reach the server through a relay the test can cut, as a network would.
        let relay = try TCPRelay(to: try #require(direct.server).port)
        var viaRelay = try #require(URLComponents(string: direct.text))
        viaRelay.port = relay.port
        let store = try StoreLocation(try #require(viaRelay.string))
        _ = admin
        try Self.start("flaky", store: store, environment: environment)
        let lines = Self.expertLines(seed: 4)

        let player = try RunningBinary(["play", Self.scenario, "--gameday", "flaky", "--player", "ana", "--store", store.text] + Self.pack, environment: environment)
        player.send(Array(lines.prefix(3)))
        #expect(RunningBinary.wait { (try? Self.entries(direct, gameday: "flaky").first?.commands) ?? 0 >= 3 })
        relay.stop()
        player.send(Array(lines.dropFirst(3)))
        let outcome = player.finish()
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("unreachable"), "\(outcome.stdout.suffix(1500))")
        #expect(try Self.entries(direct, gameday: "flaky").first?.isFinished == false)
        #expect(PendingResults.count(folder) == 1)

        try relay.start()
        defer { relay.stop() }
        let sync = try Binary.run(["results", "sync"] + Self.pack, environment: environment)
        #expect(sync.status == 0, "\(sync.stdout) \(sync.stderr)")
        let landed = try Self.entries(direct, gameday: "flaky")
        #expect(landed.count == 1 && landed.first?.isFinished == true && landed.first?.score != nil)
        #expect(PendingResults.count(folder) == 0)
    }
}

/// The results waiting in a test data folder's `pending/`.
enum PendingResults {
    static func count(_ folder: URL) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("xdg/nightshift/pending").path)) ?? []).count
    }
}

/// At a terminal the facilitator reaches a player while they type: an inject prints above
/// the half-typed line, a pause holds the line entered, and resume runs it.
struct InteractiveGamedayTests {
    @Test func injectsAndAPauseReachAPlayerWhoIsTyping() throws {
        let player = try Player()
        defer { player.removeFolder() }
        let store = try TestStores.fresh(.sqlite)
        let environment = player.environment([:])
        try GamedayTests.start("live", store: store, seed: 3, environment: environment)
        let terminal = try PseudoTerminal(
            executable: try Binary.path(),
            arguments: ["play", "silent-alias-upgrade", "--gameday", "live", "--player", "ana", "--store", store.text, "--clock", "sim",
                        "--pack", Fixture.root.path, "--journal", player.journal("live.jsonl").path],
            environment: environment, columns: 100, rows: 40)
        try terminal.expect("[02:47] on-call> ")

        terminal.send("dash assis")
        try terminal.expect("dash assis")
        let inject = try Binary.run(["gameday", "inject", "live", "Comms needs a customer-facing line by 03:15.", "--store", store.text] + GamedayTests.pack,
                                    environment: environment)
        #expect(inject.status == 0, "\(inject.stderr)")
        try terminal.expect("Comms needs a customer-facing line by 03:15.")
        try terminal.expect("on-call> dash assis")

        let pause = try Binary.run(["gameday", "pause", "live", "--store", store.text] + GamedayTests.pack, environment: environment)
        #expect(pause.status == 0, "\(pause.stderr)")
        try terminal.expect("paused the game day")
        terminal.send("tant-quality\r")
        Thread.sleep(forTimeInterval: 1.5)
        #expect(!(try player.journalText("live.jsonl")).contains("dash assistant-quality"), "the line ran during the pause")

        let resume = try Binary.run(["gameday", "resume", "live", "--store", store.text] + GamedayTests.pack, environment: environment)
        #expect(resume.status == 0, "\(resume.stderr)")
        try terminal.expect("Play resumed")
        try terminal.expect(" assistant-quality · last 6h")
        try terminal.expect("] on-call> ")
        let entries = try player.journalEntries("live.jsonl")
        #expect(entries.map { $0["type"] as? String ?? "" } == ["inject", "gap", "command"], "\(entries)")
        #expect(entries.last?["text"] as? String == "dash assistant-quality")
        terminal.send("quit\r")
        try terminal.expect("(y/n)")
        terminal.send("y\r")
        try terminal.expect("Journal:")
    }
}
