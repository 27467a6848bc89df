/// What the team learns from a game day, computed once from the store's entries so the
/// Markdown and HTML renderers only lay it out. Per scenario (in the game day's order) and per
/// surface: who started and finished, how long naming the surface took, how many found it with
/// evidence rather than by a guess, the common wrong turns, the harmful actions and the lessons.
///
/// Definitions, chosen so every number is exact and the same on every machine:
/// - The **median** is the *lower* median: the value at index `(n - 1) / 2` of the values
///   sorted ascending. It is always a value someone actually had (whole seconds, whole points),
///   so nothing is rounded and no half-second appears from averaging two players.
/// - The **90th percentile** is by nearest rank: the value at 1-based rank `⌈0.9 · n⌉`.
/// - Outcome figures (time to surface, evidence, wrong surfaces, harmful actions, lessons,
///   scores) count finished entries only: an unfinished session has no grade yet.
/// - Entries of another game day (or of nobody's game day) are ignored.
/// - Ties in every ranked list are broken by name, ascending.
/// - The debrief carries no player names: it is for the whole team.
public struct TeamDebrief: Equatable, Sendable {
    /// A name with how many players it concerns and how many times it happened in all.
    public struct Tally: Equatable, Sendable {
        public var name: String
        public var players: Int
        public var times: Int
    }

    /// A finding that earned nothing or lost points, grouped by the part of the rubric it belongs to.
    public struct Lesson: Equatable, Sendable {
        public var part: String
        public var players: Int
        /// Penalty points across all players, as a positive number (0 when the part was only missed).
        public var pointsLost: Int
        /// The reason given most often for this part (ties: the alphabetically first).
        public var reason: String
    }

    /// One bar of a histogram: players whose time fell in `[fromMinutes, toMinutes)`.
    public struct Bucket: Equatable, Sendable {
        public var fromMinutes: Int
        public var toMinutes: Int
        public var count: Int
    }

    /// One finished player's time to surface, without the player's name.
    public struct Found: Equatable, Sendable {
        public var seconds: Int
        public var withEvidence: Bool
    }

    /// Times to surface (whole seconds) among the players who found it.
    public struct Distribution: Equatable, Sendable {
        /// Ascending; ties with evidence before guesses.
        public var found: [Found]
        public var minimumSeconds: Int
        public var medianSeconds: Int
        public var p90Seconds: Int
        public var maximumSeconds: Int
        public var buckets: [Bucket]

        public var count: Int { found.count }
        public var minimumMinutes: Double { Double(minimumSeconds) / 60 }
        public var medianMinutes: Double { Double(medianSeconds) / 60 }
        public var p90Minutes: Double { Double(p90Seconds) / 60 }
        public var maximumMinutes: Double { Double(maximumSeconds) / 60 }
        /// The histogram's bucket width in minutes.
        public var bucketMinutes: Int { buckets.first.map { $0.toMinutes - $0.fromMinutes } ?? 1 }
    }

    public struct ScenarioSummary: Equatable, Sendable {
        public var id: String
        /// Empty when nobody started the scenario: only entries carry codename, title and surface.
        public var codename: String
        public var title: String
        public var surface: String
        public var started: Int
        public var finished: Int
        /// Nil when no finished player named the surface.
        public var timeToSurface: Distribution?
        public var foundWithEvidence: Int
        public var guessed: Int
        public var neverFound: Int
        public var wrongSurfaces: [Tally]
        public var harmful: [Tally]
        public var lessons: [Lesson]
        public var meanScore: Double?
        public var medianScore: Int?
        public var passed: Int
        /// Passed among finished, 0…1; nil when nobody finished.
        public var passRate: Double? { finished == 0 ? nil : Double(passed) / Double(finished) }
    }

    public struct SurfaceSummary: Equatable, Sendable {
        public var surface: String
        /// Scenario ids whose truth is this surface, in the game day's order.
        public var scenarios: [String]
        /// Distinct players who finished one of those scenarios.
        public var players: Int
        /// Finished entries (a player counts once per scenario).
        public var finished: Int
        public var found: Int
        public var foundWithEvidence: Int
        public var medianTimeToSurfaceSeconds: Int?
        /// Found with evidence among finished entries, 0…1; nil when nobody finished.
        public var foundWithEvidenceShare: Double? { finished == 0 ? nil : Double(foundWithEvidence) / Double(finished) }
    }

    public var gameday: GamedayRecord
    public var scenarios: [ScenarioSummary]
    /// Ordered by surface name.
    public var surfaces: [SurfaceSummary]
    /// Distinct players with at least one entry.
    public var players: Int
    /// Negative findings across the whole game day, grouped by part.
    public var lessons: [Lesson]

    public init(gameday: GamedayRecord, results: [SessionResult]) {
        self.gameday = gameday
        let entries = results.filter { $0.gameday == gameday.name }
        players = Set(entries.map(\.player)).count

        // The game day's scenarios first, in its order; any other scenario an entry names after, by id.
        var order = gameday.scenarios
        for id in Set(entries.map(\.scenario)).sorted() where !order.contains(id) { order.append(id) }
        var seen = Set<String>()
        order = order.filter { seen.insert($0).inserted }

        scenarios = order.map { id in
            Self.summary(id: id, entries: entries.filter { $0.scenario == id }.sorted { ($0.player, $0.id) < ($1.player, $1.id) })
        }
        let finishedEntries = entries.filter(\.isFinished)
        lessons = Self.lessons(finishedEntries)

        var bySurface: [String: [ScenarioSummary]] = [:]
        for summary in scenarios where !summary.surface.isEmpty { bySurface[summary.surface, default: []].append(summary) }
        surfaces = bySurface.keys.sorted().map { surface in
            let ids = bySurface[surface]!.map(\.id)
            let done = finishedEntries.filter { ids.contains($0.scenario) }
            let times = done.compactMap(\.timeToSurfaceSeconds)
            return SurfaceSummary(surface: surface, scenarios: ids, players: Set(done.map(\.player)).count, finished: done.count,
                                  found: times.count, foundWithEvidence: done.filter { $0.timeToSurfaceSeconds != nil && $0.foundWithEvidence }.count,
                                  medianTimeToSurfaceSeconds: Self.lowerMedian(times))
        }
    }

    static func summary(id: String, entries: [SessionResult]) -> ScenarioSummary {
        let done = entries.filter(\.isFinished)
        let found = done.compactMap { entry in entry.timeToSurfaceSeconds.map { Found(seconds: $0, withEvidence: entry.foundWithEvidence) } }
        let scores = done.compactMap(\.score)
        var wrong: [String: (players: Set<String>, times: Int)] = [:]
        var harmful: [String: (players: Set<String>, times: Int)] = [:]
        for entry in done {
            for surface in entry.wrongSurfaces { wrong[surface, default: ([], 0)].players.insert(entry.player); wrong[surface]!.times += 1 }
            for note in entry.harmful { harmful[note.reason, default: ([], 0)].players.insert(entry.player); harmful[note.reason]!.times += 1 }
        }
        let first = entries.first
        return ScenarioSummary(
            id: id, codename: first?.codename ?? "", title: first?.title ?? "", surface: first?.surface ?? "",
            started: entries.count, finished: done.count, timeToSurface: distribution(found),
            foundWithEvidence: found.filter(\.withEvidence).count, guessed: found.filter { !$0.withEvidence }.count,
            neverFound: done.count - found.count, wrongSurfaces: tallies(wrong), harmful: tallies(harmful), lessons: lessons(done),
            meanScore: scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count), medianScore: lowerMedian(scores),
            passed: done.filter { $0.passed == true }.count)
    }

    /// Most players first, then most occurrences, then name.
    static func tallies(_ counts: [String: (players: Set<String>, times: Int)]) -> [Tally] {
        counts.map { Tally(name: $0.key, players: $0.value.players.count, times: $0.value.times) }
            .sorted { ($1.players, $1.times, $0.name) < ($0.players, $0.times, $1.name) }
    }

    /// Findings that earned nothing or cost points, by part: most players first (how
    /// widespread), then most penalty points, then part. A zero is a miss worth revisiting
    /// (no update posted, never mitigated): the grade gives nothing rather than a penalty.
    static func lessons(_ entries: [SessionResult]) -> [Lesson] {
        var players: [String: Set<String>] = [:]
        var lost: [String: Int] = [:]
        var reasons: [String: [String: Int]] = [:]
        for entry in entries {
            for note in entry.lessons where note.points <= 0 {
                players[note.part.rawValue, default: []].insert(entry.player)
                lost[note.part.rawValue, default: 0] -= note.points
                reasons[note.part.rawValue, default: [:]][note.reason, default: 0] += 1
            }
        }
        return players.keys.map { part in
            let reason = reasons[part]!.min { ($1.value, $0.key) < ($0.value, $1.key) }!.key
            return Lesson(part: part, players: players[part]!.count, pointsLost: lost[part]!, reason: reason)
        }.sorted { ($1.players, $1.pointsLost, $0.part) < ($0.players, $0.pointsLost, $1.part) }
    }

    static func distribution(_ found: [Found]) -> Distribution? {
        let sorted = found.sorted { ($0.seconds, $0.withEvidence ? 0 : 1) < ($1.seconds, $1.withEvidence ? 0 : 1) }
        let seconds = sorted.map(\.seconds)
        guard let low = seconds.first, let high = seconds.last, let median = lowerMedian(seconds), let p90 = percentile(seconds, 90) else { return nil }
        return Distribution(found: sorted, minimumSeconds: low, medianSeconds: median, p90Seconds: p90, maximumSeconds: high,
                            buckets: buckets(seconds))
    }

    /// The value at index `(n - 1) / 2` of the sorted values; nil for none.
    public static func lowerMedian(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        return values.sorted()[(values.count - 1) / 2]
    }

    /// Nearest rank: the value at 1-based rank `⌈p/100 · n⌉` of the sorted values; nil for none.
    public static func percentile(_ values: [Int], _ p: Int) -> Int? {
        guard !values.isEmpty else { return nil }
        let rank = (p * values.count + 99) / 100
        return values.sorted()[min(values.count, max(1, rank)) - 1]
    }

    /// Bucket widths a reader takes in at a glance; the narrowest that keeps the histogram to ten bars or fewer.
    static let bucketWidths = [1, 2, 5, 10, 15, 30, 60, 120, 240]

    /// Buckets from zero to the slowest time, empty ones included so the shape reads true.
    static func buckets(_ seconds: [Int]) -> [Bucket] {
        guard let maximum = seconds.max() else { return [] }
        let width = bucketWidths.first { maximum / ($0 * 60) + 1 <= 10 } ?? (maximum / 600 / 60 + 1) * 60
        let count = maximum / (width * 60) + 1
        var counts = Array(repeating: 0, count: count)
        for value in seconds { counts[max(0, value) / (width * 60)] += 1 }
        return counts.enumerated().map { Bucket(fromMinutes: $0.offset * width, toMinutes: ($0.offset + 1) * width, count: $0.element) }
    }
}
