import Foundation
import Simulation
import ResultsStore

/// What this trainee's data folder remembers of a game day they joined: the store (so a
/// crashed session resumes into the same entry) and the token that holds their player name
/// (so nobody else's terminal can play as them, and theirs can come back).
struct GamedayMembership: Codable {
    var store: String
    var gameday: String
    var player: String
    var token: String

    static func path(data: DataFolder, store: String, gameday: String, player: String) -> String {
        let name = Digest.sha256(store + "\n" + gameday + "\n" + player).prefix(24)
        return (data.gamedays as NSString).appendingPathComponent("\(name).json")
    }

    /// The membership for this store, game day and player; a new token the first time.
    static func load(data: DataFolder, store: StoreLocation, gameday: String, player: String) -> GamedayMembership {
        let path = path(data: data, store: store.text, gameday: gameday, player: player)
        if let bytes = FileManager.default.contents(atPath: path), let known = try? StrictJSON.decode(GamedayMembership.self, from: bytes) {
            return known
        }
        return GamedayMembership(store: store.text, gameday: gameday, player: player, token: UUID().uuidString)
    }

    func save(data: DataFolder) throws(NightshiftError) {
        let path = Self.path(data: data, store: store, gameday: gameday, player: player)
        do {
            try DataFolder.ensure(data.gamedays)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            guard FileManager.default.createFile(atPath: path, contents: try encoder.encode(self), attributes: [.posixPermissions: 0o600]) else {
                throw JournalFileError.cannotOpen(path, "cannot write the game-day membership")
            }
        } catch {
            throw .membershipNotSaved(error)
        }
    }

    /// The store a journal's game day lives in, for `resume`.
    static func find(data: DataFolder, gameday: String, player: String) -> GamedayMembership? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: data.gamedays)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = (data.gamedays as NSString).appendingPathComponent(name)
            if let bytes = FileManager.default.contents(atPath: path), let known = try? StrictJSON.decode(GamedayMembership.self, from: bytes),
               known.gameday == gameday, known.player == player {
                return known
            }
        }
        return nil
    }
}
