import Reports

/// A hand-made game day: two scenarios, five players, eight entries (six finished), and one
/// entry from another game day that every renderer must ignore. The expected numbers in the
/// tests are worked out by hand from these values, not by running the code.
enum GamedayFixture {
    static let name = "q3-gameday"
    static let ada = "Ada Lovelace"
    static let bo = "Bo, \"the\" Builder"
    static let cy = "Cy Young"
    static let di = "Di Prima"
    static let ed = "Ed Nygma"
    static let outsider = "Zed Outsider"
    static let players = [ada, bo, cy, di, ed]

    static let gameday = GamedayRecord(name: name, scenarios: ["silent-alias-upgrade", "retrieval-replica-loss"], seed: 9_007_199_254_740_993,
                                       state: .running, createdAt: "2026-11-29T09:55:00Z", stateChangedAt: "2026-11-29T09:55:00Z")

    static let escalateModel = "Did not escalate to the model-platform owner."
    static let restart = "Restarted the gateway: conversations dropped."

    static func entry(_ player: String, _ scenario: String, state: SessionResult.State, started: String, updated: String, finished: String? = nil,
                      score: Int? = nil, passed: Bool? = nil, tts: Int? = nil, evidence: Bool = false, wrong: [String] = [],
                      harmful: [SessionResult.Note] = [], lessons: [SessionResult.Note] = [], sim: Int = 0, declared: String? = nil,
                      seen: Int = 0, commands: Int = 0, gameday: String = name) -> SessionResult {
        let (codename, title, surface) = scenario == "silent-alias-upgrade"
            ? ("Lantern", "Silent alias upgrade", "model") : ("Harbor", "Retrieval replica loss", "retrieval")
        return SessionResult(id: SessionResult.gamedayID(gameday: gameday, player: player, scenario: scenario), gameday: gameday, player: player,
                             scenario: scenario, codename: codename, title: title, surface: surface, seed: 42, mode: .gameday, state: state,
                             startedAt: started, updatedAt: updated, finishedAt: finished, simSeconds: sim, declared: declared, evidenceSeen: seen,
                             commands: commands, score: score, passed: passed, timeToSurfaceSeconds: tts, foundWithEvidence: evidence,
                             mitigated: score.map { $0 >= 70 } ?? false, wrongSurfaces: wrong, harmful: harmful, lessons: lessons)
    }

    static let results: [SessionResult] = [
        // Lantern (surface model): three found it (8, 12, 20 min), one never did, one still playing.
        entry(ada, "silent-alias-upgrade", state: .finished, started: "2026-11-29T10:00:00Z", updated: "2026-11-29T10:23:10Z", finished: "2026-11-29T10:23:10Z",
              score: 90, passed: true, tts: 480, evidence: true, lessons: [.init(part: .escalation, points: -5, reason: escalateModel)], sim: 1800),
        entry(bo, "silent-alias-upgrade", state: .finished, started: "2026-11-29T10:00:05Z", updated: "2026-11-29T10:30:00Z", finished: "2026-11-29T10:30:00Z",
              score: 60, passed: false, tts: 1200, evidence: false, wrong: ["retrieval", "prompt"],
              harmful: [.init(part: .harmfulAction, points: -10, reason: restart)],
              lessons: [.init(part: .escalation, points: -5, reason: escalateModel), .init(part: .evidence, points: -15, reason: "Declared before seeing the decisive evidence."),
                        .init(part: .surface, points: 20, reason: "Found the surface.")]),
        entry(cy, "silent-alias-upgrade", state: .finished, started: "2026-11-29T10:01:00Z", updated: "2026-11-29T10:25:00Z", finished: "2026-11-29T10:25:00Z",
              score: 75, passed: true, tts: 720, evidence: true, wrong: ["retrieval"],
              lessons: [.init(part: .updates, points: -10, reason: "No status update within 15 minutes.")]),
        entry(di, "silent-alias-upgrade", state: .finished, started: "2026-11-29T10:00:30Z", updated: "2026-11-29T10:35:00Z", finished: "2026-11-29T10:35:00Z",
              score: 20, passed: false, tts: nil, wrong: ["retrieval", "retrieval", "gateway"],
              harmful: [.init(part: .harmfulAction, points: -10, reason: restart), .init(part: .harmfulAction, points: -10, reason: "Rolled back a three-day-old deploy.")],
              lessons: [.init(part: .surface, points: -30, reason: "Never named the surface."), .init(part: .escalation, points: -5, reason: "Did not escalate to the on-call owner.")]),
        entry(ed, "silent-alias-upgrade", state: .playing, started: "2026-11-29T10:05:00Z", updated: "2026-11-29T10:38:30Z",
              sim: 400, declared: "retrieval", seen: 3, commands: 12),
        // Harbor (surface retrieval): two found it, both at 15 min; one paused.
        entry(ada, "retrieval-replica-loss", state: .finished, started: "2026-11-29T10:24:00Z", updated: "2026-11-29T10:39:00Z", finished: "2026-11-29T10:39:00Z",
              score: 80, passed: true, tts: 900, evidence: true, wrong: ["model"]),
        entry(cy, "retrieval-replica-loss", state: .finished, started: "2026-11-29T10:26:00Z", updated: "2026-11-29T10:41:00Z", finished: "2026-11-29T10:41:00Z",
              score: 85, passed: true, tts: 900, evidence: false,
              lessons: [.init(part: .escalation, points: -5, reason: "Did not escalate to the retrieval owner.")]),
        entry(bo, "retrieval-replica-loss", state: .paused, started: "2026-11-29T10:31:00Z", updated: "2026-11-29T10:32:00Z", sim: 125, seen: 1, commands: 4),
        // Another game day's entry: ignored by everything that takes the game day.
        entry(outsider, "silent-alias-upgrade", state: .finished, started: "2026-11-29T08:00:00Z", updated: "2026-11-29T08:10:00Z", finished: "2026-11-29T08:10:00Z",
              score: 100, passed: true, tts: 60, evidence: true, wrong: ["cost"], gameday: "other-day"),
    ]

    static var ownResults: [SessionResult] { results.filter { $0.gameday == name } }
}
