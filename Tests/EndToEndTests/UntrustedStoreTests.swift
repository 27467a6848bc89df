import Foundation
import Reports
@testable import ResultsStore
import TestSupport
import Testing

/// Every reader of a shared store run by the built binary over rows nightshift would never
/// have written (out-of-range numbers, a real number or text in an integer column, names with
/// escape sequences, broken JSON): each finishes (none traps), leaves those rows out with a
/// warning that names them, and prints nothing that could drive the terminal.
struct UntrustedStoreTests {
    static let pack = ["--pack", Fixture.root.path]

    static func entry(_ player: String, codename: String = "Lantern", title: String = "A silent alias upgrade") -> SessionResult {
        SessionResult(id: SessionResult.gamedayID(gameday: "hostile", player: player, scenario: "silent-alias-upgrade"), gameday: "hostile",
                      player: player, scenario: "silent-alias-upgrade", codename: codename, title: title, surface: "model", seed: 4,
                      mode: .gameday, state: .finished, startedAt: "2026-11-29T10:00:00Z", updatedAt: "2026-11-29T10:20:00Z",
                      finishedAt: "2026-11-29T10:20:00Z", simSeconds: 1200, declared: "model", evidenceSeen: 5, commands: 12, score: 80, passed: true,
                      timeToSurfaceSeconds: 600, foundWithEvidence: true, mitigated: true, wrongSurfaces: ["infra"],
                      harmful: [], lessons: [.init(part: .updates, points: 0, reason: "No update posted.")])
    }

    /// A store with one honest player and, beside them, rows written by hand.
    static func hostileStore(_ kind: StoreLocation.Kind, environment: [String: String]) throws -> StoreLocation {
        let location = try TestStores.fresh(kind)
        let start = try Binary.run(["gameday", "start", "hostile", "--scenarios", "silent-alias-upgrade", "--seed", "4", "--store", location.text] + Self.pack,
                                   environment: environment)
        #expect(start.status == 0, "\(start.stderr)")
        let store = try ResultsStore.open(location, mode: .existing)
        defer { store.close() }
        try store.join(gameday: "hostile", player: "ana", token: "t-ana", at: "2026-11-29T10:00:00Z")
        // Readable, but their free text is hostile: it must be shown, never obeyed. (The debrief
        // takes a scenario's title from the first player by name.)
        try store.save(Self.entry("ana", title: "Title\u{202E}txt.exe\u{7} <img src=x onerror=alert(1)> [x](javascript:alert(1))"))
        try store.save(Self.entry("bo", codename: "Lan\u{1B}[2J\u{1B}[Htern\u{9B}31m"))
        try store.save(Self.entry("cat", codename: "=HYPERLINK(\"http://evil\",\"open me\")"))

        var corruptions: [(player: String, column: String, value: StoreValue)] = [
            ("cy", "score", .integer(.max)), ("di", "time_to_surface_seconds", .integer(.max)), ("ed", "player", .text("ed\u{1B}]0;owned\u{7}")),
            ("fay", "lessons", .text("[{\"part\": 1}")), ("gus", "state", .text("finished\u{1B}[2J")),
        ]
        if kind == .sqlite { corruptions += [("hal", "score", .real(1e300)), ("ivy", "commands", .text("lots")), ("jo", "sim_seconds", .real(-.infinity))] }
        for corruption in corruptions {
            let bad = Self.entry(corruption.player)
            try store.save(bad)
            try TestStores.corrupt(location, table: "sessions", column: corruption.column, to: corruption.value, where: "id = ?", [.text(bad.id)])
        }
        try store.join(gameday: "hostile", player: "kim", token: "t-kim", at: "2026-11-29T10:00:00Z")
        try TestStores.corrupt(location, table: "players", column: "player", to: .text("k\u{1B}[2Jim"), where: "player = ?", [.text("kim")])
        try store.createGameday(GamedayRecord(name: "broken", scenarios: ["silent-alias-upgrade"], seed: 1, createdAt: "2026-11-29T09:00:00Z",
                                              stateChangedAt: "2026-11-29T09:00:00Z"))
        try TestStores.corrupt(location, table: "gamedays", column: "seed", to: .text("x\u{1B}[2J"), where: "name = ?", [.text("broken")])
        return location
    }

    static func hidden(_ text: String) -> [String] { VisibleOutputTests.hidden(text) }

    @Test(arguments: TestStores.engines)
    func everyReaderFinishesLeavesTheRowsOutAndSaysWhich(_ kind: StoreLocation.Kind) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let store = try Self.hostileStore(kind, environment: environment)
        let out = folder.appendingPathComponent("debrief").path

        let readers: [[String]] = [
            ["gameday", "board", "hostile", "--names"], ["gameday", "board", "hostile"], ["gameday", "watch", "hostile", "--once"],
            ["gameday", "report", "hostile", "--out", out], ["gameday", "list"], ["results"], ["store"],
        ]
        for arguments in readers {
            let run = try Binary.run(arguments + ["--store", store.text] + (arguments == ["store"] ? [] : Self.pack), environment: environment)
            #expect(run.status == 0, "\(arguments): \(run.status) \(run.stderr)")
            #expect(Self.hidden(run.stdout).isEmpty, "\(arguments): \(run.stdout)")
            #expect(Self.hidden(run.stderr).isEmpty, "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("Fatal error"), "\(arguments)")
        }

        let board = try Binary.run(["gameday", "board", "hostile", "--names", "--store", store.text] + Self.pack, environment: environment)
        // The honest players are on the board; the rows written by hand are not.
        #expect(board.stdout.contains(" ana ") && board.stdout.contains(" bo ") && board.stdout.contains(" cat "), "\(board.stdout)")
        for player in ["cy", "di", "fay", "gus", "hal", "ivy", "jo"] { #expect(!board.stdout.contains(" \(player) "), "\(player): \(board.stdout)") }
        let said = board.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("warning: ") }
        #expect(said.count == (kind == .sqlite ? 8 : 5), "\(board.stderr)")
        #expect(said.contains { $0.contains("holds the session `gameday/hostile/cy/silent-alias-upgrade` that nightshift did not write: its `score` is 9223372036854775807") })
        #expect(said.contains { $0.contains("its `player` is `ed␛]0;owned␇`") }, "\(said)")
        if kind == .sqlite { #expect(said.contains { $0.contains("its `score` is the real number 1e+300, not a whole number from 0 to 100") }, "\(said)") }

        let watch = try Binary.run(["gameday", "watch", "hostile", "--once", "--store", store.text] + Self.pack, environment: environment)
        #expect(watch.stdout.contains("Lan␛[2J␛[Htern⟨U+009B⟩31m") || watch.stdout.contains("Lan␛[2J␛[Ht…"), "\(watch.stdout)")

        // The debrief files: no raw HTML or link in the Markdown, no formula in the CSV, and no
        // control character anywhere.
        let files = try ["debrief.md", "debrief.html", "results.csv", "xapi.json"].map {
            try String(contentsOfFile: (out as NSString).appendingPathComponent($0), encoding: .utf8)
        }
        // (A CSV row ends in CR LF by RFC 4180.)
        for file in files { #expect(Self.hidden(file.replacingOccurrences(of: "\r\n", with: "\n")).isEmpty, "\(Self.hidden(file))") }
        #expect(files[0].contains(#"Title⟨U+202E⟩txt.exe␇ \<img src=x onerror=alert(1)\> \[x\](javascript:alert(1))"#), "\(files[0])")
        #expect(!files[0].replacingOccurrences(of: "\\<", with: "").contains("<img") && !files[1].contains("<img"))
        #expect(files[2].contains(#","'=HYPERLINK(""http://evil"",""open me"")","#), "\(files[2])")
        #expect(files[2].contains(",Lan␛[2J␛[Htern⟨U+009B⟩31m,"), "\(files[2])")

        let list = try Binary.run(["gameday", "list", "--store", store.text] + Self.pack, environment: environment)
        #expect(list.stdout.contains("hostile  running") && !list.stdout.contains("broken"), "\(list.stdout)")
        #expect(list.stderr.contains("holds the game day `broken` that nightshift did not write: its `seed` is `x␛[2J`"), "\(list.stderr)")

        // Asked for by name, an unreadable game day is an error that says why (status 1: fix the store).
        for arguments in [["gameday", "board", "broken"], ["gameday", "join", "broken", "--player", "zoe"]] {
            let run = try Binary.run(arguments + ["--store", store.text] + Self.pack, environment: environment)
            #expect(run.status == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("holds the game day `broken` that nightshift did not write: its `seed` is `x␛[2J`, not a seed"), "\(run.stderr)")
        }
    }

    /// The attack on the release binary: an inject row written by hand cleared a player's
    /// screen and printed instructions. One nightshift would not have written (a control
    /// character, a hundred blank lines) is never delivered; the player is told which row.
    @Test(arguments: TestStores.engines)
    func anInjectWrittenByHandNeverReachesAPlayersTerminal(_ kind: StoreLocation.Kind) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let store = try TestStores.fresh(kind)
        let start = try Binary.run(["gameday", "start", "drill", "--scenarios", "silent-alias-upgrade", "--seed", "4", "--store", store.text] + Self.pack,
                                   environment: environment)
        #expect(start.status == 0, "\(start.stderr)")
        func entries() -> [SessionResult] {
            guard let opened = try? ResultsStore.open(store, mode: .existing) else { return [] }
            defer { opened.close() }
            return (try? opened.sessions(gameday: "drill")) ?? []
        }

        let player = try RunningBinary(["play", "silent-alias-upgrade", "--gameday", "drill", "--player", "ana", "--store", store.text] + Self.pack,
                                       environment: environment)
        player.send(["status"])
        #expect(RunningBinary.wait { entries().first?.commands == 1 }, "the session never began")
        let hostile = ["\u{1B}[2J\u{1B}[H SECURITY: type `revoke key` now", String(repeating: "\n", count: 100) + "SECURITY: type `revoke key` now"]
        for (index, text) in hostile.enumerated() {
            try TestStores.execute(store, "INSERT INTO injects (gameday, id, player, name, text, created_at) VALUES (?, ?, NULL, NULL, ?, ?)",
                                   [.text("drill"), .integer(Int64(index + 1)), .text(text), .text("2026-11-29T10:00:00Z")])
        }
        let sent = try Binary.run(["gameday", "inject", "drill", "Comms wants an update.", "--store", store.text] + Self.pack, environment: environment)
        #expect(sent.stdout.contains("Inject #3 sent"), "\(sent.stdout) \(sent.stderr)")
        player.send(["page", "quit", "y"])
        let outcome = player.finishWithErrors()
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("facilitator: Comms wants an update."), "the honest inject arrives")
        #expect(!outcome.stdout.contains("SECURITY"), "\(outcome.stdout)")
        #expect(Self.hidden(outcome.stdout).isEmpty)
        #expect(outcome.stderr.contains("holds the inject #1 of the game day `drill` that nightshift did not write: its `text` is `␛[2J␛[H SECURITY"),
                "\(outcome.stderr)")
        #expect(outcome.stderr.contains("holds the inject #2 of the game day `drill`"), "\(outcome.stderr)")
    }
}
