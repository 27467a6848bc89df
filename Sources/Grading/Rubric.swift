import ScenarioFormat
import Simulation

/// How a mode weighs a session: points for each part of good incident response, penalties,
/// and the curves that turn times into points. Scenarios hold their own expectations
/// (targets, evidence, owners); rubrics hold only weights, so one rubric grades every scenario.
public struct Rubric: Sendable, Equatable {
    public static let format = "rubric/1"

    /// A penalty per occurrence, with a cap.
    public struct Penalty: Sendable, Equatable {
        public var each: Int
        public var max: Int
    }

    public var mode: SessionSettings.Mode
    public var version: String
    public var pass: Int
    /// Certification: the least a single scenario may score for the run to pass.
    public var minimumPerScenario: Int
    public var weights: [Part: Int]
    public var wrongDeclaration: Penalty
    public var harmfulAction: Penalty
    public var wastedAction: Penalty
    public var prematureResolve: Penalty
    public var hint: Penalty
    public var criticalAction: Penalty
    public var criticalFails: Bool
    /// Paging this many different teams or more costs `pagingEveryonePoints`.
    public var pagingEveryoneTeams: Int
    public var pagingEveryonePoints: Int
    /// Share of the evidence points for having seen the decisive item, and for citing it.
    public var evidenceSeen: Int
    public var evidenceCited: Int
    /// Added to the scenario's target and limit for the fix, which comes after the diagnosis.
    public var mitigationGrace: SimDuration
    public var firstUpdate: SimDuration
    public var updateCadence: SimDuration
    /// Share of the escalation points when the owner asked for more before acting.
    public var escalationAsked: Int
    /// Shares of the postmortem points.
    public var postmortemFacts: Int
    public var postmortemSurfaces: Int
    public var postmortemDetection: Int
    public var postmortemPrevention: Int

    /// Every part a finding can belong to, spelled once: the eight that earn points (in the
    /// order a report lists them, `weighted`), the penalties, and the lines that explain the
    /// score without moving it.
    public enum Part: String, Codable, Sendable, CaseIterable {
        case surface, evidence, containment, mitigation, escalation, updates, postmortem, impact
        case wrongDeclaration = "wrong declaration", pagingEveryone = "paging everyone", harmfulAction = "harmful action"
        case criticalAction = "critical action", wastedAction = "wasted action", hint, prematureResolve = "premature resolve"
        case floor, handover, notAttempted = "not attempted"

        /// The parts a rubric gives weights to.
        public static let weighted: [Part] = [.surface, .evidence, .containment, .mitigation, .escalation, .updates, .postmortem, .impact]
    }

    public static let schema = ObjectSchema("rubric", doc: "A grading rubric, one per mode (`Grading/MODE.yaml`).", [
        FieldSchema("nightshift", .enumeration([format]), required: true, "The format version: `\(format)`."),
        FieldSchema("mode", .enumeration(SessionSettings.Mode.allCases.map(\.rawValue)), required: true, "The mode it grades."),
        FieldSchema("version", .string, required: true, "Rubric version; recorded in journals and certificates."),
        FieldSchema("pass", .integer, required: true, "Score (0–100) needed to pass."),
        FieldSchema("minimum_per_scenario", .integer, "Certification: every scenario must score at least this."),
        FieldSchema("weights", .object("rubric-weights"), required: true, "Points for each part; they add up to 100."),
        FieldSchema("penalties", .object("rubric-penalties"), required: true, "Points taken off."),
        FieldSchema("curves", .object("rubric-curves"), required: true, "How times and shares become points."),
    ])

    static let weightsSchema = ObjectSchema("rubric-weights", doc: "Points for each part of the response.", Part.weighted.map {
        FieldSchema($0.rawValue, .integer, required: true, Self.partDoc($0))
    })

    static func partDoc(_ part: Part) -> String {
        switch part {
        case .surface: return "Naming the right surface: full at or before the scenario's target, none at its limit."
        case .evidence: return "Having seen (and cited) the decisive evidence before declaring."
        case .containment: return "Stopping the bleeding: containment or the fix, whichever came first, timed like the surface."
        case .mitigation: return "Removing the cause, timed against the scenario's target and limit plus the grace."
        case .escalation: return "Paging the team that owns the cause, with the surface or the evidence."
        case .updates: return "A first status update in time, then updates on a cadence."
        case .postmortem: return "The six facts, the surfaces, detection and prevention."
        case .impact: return "Impact until containment, against doing nothing until the scenario's limit."
        default: return ""
        }
    }

    static let penaltySchema = ObjectSchema("rubric-penalty", doc: "A penalty per occurrence, capped.", [
        FieldSchema("each", .integer, required: true, "Points per occurrence."),
        FieldSchema("max", .integer, required: true, "The most this penalty can take."),
    ])

    static let penaltiesSchema = ObjectSchema("rubric-penalties", doc: "Points taken off.", [
        FieldSchema("wrong_declaration", .object("rubric-penalty"), required: true, "Each wrong surface declared before the right one."),
        FieldSchema("harmful_action", .object("rubric-penalty"), required: true, "Each action the scenario models as harmful."),
        FieldSchema("wasted_action", .object("rubric-penalty"), required: true, "Each action that neither helped nor harmed."),
        FieldSchema("premature_resolve", .object("rubric-penalty"), required: true, "Each resolve that reopened."),
        FieldSchema("hint", .object("rubric-penalty"), required: true, "Each hint used."),
        FieldSchema("critical_action", .object("rubric-penalty"), required: true, "Each critical action (see `critical_fails`)."),
        FieldSchema("critical_fails", .boolean, required: true, "Whether a critical action fails the session outright."),
        FieldSchema("paging_everyone", .object("rubric-paging"), required: true, "Paging many teams at once."),
    ])

    static let pagingSchema = ObjectSchema("rubric-paging", doc: "Paging many teams.", [
        FieldSchema("teams", .integer, required: true, "Paging this many different teams or more…"),
        FieldSchema("points", .integer, required: true, "…costs this many points."),
    ])

    static let curvesSchema = ObjectSchema("rubric-curves", doc: "How times and shares become points.", [
        FieldSchema("evidence_seen", .percent, required: true, "Share of the evidence points for seeing a decisive item before declaring."),
        FieldSchema("evidence_cited", .percent, required: true, "Share for also citing it with `--evidence`."),
        FieldSchema("mitigation_grace", .duration, required: true, "Added to the scenario's target and limit for the fix."),
        FieldSchema("first_update", .duration, required: true, "The first status update is due by this time after the page."),
        FieldSchema("update_cadence", .duration, required: true, "Then one at least this often while the incident is open."),
        FieldSchema("escalation_asked", .percent, required: true, "Share of the escalation points when the owner had to ask what you saw."),
        FieldSchema("postmortem_facts", .percent, required: true, "Share of the postmortem points for the six facts."),
        FieldSchema("postmortem_surfaces", .percent, required: true, "Share for the primary and contributing surfaces."),
        FieldSchema("postmortem_detection", .percent, required: true, "Share for how it should have been detected."),
        FieldSchema("postmortem_prevention", .percent, required: true, "Share for the prevention."),
    ])

    public static var definitions: [ObjectSchema] { [schema, weightsSchema, penaltySchema, penaltiesSchema, pagingSchema, curvesSchema] }

    public func weight(_ part: Part) -> Int { weights[part] ?? 0 }
}
