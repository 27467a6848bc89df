import Foundation
import Grading
import Reports
import ResultsStore
import Simulation

/// Keeps every finished session: in the trainee's own history (a SQLite file under the data
/// folder) and, for a game day, in the game day's store. A store that cannot be reached does
/// not lose the result: it waits in the data folder's `pending/` and lands on the next
/// command that opens that store (or `nightshift results sync`).
struct ResultRecorder {
    let data: DataFolder
    let output = TerminalOutput()

    /// The store entry for a session: live fields from the session, the outcome from the grade.
    static func result(id: String, gameday: String?, player: String, session: Session, header: JournalHeader, grade: Grade?,
                       journalText: String?, commands: Int, startedAt: String) -> SessionResult {
        let scenario = session.scenario
        var result = SessionResult(
            id: id, gameday: gameday, player: player, scenario: scenario.id, codename: scenario.codename, title: scenario.title,
            surface: scenario.truth.surface, seed: scenario.seed, mode: session.settings.mode, state: .playing, startedAt: startedAt,
            updatedAt: PlayRunner.isoNow(), simSeconds: Int(session.now.milliseconds / 1000), declared: session.record.currentDeclaration?.surface,
            evidenceSeen: session.record.evidenceSeen.count, commands: commands)
        guard let grade else { return result }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        result.state = .finished
        result.finishedAt = result.updatedAt
        result.score = grade.score
        result.passed = grade.passed
        result.timeToSurfaceSeconds = grade.milestones.surface.map { Int(($0 * 60).rounded()) }
        result.foundWithEvidence = grade.findings.contains { $0.part == .evidence && $0.points > 0 }
        result.mitigated = grade.milestones.mitigation != nil
        result.wrongSurfaces = session.record.declarations.map(\.surface).filter { $0 != scenario.truth.surface }
        result.harmful = grade.findings.filter { $0.part == .harmfulAction || $0.part == .criticalAction }.map(SessionResult.Note.init)
        // What earned nothing (a miss) or cost points (a penalty): what to revisit.
        result.lessons = grade.findings.filter { $0.points <= 0 }.map(SessionResult.Note.init)
        result.gradeJSON = (try? encoder.encode(grade)).map { String(decoding: $0, as: UTF8.self) }
        result.journal = journalText
        return result
    }

    /// Saves to the history store, and to `gamedayStore` when there is one; returns lines to print.
    func record(_ result: SessionResult, gamedayStore: StoreLocation?, alreadyInGameday: Bool = false) -> [String] {
        var said: [String] = []
        var history = result
        history.id = result.gameday == nil ? result.id : "history/" + result.id
        // A game day kept in the trainee's own store already holds the entry: a second copy
        // would list the session twice and count the player twice on the board.
        let gamedayIsHistory = gamedayStore.map(data.isHistory) ?? false
        if !gamedayIsHistory, !save(history, to: data.historyLocation, mode: .upgrade) {
            said.append(" History: not written yet (\(data.historyStore) could not be opened); kept in \(data.pending) to sync later.")
        }
        if let gamedayStore, !alreadyInGameday, !save(result, to: gamedayStore, mode: .existing) {
            said.append(" Game day: the store \(gamedayStore) is unreachable; your result waits in \(data.pending) and lands with `nightshift results sync` (or the next game-day command).")
        }
        return said
    }

    /// Writes one entry, or queues it.
    @discardableResult
    func save(_ result: SessionResult, to location: StoreLocation, mode: ResultsStore.OpenMode) -> Bool {
        do {
            let store = try data.openStore(location, mode: mode)
            defer { store.close() }
            try store.save(result)
            return true
        } catch {
            PendingResults(data: data).queue(result, for: location, mode: mode)
            return false
        }
    }
}
