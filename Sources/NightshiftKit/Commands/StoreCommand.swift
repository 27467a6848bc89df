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

    /// `store migrate`: a store of an older schema is upgraded; one already current is left
    /// alone. A failed upgrade is the store failing (status 1), whatever it says.
    public func migrate() throws(NightshiftError) {
        let location = try data.storeLocation(flag: storeFlag, environment: environment)
        do {
            try data.openStore(location, mode: .existing).close()
            output.line("\(location) is already at schema version \(StoreSchema.currentVersion); nothing to do.")
        } catch StoreError.olderSchema(_, let found, _) {
            do {
                let store = try data.openStore(location, mode: .upgrade)
                defer { store.close() }
                output.line("Upgraded \(store.displayName) from schema version \(found) to \(StoreSchema.currentVersion).")
            } catch {
                throw .storeNotUpgraded(error)
            }
        } catch {
            throw NightshiftError(error)
        }
    }

    public func info() throws(NightshiftError) {
        let location = try data.storeLocation(flag: storeFlag, environment: environment)
        do {
            let store = try data.openStore(location, mode: .existing)
            defer { store.close() }
            let gamedays = try store.gamedays()
            let sessions = try store.sessions()
            let leftOut = store.unreadable.isEmpty ? "" : "; \(Format.count(store.unreadable.count, "row")) nightshift did not write left out (named above)"
            output.line("\(store.displayName): \(store.location.kind.rawValue), schema version \(try store.schemaVersion()), \(Format.count(sessions.count, "session")) (\(sessions.filter(\.isFinished).count) finished), \(Format.count(gamedays.count, "game day"))\(leftOut).")
        } catch {
            throw NightshiftError(error)
        }
    }
}
