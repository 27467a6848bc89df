import Simulation

/// The facilitator's live view (`watch`): one row per player, with names (the facilitator sees
/// them), what they are playing, their simulated clock, standing declaration, evidence seen,
/// commands typed, how long since their entry last moved, and their state. Idle time is the
/// one number here that asks for a human: someone stuck, or someone whose terminal died.
public enum FacilitatorView {
    public struct Row: Equatable, Sendable {
        public var player: String
        /// The scenario in hand: the one being played or paused, else the one last touched.
        public var codename: String
        /// `+MM:SS` of simulated time since the page.
        public var clock: String
        /// The standing declaration, or `—`.
        public var declared: String
        public var evidenceSeen: Int
        public var commands: Int
        /// Wall seconds since the entry last changed; nil once the player is done, or when a time does not read.
        public var idleSeconds: Int?
        /// `playing`, `paused`, `done`, or `between` (finished one, not yet started the next).
        public var state: String
    }

    /// Idle this long while playing is worth a look.
    public static let idleWarningSeconds = 300

    /// Players in join order (as the board numbers them), so the facilitator can match "player 3".
    /// `now` is an ISO 8601 wall time.
    public static func rows(_ gameday: GamedayRecord, results: [SessionResult], now: String) -> [Row] {
        let entries = results.filter { $0.gameday == gameday.name }
        let total = gameday.scenarios.isEmpty ? Set(entries.map(\.scenario)).count : gameday.scenarios.count
        let nowMillis = WallTime.milliseconds(now)
        return Leaderboard.joinOrder(entries).map { name in
            let mine = entries.filter { $0.player == name }
            // Updates within one second tie: the later scenario in the game day's order is the later one.
            let order = { (entry: SessionResult) in gameday.scenarios.firstIndex(of: entry.scenario) ?? -1 }
            let latest = { (list: [SessionResult]) in list.max { ($0.updatedAt, order($0)) < ($1.updatedAt, order($1)) } }
            let current = latest(mine.filter { $0.state != .finished }) ?? latest(mine)!
            let finished = mine.filter(\.isFinished).count
            let state: String
            switch current.state {
            case .playing: state = "playing"
            case .paused: state = "paused"
            case .finished: state = finished >= total ? "done" : "between"
            }
            var idle: Int?
            if state != "done", let nowMillis, let updated = WallTime.milliseconds(current.updatedAt) {
                idle = Int(max(0, nowMillis - updated) / 1000)
            }
            return Row(player: name, codename: current.codename, clock: clock(current.simSeconds), declared: current.declared ?? "—",
                       evidenceSeen: current.evidenceSeen, commands: current.commands, idleSeconds: idle, state: state)
        }
    }

    public static func lines(_ gameday: GamedayRecord, results: [SessionResult], now: String, width: Int) -> [Line] {
        var detail = "now \(WallTime.clock(now))"
        if gameday.state != .running, let since = WallTime.seconds(from: gameday.stateChangedAt, to: now) {
            detail = "for \(WallTime.span(seconds: since)) · " + detail
        }
        let lines = [Leaderboard.header(gameday, detail: detail, width: width), Leaderboard.rule(width)]
        let rows = Self.rows(gameday, results: results, now: now)
        guard !rows.isEmpty else { return lines + [Line(" No player has joined yet.".truncated(to: width), .dim)] }
        var table = BoardTable([
            .init(title: "player", priority: 10, flexible: true, minimum: 6),
            .init(title: "scenario", priority: 8, flexible: true, minimum: 6),
            .init(title: "clock", alignRight: true, priority: 7),
            .init(title: "declared", priority: 8, flexible: true, minimum: 5),
            .init(title: "evidence", alignRight: true, priority: 6),
            .init(title: "cmds", alignRight: true, priority: 4),
            .init(title: "idle", alignRight: true, priority: 9),
            .init(title: "state", priority: 5, flexible: true, minimum: 7),
        ])
        for row in rows {
            let idleStyle: Style = row.state == "playing" && (row.idleSeconds ?? 0) >= idleWarningSeconds ? .warning : .plain
            let stateStyle: Style = row.state == "playing" ? .accent : (row.state == "paused" ? .warning : (row.state == "done" ? .good : .dim))
            table.add([
                Segment(row.player, .bold), Segment(row.codename), Segment(row.clock, .dim), Segment(row.declared, row.declared == "—" ? .dim : .plain),
                Segment("\(row.evidenceSeen)"), Segment("\(row.commands)"), Segment(row.idleSeconds.map { WallTime.span(seconds: Int64($0)) } ?? "—", idleStyle),
                Segment(row.state, stateStyle),
            ])
        }
        return lines + table.render(width: width)
    }

    public static func screen(_ gameday: GamedayRecord, results: [SessionResult], now: String, width: Int) -> Screen {
        Screen(lines: lines(gameday, results: results, now: now, width: width))
    }

    /// `+MM:SS` of simulated time; minutes grow past 99 rather than wrap.
    static func clock(_ seconds: Int) -> String {
        let s = max(0, seconds)
        return "+\(String(s / 60).leftPaddedWithZeros(2)):\(String(s % 60).leftPaddedWithZeros(2))"
    }
}
