import Foundation
import Reports
import TestSupport
import Testing
@testable import ResultsStore

/// The store's behaviour, the same on both engines.
struct ResultsStoreTests {
    static func entry(_ gameday: String?, _ player: String, _ scenario: String, state: SessionResult.State = .playing, score: Int? = nil) -> SessionResult {
        SessionResult(id: gameday.map { SessionResult.gamedayID(gameday: $0, player: player, scenario: scenario) } ?? "history/\(player)-\(scenario)",
                      gameday: gameday, player: player, scenario: scenario, codename: "Codename \(scenario)", title: "Title of \(scenario)",
                      surface: "model", seed: 18_446_744_073_709_551_615, mode: gameday == nil ? .onboarding : .gameday, state: state,
                      startedAt: "2026-11-29T10:00:00Z", updatedAt: "2026-11-29T10:05:00Z", finishedAt: state == .finished ? "2026-11-29T10:30:00Z" : nil,
                      simSeconds: 1830, declared: "model", evidenceSeen: 7, commands: 21, score: score, passed: score.map { $0 >= 70 },
                      timeToSurfaceSeconds: state == .finished ? 754 : nil, foundWithEvidence: true, mitigated: state == .finished,
                      wrongSurfaces: ["infra", "prompt"], harmful: [.init(part: .harmfulAction, points: -5, reason: "You restarted `chat-gateway`, \"twice\".")],
                      lessons: [.init(part: .updates, points: -3, reason: "No update for 20 min.")], gradeJSON: "{\"score\":\(score ?? 0)}", journal: "{\"type\":\"header\"}\n")
    }

    static func now() -> String { "2026-11-29T10:00:00Z" }

    @Test(arguments: TestStores.engines)
    func aNewStoreHasTheCurrentSchemaAndKeepsEveryFieldOfAnEntry(_ kind: StoreLocation.Kind) throws {
        let store = try ResultsStore.open(try TestStores.fresh(kind), mode: .create)
        defer { store.close() }
        #expect(try store.schemaVersion() == StoreSchema.currentVersion)
        let finished = Self.entry(nil, "ana", "silent-alias-upgrade", state: .finished, score: 91)
        try store.save(finished)
        #expect(try store.session(id: finished.id) == finished)
        #expect(try store.sessions() == [finished])
    }

    @Test(arguments: TestStores.engines)
    func aFinishedEntryIsNeverOverwrittenByLateProgressButIsByAFinishedOne(_ kind: StoreLocation.Kind) throws {
        let store = try ResultsStore.open(try TestStores.fresh(kind), mode: .create)
        defer { store.close() }
        var finished = Self.entry("gd", "ana", "s1", state: .finished, score: 80)
        try store.save(finished)
        try store.save(Self.entry("gd", "ana", "s1"))
        #expect(try store.session(id: finished.id)?.state == .finished)
        finished.score = 81
        try store.save(finished)
        #expect(try store.session(id: finished.id)?.score == 81)
        #expect(try store.sessions(gameday: "gd").count == 1)
    }

    @Test(arguments: TestStores.engines)
    func gamedaysStayApartAndNamesAreChecked(_ kind: StoreLocation.Kind) throws {
        let store = try ResultsStore.open(try TestStores.fresh(kind), mode: .create)
        defer { store.close() }
        try store.createGameday(GamedayRecord(name: "q1", scenarios: ["a", "b"], seed: 7, createdAt: Self.now(), stateChangedAt: Self.now()))
        try store.createGameday(GamedayRecord(name: "q2", scenarios: ["b"], seed: 8, createdAt: Self.now(), stateChangedAt: Self.now()))
        #expect(throws: StoreError.gamedayExists("q1")) {
            try store.createGameday(GamedayRecord(name: "q1", scenarios: ["c"], seed: 1, createdAt: Self.now(), stateChangedAt: Self.now()))
        }
        #expect(throws: StoreError.badGamedayName("no spaces")) {
            try store.createGameday(GamedayRecord(name: "no spaces", scenarios: ["c"], seed: 1, createdAt: Self.now(), stateChangedAt: Self.now()))
        }
        #expect(throws: StoreError.unknownGameday("q3", store: store.displayName, known: ["q1", "q2"])) { try store.gameday("q3") }
        #expect(try store.gameday("q1").scenarios == ["a", "b"])
        #expect(try store.gameday("q2").seed == 8)

        try store.save(Self.entry("q1", "ana", "b", state: .finished, score: 90))
        try store.save(Self.entry("q2", "ana", "b", state: .finished, score: 40))
        #expect(try store.sessions(gameday: "q1").map(\.score) == [90])
        #expect(try store.sessions(gameday: "q2").map(\.score) == [40])

        try store.setState("q1", to: .paused, at: "2026-11-29T11:00:00Z")
        #expect(try store.gameday("q1").state == .paused)
        #expect(try store.gameday("q2").state == .running)
    }

    @Test(arguments: TestStores.engines)
    func aPlayerNameBelongsToTheTerminalThatJoinedWithIt(_ kind: StoreLocation.Kind) throws {
        let store = try ResultsStore.open(try TestStores.fresh(kind), mode: .create)
        defer { store.close() }
        try store.createGameday(GamedayRecord(name: "q1", scenarios: ["a"], seed: 7, createdAt: Self.now(), stateChangedAt: Self.now()))
        try store.join(gameday: "q1", player: "ana", token: "token-1", at: Self.now())
        try store.join(gameday: "q1", player: "ana", token: "token-1", at: Self.now())
        #expect(throws: StoreError.playerTaken(player: "ana", gameday: "q1")) {
            try store.join(gameday: "q1", player: "ana", token: "token-2", at: Self.now())
        }
        #expect(throws: StoreError.badPlayerName("a/b")) { try store.join(gameday: "q1", player: "a/b", token: "t", at: Self.now()) }
        #expect(throws: StoreError.unknownGameday("nope", store: store.displayName, known: ["q1"])) {
            try store.join(gameday: "nope", player: "bo", token: "t", at: Self.now())
        }
        try store.setState("q1", to: .ended, at: Self.now())
        #expect(throws: StoreError.gamedayEnded("q1")) { try store.join(gameday: "q1", player: "bo", token: "t", at: Self.now()) }
        #expect(try store.players(gameday: "q1") == ["ana"])
    }

    @Test(arguments: TestStores.engines)
    func injectsReachTheirPlayerOnceInOrder(_ kind: StoreLocation.Kind) throws {
        let store = try ResultsStore.open(try TestStores.fresh(kind), mode: .create)
        defer { store.close() }
        try store.createGameday(GamedayRecord(name: "q1", scenarios: ["a"], seed: 7, createdAt: Self.now(), stateChangedAt: Self.now()))
        try store.createGameday(GamedayRecord(name: "q2", scenarios: ["a"], seed: 7, createdAt: Self.now(), stateChangedAt: Self.now()))
        try store.addInject(gameday: "q1", player: nil, named: nil, text: "to all", at: Self.now())
        try store.addInject(gameday: "q1", player: "bo", named: nil, text: "to bo", at: Self.now())
        try store.addInject(gameday: "q1", player: "ana", named: "ticket", text: "to ana", at: Self.now())
        try store.addInject(gameday: "q2", player: nil, named: nil, text: "other day", at: Self.now())
        #expect(try store.injects(gameday: "q1", player: "ana", after: 0).map(\.text) == ["to all", "to ana"])
        #expect(try store.injects(gameday: "q1", player: "ana", after: 1).map(\.name) == ["ticket"])
        #expect(try store.injects(gameday: "q1", player: "bo", after: 0).map(\.text) == ["to all", "to bo"])
        #expect(try store.lastInjectID(gameday: "q1") == 3)
        #expect(try store.lastInjectID(gameday: "q2") == 1)
    }

    @Test(arguments: TestStores.engines)
    func anOlderSchemaIsRefusedWithoutAWriteAndUpgradedOnlyWhenAsked(_ kind: StoreLocation.Kind) throws {
        let location = try TestStores.fresh(kind)
        // A store as version 1 of nightshift left it.
        let engine: any StoreEngine = kind == .sqlite ? try SQLiteEngine(path: location.path!, create: true) : try PostgresEngine(location: location)
        let old = ResultsStore(location: location, engine: engine)
        try old.migrate(upTo: 1)
        old.close()

        for mode in [ResultsStore.OpenMode.existing, .create] {
            #expect(throws: StoreError.olderSchema(location.description, found: 1, current: StoreSchema.currentVersion)) {
                try ResultsStore.open(location, mode: mode)
            }
        }
        let check = ResultsStore(location: location, engine: kind == .sqlite ? try SQLiteEngine(path: location.path!, create: false) : try PostgresEngine(location: location))
        #expect(try check.schemaVersion() == 1)
        #expect(try !check.engine.tableNames().contains("injects"))
        check.close()

        let upgraded = try ResultsStore.open(location, mode: .upgrade)
        defer { upgraded.close() }
        #expect(try upgraded.schemaVersion() == StoreSchema.currentVersion)
        #expect(try upgraded.lastInjectID(gameday: "any") == 0)
    }

    @Test(arguments: TestStores.engines)
    func aDatabaseHoldingOtherTablesIsLeftAlone(_ kind: StoreLocation.Kind) throws {
        let location = try TestStores.fresh(kind)
        let engine: any StoreEngine = kind == .sqlite ? try SQLiteEngine(path: location.path!, create: true) : try PostgresEngine(location: location)
        try engine.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total BIGINT)")
        engine.close()
        let before = kind == .sqlite ? FileManager.default.contents(atPath: location.path!) : nil
        for mode in [ResultsStore.OpenMode.existing, .create, .upgrade] {
            #expect(throws: StoreError.foreignDatabase(location.description)) { try ResultsStore.open(location, mode: mode) }
        }
        if kind == .sqlite { #expect(FileManager.default.contents(atPath: location.path!) == before) }
        let check: any StoreEngine = kind == .sqlite ? try SQLiteEngine(path: location.path!, create: false) : try PostgresEngine(location: location)
        #expect(try check.tableNames() == ["invoices"])
        check.close()
    }

    @Test func aFileThatIsNotADatabaseIsNamedAndUntouched() throws {
        let path = try TestStores.folder().appendingPathComponent("notes.txt").path
        let bytes = Data("These are my notes, not a results store.\n".utf8)
        _ = FileManager.default.createFile(atPath: path, contents: bytes)
        for mode in [ResultsStore.OpenMode.existing, .create, .upgrade] {
            #expect(throws: StoreError.notAStore(path, reason: "it is not a SQLite database")) { try ResultsStore.open(try StoreLocation(path), mode: mode) }
        }
        #expect(FileManager.default.contents(atPath: path) == bytes)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aMissingFileIsNotCreatedByAReader() throws {
        let path = try TestStores.folder().appendingPathComponent("nope.sqlite").path
        #expect(throws: StoreError.missing(path)) { try ResultsStore.open(try StoreLocation(path), mode: .existing) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aRefusedConnectionSaysSoWithoutThePassword() throws {
        // Port 9 (discard) on loopback: nobody listens, the connection is refused at once.
        let location = try StoreLocation("postgres://nightshift:s3cret@127.0.0.1:9/results")
        do {
            _ = try ResultsStore.open(location, mode: .existing)
            Issue.record("a refused connection opened a store")
        } catch let error as StoreError {
            guard case .unreachable(let shown, let reason) = error else { Issue.record("\(error)"); return }
            #expect(shown == "postgres://nightshift:***@127.0.0.1:9/results")
            #expect(reason.lowercased().contains("refused"), "\(reason)")
            #expect(!error.description.contains("s3cret"))
        }
    }

    @Test func locationsAreParsedAndBadOnesExplained() throws {
        #expect(try StoreLocation("/srv/gameday.sqlite").kind == .sqlite)
        let server = try #require(try StoreLocation("postgresql://ops%40corp:p%3Ass@db.internal:6543/nightshift?sslmode=require").server)
        #expect(server == .init(host: "db.internal", port: 6543, user: "ops@corp", password: "p:ss", database: "nightshift", tls: "require"))
        #expect(throws: StoreError.self) { try StoreLocation("mysql://x@y/z") }
        #expect(throws: StoreError.self) { try StoreLocation("postgres://user@host") }
        #expect(throws: StoreError.self) { try StoreLocation("postgres://host/db") }
        #expect(throws: StoreError.self) { try StoreLocation("postgres://u@h/db?sslmode=sometimes") }
        #expect(throws: StoreError.self) { try StoreLocation("  ") }
    }

    @Test func aTraineesHistoryIsTheirsAloneAndASharedStoreFollowsTheUmask() throws {
        let folder = try TestStores.folder()
        let history = folder.appendingPathComponent("data/nightshift/results.sqlite").path
        try ResultsStore.open(try StoreLocation(history), mode: .upgrade, privateFile: true).close()
        func mode(_ path: String) throws -> Int { (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1 }
        #expect(try mode(history) == 0o600)
        #expect(try mode((history as NSString).deletingLastPathComponent) == 0o700)

        let shared = folder.appendingPathComponent("shared/gameday.sqlite").path
        let previous = umask(0o002)
        defer { umask(previous) }
        try ResultsStore.open(try StoreLocation(shared), mode: .create).close()
        // Group-writable, so every player's user in the group can write the store and its WAL.
        #expect(try mode(shared) == 0o664)
    }

    @Test func theSQLiteStoreRunsInWALMode() throws {
        let location = try TestStores.fresh(.sqlite)
        let store = try ResultsStore.open(location, mode: .create)
        defer { store.close() }
        #expect(try store.engine.rows("PRAGMA journal_mode", []).first?[0].string == "wal")
    }
}
