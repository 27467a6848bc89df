import Grading
import Simulation

/// One session as the results store keeps it: a trainee's history entry, or one player's
/// entry on one scenario of a game day. While the session runs it carries live progress
/// (for the facilitator's watch); once finished, the outcome the board and the team
/// debrief read. Every field is plain data so both store engines hold it the same way.
public struct SessionResult: Codable, Equatable, Sendable {
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Being played (or crashed and not yet resumed).
        case playing
        /// Held by the facilitator's pause.
        case paused
        /// Graded.
        case finished
    }

    /// A finding kept for the debrief: how many points it moved and why.
    public struct Note: Codable, Equatable, Sendable {
        public var part: Rubric.Part
        public var points: Int
        public var reason: String

        public init(part: Rubric.Part, points: Int, reason: String) {
            self.part = part
            self.points = points
            self.reason = reason
        }

        public init(_ finding: Finding) { self.init(part: finding.part, points: finding.points, reason: finding.reason) }
    }

    /// The store's key: `gameday/NAME/PLAYER/SCENARIO` for a game-day entry (so a resumed
    /// player lands in the same entry), `history/JOURNAL-NAME` for a session of one's own.
    public var id: String
    public var gameday: String?
    public var player: String
    public var scenario: String
    /// The neutral name players see before the debrief.
    public var codename: String
    public var title: String
    /// The scenario's true primary surface.
    public var surface: String
    public var seed: UInt64
    public var mode: SessionSettings.Mode
    public var state: State
    /// Wall times, ISO 8601 in UTC.
    public var startedAt: String
    public var updatedAt: String
    public var finishedAt: String?

    // Live progress.
    /// Simulated seconds since the page.
    public var simSeconds: Int
    /// The standing declaration, if any.
    public var declared: String?
    /// How many distinct evidence items have been on screen.
    public var evidenceSeen: Int
    public var commands: Int

    // The outcome, once finished.
    public var score: Int?
    public var passed: Bool?
    /// Simulated seconds from the page to the first correct declaration never retracted.
    public var timeToSurfaceSeconds: Int?
    /// The surface was found with its decisive evidence on screen (or cited), not guessed.
    public var foundWithEvidence: Bool
    public var mitigated: Bool
    /// Surfaces declared that were not the truth, in order (repeats kept).
    public var wrongSurfaces: [String]
    /// Harmful and critical actions, with the grade's sentence for each.
    public var harmful: [Note]
    /// Findings that earned nothing or lost points: what to revisit.
    public var lessons: [Note]
    /// The grade as `report.json` has it, for `nightshift results show`.
    public var gradeJSON: String?
    /// The journal's exact bytes, so the store alone can regrade or replay.
    public var journal: String?

    public init(id: String, gameday: String? = nil, player: String, scenario: String, codename: String, title: String, surface: String,
                seed: UInt64, mode: SessionSettings.Mode, state: State = .playing, startedAt: String, updatedAt: String, finishedAt: String? = nil,
                simSeconds: Int = 0, declared: String? = nil, evidenceSeen: Int = 0, commands: Int = 0, score: Int? = nil, passed: Bool? = nil,
                timeToSurfaceSeconds: Int? = nil, foundWithEvidence: Bool = false, mitigated: Bool = false, wrongSurfaces: [String] = [],
                harmful: [Note] = [], lessons: [Note] = [], gradeJSON: String? = nil, journal: String? = nil) {
        self.id = id
        self.gameday = gameday
        self.player = player
        self.scenario = scenario
        self.codename = codename
        self.title = title
        self.surface = surface
        self.seed = seed
        self.mode = mode
        self.state = state
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
        self.simSeconds = simSeconds
        self.declared = declared
        self.evidenceSeen = evidenceSeen
        self.commands = commands
        self.score = score
        self.passed = passed
        self.timeToSurfaceSeconds = timeToSurfaceSeconds
        self.foundWithEvidence = foundWithEvidence
        self.mitigated = mitigated
        self.wrongSurfaces = wrongSurfaces
        self.harmful = harmful
        self.lessons = lessons
        self.gradeJSON = gradeJSON
        self.journal = journal
    }

    public var isFinished: Bool { state == .finished }

    /// The key of a game-day entry.
    public static func gamedayID(gameday: String, player: String, scenario: String) -> String {
        "gameday/\(gameday)/\(player)/\(scenario)"
    }
}

/// A game day as the store keeps it.
public struct GamedayRecord: Codable, Equatable, Sendable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case running, paused, ended
    }

    public var name: String
    /// Scenario ids, in the order players meet them.
    public var scenarios: [String]
    public var seed: UInt64
    public var state: State
    public var createdAt: String
    /// When the state last changed (a pause's start, for instance).
    public var stateChangedAt: String

    public init(name: String, scenarios: [String], seed: UInt64, state: State = .running, createdAt: String, stateChangedAt: String) {
        self.name = name
        self.scenarios = scenarios
        self.seed = seed
        self.state = state
        self.createdAt = createdAt
        self.stateChangedAt = stateChangedAt
    }
}
