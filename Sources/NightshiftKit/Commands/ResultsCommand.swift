import Foundation
import Grading
import Reports
import ResultsStore
import Simulation

/// `nightshift results`: past sessions from the trainee's history (or a given store), one of
/// them again in full, onboarding coverage per surface, and syncing results that waited for
/// an unreachable store.
public struct ResultsCommand {
    let pack: LoadedPack
    let environment: [String: String]
    let data: DataFolder
    let storeFlag: String?
    let output = TerminalOutput()

    public init(pack: LoadedPack, environment: [String: String], store: String?) {
        self.pack = pack
        self.environment = environment
        self.data = DataFolder(environment: environment)
        self.storeFlag = store
    }

    /// The trainee's history, oldest first (empty when there is none yet).
    static func history(data: DataFolder) -> [SessionResult] {
        guard FileManager.default.fileExists(atPath: data.historyStore), let store = try? data.openStore(data.historyLocation, mode: .upgrade) else { return [] }
        defer { store.close() }
        return (try? store.sessions()) ?? []
    }

    /// Runs `body` with the store open, after sending what waited for it. Your own history
    /// unless a store is named here: $NIGHTSHIFT_STORE points game days at the shared store,
    /// and must not swap your history for the team's.
    func withStore(_ body: (ResultsStore) throws -> Void) throws(NightshiftError) {
        do {
            let location = try storeFlag.map { try StoreLocation($0) } ?? data.historyLocation
            let store = try data.openStore(location, mode: storeFlag == nil ? .upgrade : .existing)
            defer { store.close() }
            _ = PendingResults(data: data).flush(only: location)
            try body(store)
        } catch {
            throw NightshiftError(error)
        }
    }

    static func minutes(_ seconds: Int?) -> String {
        guard let seconds else { return "—" }
        return Format.number(Double(seconds) / 60, decimals: 1)
    }

    public func list(player: String?, gameday: String?) throws(NightshiftError) {
        try withStore { store in
            // Numbered in the whole list, so `results show N` finds the same session whatever the filter.
            let numbered = Array(try store.sessions().filter(\.isFinished).enumerated())
                .filter { (gameday == nil || $0.element.gameday == gameday) && (player == nil || $0.element.player == player) }
            let sessions = numbered.map(\.element)
            // A shared store holds many players: say whose each row is.
            let players = Set(sessions.map(\.player)).count > 1
            guard !sessions.isEmpty else {
                output.line("No finished sessions in \(store.displayName) yet. `nightshift play ID` starts one; `nightshift list` shows the scenarios.")
                return
            }
            var rows = [["#", "finished (UTC)"] + (players ? ["player"] : []) + ["scenario", "mode", "score", "result", "surface in"]]
            for (index, session) in numbered {
                let name: String = session.gameday.map { "\(session.scenario) (\($0))" } ?? session.scenario
                let finished: String = String((session.finishedAt ?? session.startedAt).prefix(16)).replacingOccurrences(of: "T", with: " ")
                let score: String = session.score.map(String.init) ?? "—"
                let verdict: String = session.passed == true ? "passed" : "not passed"
                let surfaceIn: String = session.timeToSurfaceSeconds.map { Self.minutes($0) + " min" } ?? "never"
                var row: [String] = [String(index + 1), finished]
                if players { row.append(session.player) }
                row += [name, session.mode.rawValue, score, verdict, surfaceIn]
                rows.append(row)
            }
            output.line("Results in \(store.displayName):")
            output.lines(Self.columns(rows).map { "  " + $0 })
            output.line("")
            output.lines(coverage(sessions))
            output.line("`nightshift results show N` shows one again.")
        }
    }

    /// Rows padded into columns (the first row is the header). A cell is one line: a line
    /// break in a stored name or title is shown, not obeyed, so it cannot forge a row.
    static func columns(_ rows: [[String]]) -> [String] {
        let rows = rows.map { $0.map { VisibleText.of($0) } }
        let count = rows.map(\.count).max() ?? 0
        let widths = (0..<count).map { index in rows.map { $0.indices.contains(index) ? $0[index].displayWidth : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padded(to: widths[$0]) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
    }

    /// Onboarding coverage: for each surface of the taxonomy, how often it was the cause in a
    /// finished onboarding session, and how often it was found.
    func coverage(_ sessions: [SessionResult]) -> [String] {
        let onboarding = sessions.filter { $0.mode == .onboarding }
        var lines = ["Onboarding coverage by surface:"]
        for surface in pack.contents.pack.surfaces.map(\.id) {
            let played = onboarding.filter { $0.surface == surface }
            let found = played.filter { $0.timeToSurfaceSeconds != nil }.count
            let best = played.compactMap(\.score).max()
            let state = played.isEmpty ? "never practised" : "\(Format.count(played.count, "session")), found in \(found), best score \(best ?? 0)"
            lines.append("  \(surface.padding(toLength: 10, withPad: " ", startingAt: 0)) \(state)")
        }
        return lines
    }

    public func show(_ which: String) throws(NightshiftError) {
        try withStore { store in
            let sessions = try store.sessions().filter(\.isFinished)
            let found: SessionResult?
            if let number = Int(which) {
                found = sessions.indices.contains(number - 1) ? sessions[number - 1] : nil
            } else {
                found = try store.session(id: which)
            }
            guard let session = found, let json = session.gradeJSON,
                  let grade = try? StrictJSON.decode(Grade.self, from: Data(json.utf8)) else {
                throw NightshiftError.noFinishedSession(which, store: store.displayName)
            }
            let console = PlayerConsole(environment: environment, data: data)
            output.line(VisibleText.of("\(session.title) · \(session.mode)" + (session.gameday.map { " · game day \($0)" } ?? "") + " · player \(session.player) · finished \(session.finishedAt ?? "?")"))
            console.print(GradeScreen.lines(grade, width: console.width))
        }
    }

    public func sync() throws(NightshiftError) {
        let pending = PendingResults(data: data)
        let before = pending.items().count
        guard before > 0 else {
            output.line("Nothing waits to sync.")
            return
        }
        let (landed, waiting) = pending.flush()
        output.line("Synced \(Format.count(landed, "result")); \(waiting.count) still waiting.")
        for line in waiting { output.line("  \(line)") }
        if !waiting.isEmpty { throw .resultsStillWaiting(waiting.count) }
    }
}
