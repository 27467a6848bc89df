import Foundation
@testable import ResultsStore
import TestSupport
import Testing

/// Schema version 3 began keeping player tokens as hashes. A store a version 2 nightshift wrote is
/// migrated once, and a player who joined before comes back from their own data folder as
/// always, while another folder still cannot take the name.
struct PlayerTokenMigrationTests {
    static let pack = ["--pack", Fixture.root.path]

    @Test(arguments: TestStores.engines)
    func anOlderStoresPlayerRejoinsAfterTheMigration(_ kind: StoreLocation.Kind) throws {
        let anas = try Binary.temporaryFolder(), other = try Binary.temporaryFolder()
        defer { for folder in [anas, other] { try? FileManager.default.removeItem(at: folder) } }
        let store = try TestStores.fresh(kind)
        let start = try Binary.run(["gameday", "start", "g", "--scenarios", "silent-alias-upgrade", "--seed", "4", "--store", store.text] + Self.pack,
                                   environment: Binary.environment(anas))
        #expect(start.status == 0, "\(start.stderr)")
        let play = ["play", "silent-alias-upgrade", "--gameday", "g", "--player", "ana", "--store", store.text] + Self.pack
        let first = try Binary.run(play, input: "quit\ny\n", environment: Binary.environment(anas))
        #expect(first.status == 0, "\(first.stderr)")

        // Put the store back as a version 2 nightshift left it: ana's token in the clear.
        let memberships = anas.appendingPathComponent("xdg/nightshift/gamedays")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: memberships.path).first)
        let membership = try JSONSerialization.jsonObject(with: Data(contentsOf: memberships.appendingPathComponent(file))) as? [String: Any]
        let token = try #require(membership?["token"] as? String)
        try TestStores.execute(store, "ALTER TABLE players RENAME COLUMN token_sha256 TO token")
        try TestStores.execute(store, "UPDATE players SET token = ? WHERE player = ?", [.text(token), .text("ana")])
        try TestStores.execute(store, "DELETE FROM nightshift_schema WHERE version >= 3")
        try TestStores.execute(store, "DROP TABLE certification_lines")
        try TestStores.execute(store, "DROP TABLE certification_runs")

        let refused = try Binary.run(play, environment: Binary.environment(anas))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("has results schema version 2 and this nightshift uses \(StoreSchema.currentVersion)"), "\(refused.stderr)")
        let migrate = try Binary.run(["store", "migrate", "--store", store.text], environment: Binary.environment(anas))
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout == "Upgraded \(store.description) from schema version 2 to \(StoreSchema.currentVersion).\n")

        let opened = try ResultsStore.open(store, mode: .existing)
        let readable = try opened.engine.rows("SELECT * FROM players", []).flatMap { $0.values.compactMap(\.string) }
        opened.close()
        #expect(!readable.contains(token))

        let back = try Binary.run(play, environment: Binary.environment(anas))
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("You have finished"), "\(back.stdout)")
        let impostor = try Binary.run(play, environment: Binary.environment(other))
        #expect(impostor.status == 2)
        #expect(impostor.stderr.contains("the player name `ana` is already taken in the game day `g`"), "\(impostor.stderr)")
    }
}
