import Simulation

/// The game-day board, as every player's terminal shows it: rank, player, scenarios finished,
/// total score, median time to surface, surfaces found with evidence, and what each player is
/// doing now. Anonymised unless the facilitator shows names: players become "player 1…N" in
/// the order they joined (first `startedAt`, ties by name), which neither the score nor the
/// name can change. Styles say what a segment means; the console decides the colours.
public enum Leaderboard {
    public struct Row: Equatable, Sendable {
        /// Shared by players tied on both score and total time to surface ("1, 2, 2, 4").
        public var rank: Int
        /// The name shown: the player's own, or "player N".
        public var player: String
        public var finished: Int
        public var total: Int
        public var score: Int
        /// Over the finished scenarios whose surface was named; the tie-break after score.
        public var totalTimeToSurfaceSeconds: Int
        /// Lower median (see `TeamDebrief`) of the player's times to surface.
        public var medianTimeToSurfaceSeconds: Int?
        public var foundWithEvidence: Int
        /// `playing CODENAME`, `paused`, `done`, or `between` (finished one, not yet started the next).
        public var status: String
    }

    /// Players in the order they joined: first `startedAt`, ties by name.
    public static func joinOrder(_ results: [SessionResult]) -> [String] {
        var first: [String: String] = [:]
        for entry in results { first[entry.player] = min(first[entry.player] ?? entry.startedAt, entry.startedAt) }
        return first.keys.sorted { (first[$0]!, $0) < (first[$1]!, $1) }
    }

    /// The board's rows, best first: total score descending, then total time to surface
    /// ascending, then the player's real name (so the order does not depend on anonymising).
    public static func rows(_ gameday: GamedayRecord, results: [SessionResult], names: Bool = false) -> [Row] {
        let entries = results.filter { $0.gameday == gameday.name }
        let total = gameday.scenarios.isEmpty ? Set(entries.map(\.scenario)).count : gameday.scenarios.count
        let order = joinOrder(entries)
        var ranked: [(name: String, row: Row)] = order.enumerated().map { index, name in
            let mine = entries.filter { $0.player == name }
            let done = mine.filter(\.isFinished)
            let times = done.compactMap(\.timeToSurfaceSeconds)
            let status: String
            if let current = mine.filter({ $0.state == .playing }).max(by: { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }) {
                status = "playing \(current.codename)"
            } else if mine.contains(where: { $0.state == .paused }) {
                status = "paused"
            } else if done.count >= total {
                status = "done"
            } else {
                status = "between"
            }
            return (name: name, row: Row(rank: 0, player: names ? name : "player \(index + 1)", finished: done.count, total: total,
                              score: done.compactMap(\.score).reduce(0, +), totalTimeToSurfaceSeconds: times.reduce(0, +),
                              medianTimeToSurfaceSeconds: TeamDebrief.lowerMedian(times),
                              foundWithEvidence: done.filter { $0.timeToSurfaceSeconds != nil && $0.foundWithEvidence }.count, status: status))
        }
        ranked.sort { ($1.row.score, $0.row.totalTimeToSurfaceSeconds, $0.name) < ($0.row.score, $1.row.totalTimeToSurfaceSeconds, $1.name) }
        for index in ranked.indices {
            let tied = index > 0 && ranked[index - 1].row.score == ranked[index].row.score
                && ranked[index - 1].row.totalTimeToSurfaceSeconds == ranked[index].row.totalTimeToSurfaceSeconds
            ranked[index].row.rank = tied ? ranked[index - 1].row.rank : index + 1
        }
        return ranked.map(\.row)
    }

    /// The board as lines of at most `width` columns. `asOf` is shown as given.
    public static func lines(_ gameday: GamedayRecord, results: [SessionResult], asOf: String, width: Int, names: Bool = false) -> [Line] {
        let rows = Self.rows(gameday, results: results, names: names)
        var lines = [header(gameday, detail: "as of \(asOf)", width: width), rule(width)]
        guard !rows.isEmpty else {
            return lines + [Line(" No player has joined yet.".truncated(to: width), .dim)]
        }
        var table = BoardTable([
            .init(title: "#", alignRight: true, priority: 9, minimum: 1),
            // "player 10" whole: an anonymised label cut short identifies nobody.
            .init(title: "player", priority: 10, flexible: true, minimum: 9),
            .init(title: "done", alignRight: true, priority: 7),
            .init(title: "score", alignRight: true, priority: 9),
            .init(title: "median tts", alignRight: true, priority: 4),
            .init(title: "evidence", alignRight: true, priority: 3),
            .init(title: "now", priority: 6, flexible: true, minimum: 10),
        ])
        for row in rows {
            let statusStyle: Style = row.status.hasPrefix("playing") ? .accent : (row.status == "paused" ? .warning : (row.status == "done" ? .good : .dim))
            table.add([
                Segment("\(row.rank)", .dim), Segment(row.player, .bold), Segment("\(row.finished)/\(row.total)"), Segment("\(row.score)", .heading),
                Segment(row.medianTimeToSurfaceSeconds.map(minutesSeconds) ?? "—"), Segment("\(row.foundWithEvidence)"), Segment(row.status, statusStyle),
            ])
        }
        lines += table.render(width: width)
        lines.append(Line.blank)
        let note = names ? " Names shown by the facilitator." : " Names hidden: players are numbered in the order they joined."
        lines.append(Line(note.truncated(to: width), .dim))
        return lines
    }

    public static func screen(_ gameday: GamedayRecord, results: [SessionResult], asOf: String, width: Int, names: Bool = false) -> Screen {
        Screen(lines: lines(gameday, results: results, asOf: asOf, width: width, names: names))
    }

    /// ` GAME DAY  NAME · running · DETAIL`, cut to the width: the name tells two boards apart so
    /// it goes first; the detail (a time) is shown whole or not at all, as half a time misleads.
    static func header(_ gameday: GamedayRecord, detail: String, width: Int) -> Line {
        let stateStyle: Style = gameday.state == .running ? .good : (gameday.state == .paused ? .warning : .dim)
        let fixed = " GAME DAY  ".displayWidth + " · \(gameday.state.rawValue) · ".displayWidth
        let available = max(0, width - fixed)
        let name = gameday.name.truncated(to: max(1, available))
        var segments = [Segment(" GAME DAY ", .page), Segment(" "), Segment(name, .heading), Segment(" · "), Segment(gameday.state.rawValue, stateStyle)]
        if detail.displayWidth <= available - name.displayWidth { segments += [Segment(" · "), Segment(detail, .dim)] }
        let line = Line(segments)
        return line.width <= width ? line : Line(line.plainText.truncated(to: max(0, width)), .heading)
    }

    static func rule(_ width: Int) -> Line { Line(String(repeating: "─", count: max(0, width)), .chrome) }

    /// Simulated minutes and seconds: `12:05`.
    static func minutesSeconds(_ seconds: Int) -> String {
        "\(seconds / 60):\(String(seconds % 60).leftPaddedWithZeros(2))"
    }
}
