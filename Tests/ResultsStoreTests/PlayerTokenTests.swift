import Foundation
import Reports
import TestSupport
import Testing
@testable import ResultsStore

/// A player name belongs to the data folder holding its token. Anyone can read a shared
/// store, so the store keeps only the token's hash: nothing read from it lets another
/// terminal join under that name.
struct PlayerTokenTests {
    static func now() -> String { "2026-11-29T10:00:00Z" }

    /// Every text value in the players table, as anyone with read access sees it.
    static func everythingReadable(_ store: ResultsStore) throws -> [String] {
        try store.engine.rows("SELECT * FROM players", []).flatMap { $0.values.compactMap(\.string) }
    }

    @Test(arguments: TestStores.engines)
    func nothingReadFromTheStoreLetsAnotherTerminalJoinAsAPlayer(_ kind: StoreLocation.Kind) throws {
        let store = try ResultsStore.open(try TestStores.fresh(kind), mode: .create)
        defer { store.close() }
        try store.createGameday(GamedayRecord(name: "g", scenarios: ["a"], seed: 7, createdAt: Self.now(), stateChangedAt: Self.now()))
        let token = UUID().uuidString
        try store.join(gameday: "g", player: "ana", token: token, at: Self.now())

        let readable = try Self.everythingReadable(store)
        #expect(!readable.contains(token))
        #expect(readable.contains(PlayerToken.digest(token)))
        for value in readable {
            #expect(throws: StoreError.playerTaken(player: "ana", gameday: "g")) {
                try store.join(gameday: "g", player: "ana", token: value, at: Self.now())
            }
        }
        // The folder that holds the token still comes back.
        try store.join(gameday: "g", player: "ana", token: token, at: Self.now())
    }

    @Test(arguments: TestStores.engines)
    func anOlderStoreMigratesAndItsPlayersKeepTheirNames(_ kind: StoreLocation.Kind) throws {
        let location = try TestStores.fresh(kind)
        // The store as schema version 2 left it: tokens in the clear.
        let engine: any StoreEngine = kind == .sqlite ? try SQLiteEngine(path: location.path!, create: true) : try PostgresEngine(location: location)
        let old = ResultsStore(location: location, engine: engine)
        try old.migrate(upTo: 2)
        try old.createGameday(GamedayRecord(name: "g", scenarios: ["a"], seed: 7, createdAt: Self.now(), stateChangedAt: Self.now()))
        let tokens = ["ana": UUID().uuidString, "bo": UUID().uuidString]
        for (player, token) in tokens {
            try engine.execute("INSERT INTO players (gameday, player, token, joined_at) VALUES (?, ?, ?, ?)",
                               [.text("g"), .text(player), .text(token), .text(Self.now())])
        }
        old.close()

        let store = try ResultsStore.open(location, mode: .upgrade)
        defer { store.close() }
        #expect(try store.schemaVersion() == StoreSchema.currentVersion)
        #expect(try store.players(gameday: "g").sorted() == ["ana", "bo"])
        let readable = try Self.everythingReadable(store)
        for (player, token) in tokens {
            #expect(!readable.contains(token), "\(player)'s token is still readable")
            try store.join(gameday: "g", player: player, token: token, at: Self.now())
            #expect(throws: StoreError.playerTaken(player: player, gameday: "g")) {
                try store.join(gameday: "g", player: player, token: tokens.values.first { $0 != token }!, at: Self.now())
            }
        }
    }

    @Test func theDigestIsSHA256InLowercaseHex() {
        // The empty string's SHA-256, from FIPS 180-2: any engine or tool computing it agrees.
        #expect(PlayerToken.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(PlayerToken.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
