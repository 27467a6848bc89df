import ScenarioFormat

/// Runs a journal's inputs through a fresh session: the same screens, in the same order.
public struct Replay: Sendable {
    public var session: Session
    public var opening: Screen
    public var screens: [(entry: JournalEntry, screen: Screen)]
    /// Entries whose recorded simulated time differs from the replay's (a different engine or cost table).
    public var divergences: [(seq: Int, recorded: Int64, replayed: Int64)]

    /// Replays `entries`; `step` sees the session as it was before each entry, and the screen it produced.
    /// Without `drawingScreens`, only what grading reads is computed (see `Session.drawsScreens`).
    public static func run(scenario: Scenario, pack: Pack, costs: CostTable, header: JournalHeader, entries: [JournalEntry], drawingScreens: Bool = true,
                           step: (_ before: Session, _ entry: JournalEntry, _ screen: Screen) -> Void = { _, _, _ in }) -> Replay? {
        guard let settings = header.settings else { return nil }
        var session = Session(scenario: scenario, pack: pack, costs: costs, settings: settings)
        session.drawsScreens = drawingScreens
        let opening: Screen
        // Grading needs none of the opening screen; each input brings its own width.
        opening = drawingScreens ? session.opening(width: header.width) : Screen(lines: [])
        var screens: [(JournalEntry, Screen)] = []
        var divergences: [(Int, Int64, Int64)] = []
        for entry in entries {
            guard let input = entry.input else { continue }
            let previous = session
            // The entry records when its input was applied: the time before it, plus scaled wall time.
            let applied = session.arrival(of: input).milliseconds
            let screen = session.apply(input)
            step(previous, entry, screen)
            if applied != entry.atMs { divergences.append((entry.seq, entry.atMs, applied)) }
            screens.append((entry, screen))
            if session.ended != nil { break }
        }
        session.drawsScreens = true
        return Replay(session: session, opening: opening, screens: screens, divergences: divergences)
    }
}
