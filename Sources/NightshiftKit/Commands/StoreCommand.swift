import Foundation
import ResultsStore
import Simulation

/// `nightshift store`: what a store is (engine, schema version, contents) and upgrading an
/// older one, explicitly, because every player must then run a matching nightshift.
public struct StoreCommand {
    let environment: [String: String]
    let data: DataFolder
    let storeFlag: String?
    let output = TerminalOutput()

    public init(environment: [String: String], store: String?) {
        self.environment = environment
        self.data = DataFolder(environment: environment)
        self.storeFlag = store
    }

    func location() throws -> StoreLocation {
        try data.storeLocation(flag: storeFlag, environment: environment)
    }

    public func migrate() -> Int32 {
        do {
            let location = try location()
            let store = try data.openStore(location, mode: .existing)
            store.close()
            output.line("\(location) is already at schema version \(StoreSchema.currentVersion); nothing to do.")
            return 0
        } catch StoreError.olderSchema(_, let found, _) {
            do {
                let store = try data.openStore(try location(), mode: .upgrade)
                defer { store.close() }
                output.line("Upgraded \(store.displayName) from schema version \(found) to \(StoreSchema.currentVersion).")
                return 0
            } catch {
                output.error("nightshift: \(error)")
                return 1
            }
        } catch {
            output.error("nightshift: \(error)")
            return (error as? StoreError)?.exitStatus ?? 1
        }
    }

    public func info() -> Int32 {
        do {
            let store = try data.openStore(try location(), mode: .existing)
            defer { store.close() }
            let gamedays = try store.gamedays()
            let sessions = try store.sessions()
            let leftOut = store.unreadable.isEmpty ? "" : "; \(Format.count(store.unreadable.count, "row")) nightshift did not write left out (named above)"
            output.line("\(store.displayName): \(store.location.kind.rawValue), schema version \(try store.schemaVersion()), \(Format.count(sessions.count, "session")) (\(sessions.filter(\.isFinished).count) finished), \(Format.count(gamedays.count, "game day"))\(leftOut).")
            return 0
        } catch {
            output.error("nightshift: \(error)")
            return (error as? StoreError)?.exitStatus ?? 1
        }
    }
}
