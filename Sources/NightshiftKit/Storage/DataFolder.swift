import Foundation
import ResultsStore

/// Where journals, history and results live: `$XDG_DATA_HOME/nightshift/`, by default
/// `~/.local/share/nightshift/`.
public struct DataFolder: Sendable {
    public var root: String

    public init(environment: [String: String]) {
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            root = (xdg as NSString).appendingPathComponent("nightshift")
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            root = (home as NSString).appendingPathComponent(".local/share/nightshift")
        }
    }

    public init(root: String) { self.root = root }

    public var journals: String { (root as NSString).appendingPathComponent("journals") }
    public var reports: String { (root as NSString).appendingPathComponent("reports") }
    public var historyFile: String { (root as NSString).appendingPathComponent("history") }
    /// The trainee's own results store: every finished session, for `nightshift results`.
    public var historyStore: String { (root as NSString).appendingPathComponent("results.sqlite") }
    /// Results waiting for a store that could not be reached.
    public var pending: String { (root as NSString).appendingPathComponent("pending") }
    /// Which game days this trainee joined, and the token that holds each player name.
    public var gamedays: String { (root as NSString).appendingPathComponent("gamedays") }

    /// Creates a folder (and its parents) readable only by its owner. An empty path is the
    /// working folder (the folder of `--journal bare.jsonl`), which exists already.
    public static func ensure(_ path: String) throws {
        guard !path.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}

extension DataFolder {
    /// The trainee's own results store.
    var historyLocation: StoreLocation { StoreLocation(file: historyStore) }

    /// Where game days and `nightshift store` look: `--store`, else `$NIGHTSHIFT_STORE`, else
    /// the trainee's own store.
    func storeLocation(flag: String?, environment: [String: String]) throws(NightshiftError) -> StoreLocation {
        do {
            return try StoreLocation.resolve(flag: flag, environment: environment, defaultPath: historyStore)
        } catch {
            throw NightshiftError(error)
        }
    }

    /// True for the trainee's own store, whichever way it was named.
    func isHistory(_ location: StoreLocation) -> Bool { location.kind == .sqlite && location.path == historyStore }

    /// Opens a results store; the trainee's own history, when new, is made private to them.
    /// A row the store holds that nightshift would not have written is left out of every
    /// view and named once on standard error, so whoever runs the store can fix it.
    func openStore(_ location: StoreLocation, mode: ResultsStore.OpenMode) throws -> ResultsStore {
        let store = try ResultsStore.open(location, mode: mode, privateFile: isHistory(location))
        store.onUnreadable = { TerminalOutput().error("warning: \($0)") }
        return store
    }
}
