import Foundation
import Reports
import ResultsStore
import Simulation

/// A player's place in a game day: the store, the game day, the claimed player name. Taking
/// a seat checks everything before anything is written: an unknown game day, a scenario not
/// in it, a name another terminal holds, an ended game day, or an unreachable store each
/// stop here with one clear sentence.
struct GamedaySeat {
    let store: ResultsStore
    let gameday: GamedayRecord
    let player: String
    let membership: GamedayMembership

    static func defaultPlayer(_ environment: [String: String]) -> String {
        environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "player"
    }

    /// Opens the store, flushes results waiting for it, and claims the name (`join` refuses a
    /// bad name or an ended game day before it writes).
    static func take(location: StoreLocation, gameday name: String, player: String, scenario: String?, data: DataFolder) throws(NightshiftError) -> GamedaySeat {
        do {
            let store = try data.openStore(location, mode: .existing)
            do {
                _ = PendingResults(data: data).flush(only: location)
                let gameday = try store.gameday(name)
                if let scenario, !gameday.scenarios.contains(scenario) {
                    throw StoreError.scenarioNotInGameday(scenario: scenario, gameday: name, scenarios: gameday.scenarios)
                }
                let membership = GamedayMembership.load(data: data, store: location, gameday: name, player: player)
                try store.join(gameday: name, player: player, token: membership.token, at: PlayRunner.isoNow())
                try membership.save(data: data)
                return GamedaySeat(store: store, gameday: gameday, player: player, membership: membership)
            } catch {
                store.close()
                throw error
            }
        } catch {
            throw NightshiftError(error)
        }
    }

    func entryID(_ scenario: String) -> String { SessionResult.gamedayID(gameday: gameday.name, player: player, scenario: scenario) }

    /// This player's entry for a scenario, if one was begun.
    func entry(_ scenario: String) -> SessionResult? { try? store.session(id: entryID(scenario)) }

    /// The live link for a session that begins (or resumes) now.
    func link(session: Session, header: JournalHeader, startedAt: String, commands: Int, output: TerminalOutput) throws -> GamedayLink {
        let entry = ResultRecorder.result(id: entryID(session.scenario.id), gameday: gameday.name, player: player, session: session,
                                          header: header, grade: nil, journalText: nil, commands: commands, startedAt: startedAt)
        return try GamedayLink(store: store, gameday: gameday.name, player: player, entry: entry) { output.line(" " + $0) }
    }
}
