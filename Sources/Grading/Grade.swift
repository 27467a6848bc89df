import ScenarioFormat
import Simulation

/// One line of a grade: points gained or lost, the part of the response it belongs to, and
/// why, as a typed explanation whose sentence the trainee can act on.
public struct Finding: Codable, Equatable, Sendable {
    public var part: Rubric.Part
    public var points: Int
    public var explanation: Explanation

    /// The sentence shown for it.
    public var reason: String { explanation.text }

    public init(part: Rubric.Part, points: Int, explanation: Explanation) {
        self.part = part
        self.points = points
        self.explanation = explanation
    }

    enum CodingKeys: String, CodingKey { case part, points, reason, explanation }

    // Written with its sentence, for people and tools that read reports, and with the typed
    // explanation, for machines. A finding from before explanations were kept reads back as
    // the sentence it recorded.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(part, forKey: .part)
        try container.encode(points, forKey: .points)
        try container.encode(reason, forKey: .reason)
        try container.encode(explanation, forKey: .explanation)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        part = try container.decode(Rubric.Part.self, forKey: .part)
        points = try container.decode(Int.self, forKey: .points)
        if let explanation = try container.decodeIfPresent(Explanation.self, forKey: .explanation) {
            self.explanation = explanation
        } else {
            explanation = .recorded(try container.decode(String.self, forKey: .reason))
        }
    }
}

/// When the milestones of the response happened, in minutes after the page.
public struct Milestones: Codable, Equatable, Sendable {
    public var acknowledged: Double?
    public var firstUpdate: Double?
    public var surface: Double?
    public var containment: Double?
    public var mitigation: Double?

    enum CodingKeys: String, CodingKey {
        case acknowledged = "time_to_acknowledge_minutes", firstUpdate = "time_to_first_update_minutes"
        case surface = "time_to_surface_minutes", containment = "time_to_containment_minutes", mitigation = "time_to_mitigation_minutes"
    }
}

/// A session's grade: a pure function of scenario, rubric, cost table and journal.
public struct Grade: Codable, Equatable, Sendable {
    public struct Event: Codable, Equatable, Sendable {
        public var minutes: Double
        public var clock: String
        public var kind: String
        public var text: String
    }

    public struct ImpactSummary: Codable, Equatable, Sendable {
        public var badAnswers: Int
        public var failedRequests: Int
        public var usersAffected: Int
        public var dollars: Double
        public var conversationsDropped: Int
        /// What doing nothing until the scenario's limit would have cost, for scale.
        public var doNothingReference: Int
        /// Harm (requests harmed plus whole dollars) from the page until the fix, which the grade scores.
        public var untilFix: Int

        enum CodingKeys: String, CodingKey {
            case badAnswers = "bad_answers", failedRequests = "failed_requests", usersAffected = "users_affected"
            case dollars, conversationsDropped = "conversations_dropped", doNothingReference = "do_nothing_reference", untilFix = "harm_until_fix"
        }
    }

    public var scenario: String
    public var title: String
    public var codename: String
    public var seed: UInt64
    public var mode: SessionSettings.Mode
    public var rubricVersion: String
    public var score: Int
    public var passed: Bool
    /// The critical action that failed the session, if one did.
    public var failedBy: String?
    public var findings: [Finding]
    public var milestones: Milestones
    public var targetMinutes: Double
    public var limitMinutes: Double
    public var surface: String
    public var declared: String?
    /// Impact from the page until containment (or the fix), and the harm until the fix.
    public var impactUntilContainment: ImpactSummary
    public var updates: [Event]
    public var timeline: [Event]
    public var debrief: String
    public var modelledOn: [String]

    enum CodingKeys: String, CodingKey {
        case scenario, title, codename, seed, mode, rubricVersion = "rubric_version", score, passed, failedBy = "failed_by", findings
        case milestones, targetMinutes = "target_minutes", limitMinutes = "limit_minutes", surface, declared
        case impactUntilContainment = "impact_until_containment", updates, timeline, debrief, modelledOn = "modelled_on"
    }

    public var timeToSurfaceMinutes: Double? { milestones.surface }
}
