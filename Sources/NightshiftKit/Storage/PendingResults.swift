import Foundation
import Simulation
import Reports
import ResultsStore

/// Results that could not reach their store yet, one JSON file each under the data folder's
/// `pending/`, private to the trainee (a server URL may hold a password).
struct PendingResults {
    struct Item: Codable {
        var store: String
        /// True for the trainee's own history, which may be created or upgraded on the way.
        var history: Bool
        var result: SessionResult
    }

    let data: DataFolder

    func queue(_ result: SessionResult, for location: StoreLocation, mode: ResultsStore.OpenMode) {
        let item = Item(store: location.text, history: mode == .upgrade, result: result)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let bytes = try? encoder.encode(item) else { return }
        try? DataFolder.ensure(data.pending)
        // One file per store and entry: a later copy of the same entry replaces the earlier.
        let name = Digest.sha256(location.text + "\n" + result.id).prefix(24) + ".json"
        let path = (data.pending as NSString).appendingPathComponent(String(name))
        _ = FileManager.default.createFile(atPath: path, contents: bytes, attributes: [.posixPermissions: 0o600])
    }

    func items() -> [(path: String, item: Item)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: data.pending)) ?? []
        return names.sorted().filter { $0.hasSuffix(".json") }.compactMap { name in
            let path = (data.pending as NSString).appendingPathComponent(name)
            guard let bytes = FileManager.default.contents(atPath: path), let item = try? StrictJSON.decode(Item.self, from: bytes) else { return nil }
            return (path, item)
        }
    }

    /// Sends what waits for `only` (or for every store); returns how many landed and what still waits.
    func flush(only: StoreLocation? = nil) -> (landed: Int, waiting: [String]) {
        var landed = 0, waiting: [String] = []
        for (path, item) in items() where only == nil || item.store == only?.text {
            guard let location = try? StoreLocation(item.store) else { continue }
            do {
                let store = try data.openStore(location, mode: item.history ? .upgrade : .existing)
                defer { store.close() }
                try store.save(item.result)
                try? FileManager.default.removeItem(atPath: path)
                landed += 1
            } catch {
                waiting.append("\(item.result.id) for \(location): \(error)")
            }
        }
        return (landed, waiting)
    }
}
