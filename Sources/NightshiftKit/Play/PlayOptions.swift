import Simulation

/// How a play session is set up from the command line.
public struct PlayOptions: Sendable {
    public var scenario: String
    public var seed: UInt64?
    public var clock: SessionSettings.ClockKind?
    public var mode: SessionSettings.Mode
    public var wallScale: Double?
    public var journal: String?
    public var player: String?
    /// Where to write the reports; by default a folder under the data folder.
    public var out: String?
    /// The game day to play in, and the store it lives in (default `$NIGHTSHIFT_STORE`, else
    /// the data folder's own store).
    public var gameday: String?
    public var store: String?

    public init(scenario: String, seed: UInt64? = nil, clock: SessionSettings.ClockKind? = nil, mode: SessionSettings.Mode = .onboarding,
                wallScale: Double? = nil, journal: String? = nil, player: String? = nil, out: String? = nil, gameday: String? = nil, store: String? = nil) {
        self.scenario = scenario
        self.seed = seed
        self.clock = clock
        self.mode = mode
        self.wallScale = wallScale
        self.journal = journal
        self.player = player
        self.out = out
        self.gameday = gameday
        self.store = store
    }
}
