import ScenarioFormat
import Simulation

/// Reads rubric files with the same located diagnostics as scenarios.
public enum RubricLoader {
    public static func load(file: String, text: String) -> (Rubric?, [Diagnostic]) {
        let root: YAMLNode
        switch YAMLParser.parse(text) {
        case .success(let node): root = node
        case .failure(let problem): return (nil, [Diagnostic(.error, file: file, at: problem.location, problem.problem)])
        }
        let decoder = NodeDecoder(file: file)
        guard let f = decoder.fields(root, Rubric.schema) else { return (nil, decoder.diagnostics) }
        if let format: String = f.value("nightshift"), format != Rubric.format {
            decoder.error(.unsupportedFormat(found: format, expected: Rubric.format), at: f.location(of: "nightshift"))
            return (nil, decoder.diagnostics)
        }
        let modeName: String = f.value("mode") ?? ""
        let mode = SessionSettings.Mode(rawValue: modeName)
        if !modeName.isEmpty, mode == nil {
            decoder.error(.invalidValue(modeName, expected: "`onboarding`, `gameday` or `certification`"), at: f.location(of: "mode"))
        }
        var weights: [Rubric.Part: Int] = [:]
        if let node = f.node("weights"), let w = decoder.fields(node, Rubric.weightsSchema) {
            for part in Rubric.Part.weighted {
                guard let value: Int = w.value(part.rawValue) else { continue }
                // Points are on a 100-point scale; a bound also keeps the sums below from overflowing.
                guard (0...100).contains(value) else {
                    decoder.error(.outOfRange(String(value), expected: "0 to 100 points"), at: w.location(of: part.rawValue))
                    continue
                }
                weights[part] = value
            }
            let total = weights.values.reduce(0, +)
            if weights.count == Rubric.Part.weighted.count, total != 100 {
                decoder.error(.inconsistent("the weights add up to \(total); they must add up to 100"), at: w.location)
            }
        }
        func penalty(_ p: Fields?, _ key: String) -> Rubric.Penalty {
            guard let p, let node = p.node(key), let fields = decoder.fields(node, Rubric.penaltySchema) else { return Rubric.Penalty(each: 0, max: 0) }
            let each: Int = fields.value("each") ?? 0, max: Int = fields.value("max") ?? 0
            if !(0...100).contains(each) || !(0...100).contains(max) {
                decoder.error(.outOfRange("\(each)/\(max)", expected: "penalties of 0 to 100 points"), at: fields.location)
            }
            if max < each { decoder.error(.inconsistent("`max` (\(max)) is smaller than `each` (\(each))"), at: fields.location(of: "max")) }
            return Rubric.Penalty(each: each, max: max)
        }
        let p = f.node("penalties").flatMap { decoder.fields($0, Rubric.penaltiesSchema) }
        var teams = 0, points = 0
        if let node = p?.node("paging_everyone"), let paging = decoder.fields(node, Rubric.pagingSchema) {
            teams = paging.value("teams") ?? 0
            points = paging.value("points") ?? 0
            // The grader works in hundredths of a point: an unbounded number would overflow there.
            if teams < 0 { decoder.error(.outOfRange(String(teams), expected: "0 or more teams"), at: paging.location(of: "teams")) }
            if !(0...100).contains(points) { decoder.error(.outOfRange(String(points), expected: "0 to 100 points"), at: paging.location(of: "points")) }
        }
        let c = f.node("curves").flatMap { decoder.fields($0, Rubric.curvesSchema) }
        func percent(_ key: String) -> Int { Int((c?.value(key, as: Percent.self)?.value ?? 0).rounded()) }
        let shares = ["postmortem_facts", "postmortem_surfaces", "postmortem_detection", "postmortem_prevention"].map(percent)
        if let c, shares.reduce(0, +) != 100, decoder.errorCount == 0 {
            decoder.error(.inconsistent("the postmortem shares add up to \(shares.reduce(0, +))%; they must add up to 100%"), at: c.location)
        }
        let pass: Int = f.value("pass") ?? 0
        if !(0...100).contains(pass) { decoder.error(.outOfRange(String(pass), expected: "a pass mark from 0 to 100"), at: f.location(of: "pass")) }
        // Read everything before deciding: each reading reports its own problems.
        let penalties = ["wrong_declaration", "harmful_action", "wasted_action", "premature_resolve", "hint", "critical_action"].map { penalty(p, $0) }
        let criticalFails: Bool = p?.value("critical_fails") ?? false
        let seen = percent("evidence_seen"), cited = percent("evidence_cited"), asked = percent("escalation_asked")
        let grace: SimDuration = c?.value("mitigation_grace") ?? .zero
        let firstUpdate: SimDuration = c?.value("first_update") ?? .minutes(15)
        let cadence: SimDuration = c?.value("update_cadence") ?? .minutes(30)
        let version: String = f.value("version") ?? "", minimum: Int = f.value("minimum_per_scenario") ?? 0
        if !(0...100).contains(minimum) {
            decoder.error(.outOfRange(String(minimum), expected: "a minimum from 0 to 100"), at: f.location(of: "minimum_per_scenario"))
        }
        guard decoder.errorCount == 0, let mode else { return (nil, decoder.diagnostics) }
        let rubric = Rubric(
            mode: mode, version: version, pass: pass, minimumPerScenario: minimum,
            weights: weights, wrongDeclaration: penalties[0], harmfulAction: penalties[1], wastedAction: penalties[2], prematureResolve: penalties[3],
            hint: penalties[4], criticalAction: penalties[5], criticalFails: criticalFails,
            pagingEveryoneTeams: teams, pagingEveryonePoints: points, evidenceSeen: seen, evidenceCited: cited,
            mitigationGrace: grace, firstUpdate: firstUpdate, updateCadence: cadence, escalationAsked: asked,
            postmortemFacts: shares[0], postmortemSurfaces: shares[1], postmortemDetection: shares[2], postmortemPrevention: shares[3])
        return (rubric, decoder.diagnostics)
    }
}
