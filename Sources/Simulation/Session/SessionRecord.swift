import ScenarioFormat

/// How the session is played: its mode and clock.
public struct SessionSettings: Sendable, Equatable {
    public enum Mode: String, Codable, Sendable, CaseIterable { case onboarding, gameday, certification }
    public enum ClockKind: String, Codable, Sendable, CaseIterable { case sim, wall }

    public var mode: Mode
    public var clock: ClockKind
    /// Simulated seconds per wall second between prompts (0: think as long as you like).
    public var wallScale: Double

    public init(mode: Mode, clock: ClockKind, wallScale: Double? = nil) {
        self.mode = mode
        self.clock = clock
        self.wallScale = clock == .sim ? 0 : (wallScale ?? (mode == .onboarding ? 0 : 1))
    }

    public var allowsTeaching: Bool { mode != .certification }

    /// The `wall_scale` values a session runs at: 0 (only commands move the clock) to 3600 (a
    /// simulated hour per wall second, for demonstrations and tests that need events soon).
    /// A journal that says otherwise was not written by a session.
    public static let wallScales: ClosedRange<Double> = 0...3600

    /// The simulated time `wallMilliseconds` of wall time stand for, at most `limit`: the one
    /// place wall time becomes simulated time. It saturates, so no number a journal holds can
    /// overflow it, and rounds as it always has, so journals replay to the same milliseconds.
    public func simulated(wallMilliseconds: Int64, atMost limit: SimDuration) -> SimDuration {
        let scaled = (Double(wallMilliseconds) * wallScale).rounded()
        guard scaled > 0 else { return .zero }   // also NaN
        guard scaled < Double(limit.milliseconds) else { return max(.zero, limit) }
        return SimDuration(milliseconds: Int64(scaled))
    }
}

/// Everything the trainee did, in the order and at the simulated times they did it.
/// The grader reads this (after replaying the journal), never the wall clock.
public struct SessionRecord: Sendable, Equatable {
    public struct Command: Sendable, Equatable {
        public var at: SimDuration
        public var text: String
        public var name: String
        public var cost: SimDuration
        public var accepted: Bool
    }

    public struct Declaration: Sendable, Equatable {
        public var at: SimDuration
        public var surface: String
        /// What was cited, as recorded (normalised: `trace:…` for a trace), if anything.
        public var cited: String?
        /// The item the citation names, when it names one a screen can show.
        public var evidence: EvidenceID?
        /// Evidence ids the cited item stands for (a trace carries its attributes).
        public var evidenceCovers: [EvidenceID]
    }

    public struct Action: Sendable, Equatable {
        public var at: SimDuration
        public var action: WorldAction
        public var changed: Bool
    }

    public struct Escalation: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable {
            /// Owns the cause and was told enough: it acts at this time.
            case acts(at: SimDuration)
            /// Owns the cause but was not told the surface or evidence.
            case asks
            /// Not theirs.
            case bounces
        }

        public var at: SimDuration
        public var team: String
        public var message: String
        public var acknowledged: SimDuration
        public var outcome: Outcome
    }

    public struct Update: Sendable, Equatable {
        public var at: SimDuration
        public var text: String
    }

    public struct Consequence: Sendable, Equatable {
        public var at: SimDuration
        public var action: WorldAction
        public var conversations: Int
        public var dollars: Double
    }

    public var commands: [Command] = []
    public var declarations: [Declaration] = []
    public var actions: [Action] = []
    public var escalations: [Escalation] = []
    public var updates: [Update] = []
    public var resolves: [SimDuration] = []
    public var reopened: [SimDuration] = []
    public var hints: [SimDuration] = []
    public var consequences: [Consequence] = []
    /// Evidence id → when it was first on screen.
    public var evidenceSeen: [EvidenceID: SimDuration] = [:]
    /// Trace ids shown, first appearance order.
    public var shownTraces: [String] = []
    public var delivered: Set<String> = []
    public var injects: [(at: SimDuration, from: String, text: String)] = []
    public var postmortem: [String: String]?

    public static func == (a: SessionRecord, b: SessionRecord) -> Bool {
        a.commands == b.commands && a.declarations == b.declarations && a.actions == b.actions && a.escalations == b.escalations
            && a.updates == b.updates && a.resolves == b.resolves && a.reopened == b.reopened && a.hints == b.hints
            && a.consequences == b.consequences && a.evidenceSeen == b.evidenceSeen && a.shownTraces == b.shownTraces
            && a.delivered == b.delivered && a.postmortem == b.postmortem
            && a.injects.map(\.at) == b.injects.map(\.at) && a.injects.map(\.text) == b.injects.map(\.text)
    }

    /// The declaration standing now (the last one).
    public var currentDeclaration: Declaration? { declarations.last }
}

/// What the next line answers, when the session asked a question.
public enum PendingQuestion: Sendable, Equatable {
    case confirmQuit
    /// The postmortem form: the field being asked and the answers so far.
    case postmortem(field: Int, answers: [String: String])
}

/// Why a session ended.
public enum SessionEnd: String, Sendable, Equatable {
    case quit
    case gaveUp = "gave-up"
    /// The shift ran out (`Session.shift` after the page) with the session still open.
    case handedOver = "handed-over"
}

/// One input to the session: a line (command or answer), time passing, or an inject.
public struct SessionInput: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case line(String)
        /// Time passed with nothing typed (a wall clock tick that delivered notifications).
        case tick
        case inject(from: String, text: String)
        /// End of input: the trainee gave up (piped input ran out).
        case endOfInput
    }

    public var kind: Kind
    /// Wall milliseconds since the previous input (scaled by `wallScale` into simulated time).
    public var wallDelta: Int64
    /// Terminal columns to fit the screen to.
    public var width: Int

    public init(_ kind: Kind, wallDelta: Int64 = 0, width: Int = 100) {
        self.kind = kind
        self.wallDelta = max(0, wallDelta)
        self.width = max(40, min(400, width))
    }
}
