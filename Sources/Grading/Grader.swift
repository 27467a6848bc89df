import ScenarioFormat
import Simulation

/// Turns a journal into a grade. A pure function of scenario, pack, cost table, rubric and
/// journal: it replays the journal through a fresh session and reads the record that
/// produces, never the wall clock. Points are worked out in hundredths, in integers.
public enum Grader {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case modeUnknown(String)

        public var description: String {
            switch self {
            case .modeUnknown(let mode): return "the journal's mode or clock (`\(mode)`) is not one this engine knows"
            }
        }
    }

    public static func grade(scenario: Scenario, pack: Pack, costs: CostTable, rubric: Rubric,
                             header: JournalHeader, entries: [JournalEntry], memo: GradingMemo? = nil) throws -> Grade {
        try gradeWithSession(scenario: scenario, pack: pack, costs: costs, rubric: rubric, header: header, entries: entries, memo: memo).grade
    }

    /// The grade and the replayed session it was read from (reports draw its metrics).
    public static func gradeWithSession(scenario: Scenario, pack: Pack, costs: CostTable, rubric: Rubric,
                                        header: JournalHeader, entries: [JournalEntry], memo: GradingMemo? = nil) throws -> (grade: Grade, session: Session) {
        guard let replay = Replay.run(scenario: scenario, pack: pack, costs: costs, header: header, entries: entries, drawingScreens: false) else {
            throw Failure.modeUnknown(header.mode)
        }
        return (grade(session: replay.session, rubric: rubric, entries: entries, memo: memo), replay.session)
    }

    /// Whole points for each part that add up to `total`: each part rounded, then the few
    /// points rounding gained or lost given back where the rounding moved them most.
    static func apportion(_ hundredths: [Int], to total: Int) -> [Int] {
        var points = hundredths.map { ($0 + ($0 >= 0 ? 50 : -50)) / 100 }
        var difference = total - points.reduce(0, +)
        // How far each part's rounding moved it, in hundredths (positive: rounded down).
        let order = hundredths.indices.sorted { hundredths[$0] - points[$0] * 100 > hundredths[$1] - points[$1] * 100 }
        var index = 0
        while difference != 0, !order.isEmpty {
            let part = difference > 0 ? order[index % order.count] : order[order.count - 1 - index % order.count]
            points[part] += difference > 0 ? 1 : -1
            difference += difference > 0 ? -1 : 1
            index += 1
        }
        return points
    }

    /// Grades a session already played to where it stands.
    /// `memo` carries variant-only results between grades of the same variant (see `GradingMemo`).
    public static func grade(session: Session, rubric: Rubric, entries: [JournalEntry] = [], memo: GradingMemo? = nil) -> Grade {
        var work = Work(session: session, rubric: rubric, memo: memo)
        work.run()
        return work.grade()
    }
}

/// The grading of one session, part by part.
private struct Work {
    let session: Session
    let rubric: Rubric
    var scenario: Scenario { session.scenario }
    var truth: Truth { scenario.truth }
    var record: SessionRecord { session.record }
    var end: SimDuration { session.now }

    var findings: [(part: Rubric.Part, hundredths: Int, reason: Explanation)] = []
    var criticalFailure: String?
    var tDeclared: SimDuration?
    var tContained: SimDuration?
    var tFixed: SimDuration?
    var impactSummary = Grade.ImpactSummary(badAnswers: 0, failedRequests: 0, usersAffected: 0, dollars: 0, conversationsDropped: 0, doNothingReference: 0, untilFix: 0)

    let memo: GradingMemo?

    init(session: Session, rubric: Rubric, memo: GradingMemo?) {
        self.session = session
        self.rubric = rubric
        self.memo = memo
    }

    mutating func add(_ part: Rubric.Part, _ hundredths: Int, _ reason: Explanation) {
        findings.append((part, hundredths, reason))
    }

    /// Full weight at or before `target`, none at or after `limit`, a straight line between.
    func curve(_ time: SimDuration, weight: Int, target: SimDuration, limit: SimDuration) -> Int {
        if time <= target { return weight * 100 }
        if time >= limit { return 0 }
        return Int(Int64(weight * 100) * (limit - time).milliseconds / (limit - target).milliseconds)
    }

    func share(_ weight: Int, _ percent: Int) -> Int { weight * percent }

    mutating func run() {
        gradeSurface()
        gradeEvidence()
        gradeBleeding()
        gradeMitigation()
        gradeEscalation()
        gradeUpdates()
        gradePostmortem()
        gradeImpact()
        gradeActions()
        gradeHintsAndResolves()
    }

    // MARK: Surface

    mutating func gradeSurface() {
        let declarations = record.declarations
        let weight = rubric.weight(.surface)
        var start: Int?
        if let last = declarations.last, last.surface == truth.surface {
            var index = declarations.count - 1
            while index > 0, declarations[index - 1].surface == truth.surface { index -= 1 }
            start = index
        }
        if let start {
            let time = declarations[start].at
            tDeclared = time
            let points = curve(time, weight: weight, target: truth.target, limit: truth.limit)
            if time >= truth.limit {
                add(.surface, 0, .surfaceLate(surface: truth.surface, at: after(time), limit: truth.limit.spoken))
            } else {
                add(.surface, points, .surfaceFound(surface: truth.surface, at: after(time), target: truth.target.spoken, limit: truth.limit.spoken, full: time <= truth.target))
            }
        } else if let last = declarations.last {
            add(.surface, 0, .surfaceWrong(declared: last.surface, truth: truth.surface))
        } else {
            add(.surface, 0, .surfaceNever(truth: truth.surface))
        }
        let wrong = declarations.prefix(start ?? declarations.count).filter { $0.surface != truth.surface }
        var taken = 0
        for declaration in wrong {
            let penalty = min(rubric.wrongDeclaration.each, rubric.wrongDeclaration.max - taken)
            guard penalty > 0 else { break }
            taken += penalty
            add(.wrongDeclaration, -penalty * 100, .wrongDeclaration(surface: declaration.surface, at: after(declaration.at)))
        }
    }

    // MARK: Evidence

    mutating func gradeEvidence() {
        let weight = rubric.weight(.evidence)
        let decisive = truth.evidence
        guard let first = decisive.first else { return }
        guard let declared = tDeclared else {
            add(.evidence, 0, .evidenceNoDeclaration(firstEvidence: first.ref))
            return
        }
        // Cited: a declaration in the standing run cites an item standing for decisive evidence, itself seen in time.
        let standing = record.declarations.filter { $0.surface == truth.surface && $0.at >= declared }
        for declaration in standing {
            guard let cited = declaration.evidence, let seen = record.evidenceSeen[cited], seen <= declaration.at else { continue }
            if let item = decisive.first(where: { $0.id.map { declaration.evidenceCovers.contains($0) || cited == $0 } ?? false }) {
                add(.evidence, share(weight, rubric.evidenceCited), .evidenceCited(ref: item.ref, says: item.says))
                return
            }
        }
        if let item = decisive.first(where: { ($0.id.flatMap { record.evidenceSeen[$0] } ?? .days(999)) <= declared }) {
            add(.evidence, share(weight, rubric.evidenceSeen), .evidenceSeen(ref: item.ref, says: item.says))
        } else {
            add(.evidence, 0, .evidenceGuess(surface: truth.surface, firstEvidence: first.ref, says: first.says))
        }
    }

    // MARK: Bleeding and fix

    /// The first moment after the page when the impact stopped: contained or fixed.
    mutating func gradeBleeding() {
        let weight = rubric.weight(.containment)
        let moments = [SimDuration.zero] + session.world.changeTimes(from: .zero, to: end)
        for time in moments {
            let fixed = !session.causeHolds(at: time)
            if fixed || session.contained(at: time) {
                tContained = time
                let points = curve(time, weight: weight, target: truth.target, limit: truth.limit)
                if !fixed, let move = truth.containment.first(where: { session.contained(at: time) && session.inForce($0.action.value, at: time) }) {
                    add(.containment, points, .containedFirst(action: move.action.value.description, at: after(time)))
                } else {
                    add(.containment, points, .fixStoppedIt(at: after(time)))
                }
                return
            }
        }
        let suggestion = truth.containment.first.map { "`\($0.action.value)`" } ?? "a kill switch or a fallback"
        add(.containment, 0, .neverContained(containment: suggestion))
    }

    mutating func gradeMitigation() {
        let weight = rubric.weight(.mitigation)
        let mitigation = truth.mitigations.first?.action.value.description ?? "the fix"
        // Fixed: the cause stops holding and stays gone to the end of the session.
        guard !session.causeHolds(at: end) else {
            add(.mitigation, 0, .notFixed(mitigation: mitigation, cause: describeCause()))
            return
        }
        var fixedAt = end
        for time in session.world.changeTimes(from: .zero, to: end).reversed() {
            if session.causeHolds(at: time - SimDuration(milliseconds: 1)) { fixedAt = time; break }
        }
        tFixed = fixedAt
        let by = whoFixed(at: fixedAt)
        let target = truth.target + rubric.mitigationGrace, limit = truth.limit + rubric.mitigationGrace
        let points = curve(fixedAt, weight: weight, target: target, limit: limit)
        if fixedAt <= target {
            add(.mitigation, points, .fixed(by: by, at: after(fixedAt), target: target.spoken))
        } else {
            add(.mitigation, points, .fixedLate(by: by, at: after(fixedAt), limit: target.spoken))
        }
    }

    func whoFixed(at time: SimDuration) -> String {
        if let action = record.actions.last(where: { $0.at == time }) { return "Your `\(action.action)`" }
        if let escalation = record.escalations.first(where: { if case .acts(let at) = $0.outcome { return at == time } else { return false } }) {
            let name = scenario.teams.first { $0.id == escalation.team }?.name ?? escalation.team
            return "\(name), whom you paged,"
        }
        return "A change"
    }

    func describeCause() -> String {
        truth.cause.operands.first.map { operand -> String in
            if case .state(let path) = operand, let value = session.world.value(path, at: end) { return "\(path) = \(value)" }
            return operand.description
        } ?? "the cause"
    }

    // MARK: Escalation and updates

    mutating func gradeEscalation() {
        let weight = rubric.weight(.escalation)
        let owners = truth.owners
        if owners.isEmpty {
            add(.escalation, weight * 100, .escalationNotNeeded)
        } else if let told = record.escalations.first(where: { owners.contains($0.team) && { if case .acts = $0.outcome { return true } else { return false } }($0) }) {
            add(.escalation, weight * 100, .escalatedToldOwner(team: teamName(told.team), at: after(told.at)))
        } else if let asked = record.escalations.first(where: { owners.contains($0.team) }) {
            add(.escalation, share(weight, rubric.escalationAsked), .escalatedOwnerAsked(team: teamName(asked.team), at: after(asked.at)))
        } else {
            add(.escalation, 0, .escalationMissing(owners: owners.map(teamName).joined(separator: " or ")))
        }
        let paged = Set(record.escalations.map(\.team))
        if rubric.pagingEveryoneTeams > 0, paged.count >= rubric.pagingEveryoneTeams, rubric.pagingEveryonePoints > 0 {
            add(.pagingEveryone, -rubric.pagingEveryonePoints * 100, .pagingEveryone(teams: paged.count))
        }
    }

    func teamName(_ id: String) -> String { scenario.teams.first { $0.id == id }?.name ?? id }

    mutating func gradeUpdates() {
        let weight = rubric.weight(.updates)
        let updates = record.updates
        guard let first = updates.first else {
            add(.updates, 0, .updatesNone(due: rubric.firstUpdate.spoken))
            return
        }
        var points = 0
        var reasons: [Explanation] = []
        if first.at <= rubric.firstUpdate { points += weight * 50 } else { reasons.append(.updatesLateFirst(first: after(first.at), due: rubric.firstUpdate.spoken)) }
        // While the incident stays open, no gap longer than the cadence.
        let open = tFixed ?? end
        let times = updates.map(\.at).filter { $0 <= open } + [open]
        let longest = zip(times, times.dropFirst()).map { $1 - $0 }.max() ?? .zero
        if longest <= rubric.updateCadence { points += weight * 50 } else { reasons.append(.updatesGap(gap: longest.spoken, cadence: rubric.updateCadence.spoken)) }
        if reasons.isEmpty { reasons.append(.updatesOnCadence(first: after(first.at), count: updates.count)) }
        add(.updates, points, reasons[0])
        for reason in reasons.dropFirst() { add(.updates, 0, reason) }
    }

    // MARK: Postmortem

    mutating func gradePostmortem() {
        let weight = rubric.weight(.postmortem)
        guard let answers = record.postmortem else {
            add(.postmortem, 0, .postmortemMissing)
            return
        }
        let aliases = Set(scenario.world.models.map { $0.alias.lowercased() })
        let facts = truth.postmortem.facts
        let wrong = facts.filter { !PostmortemMatcher.factMatches(answer: answers[$0.name] ?? "", truth: $0.value, aliases: aliases) }.map(\.name)
        let right = facts.count - wrong.count
        add(.postmortem, share(weight, rubric.postmortemFacts) * right / max(1, facts.count), .postmortemFacts(right: right, wrong: wrong))
        let surfacesRight = (answers["surface"] ?? "").lowercased().trimmingCharacters(in: .whitespaces) == truth.surface
            && PostmortemMatcher.surfacesMatch(answer: answers["contributing"] ?? "", truth: truth.contributing)
        let truthSurfaces = ([truth.surface] + truth.contributing.map { "contributing \($0)" }).joined(separator: ", ")
        add(.postmortem, surfacesRight ? share(weight, rubric.postmortemSurfaces) : 0, .postmortemSurfaces(right: surfacesRight, truth: truthSurfaces))
        let detection = truth.postmortem.detection.first { $0.id == answers["should_detect"] }
        let bestDetection = truth.postmortem.detection.first(where: \.right).map { "“\($0.text)”" } ?? "another option"
        add(.postmortem, detection?.right == true ? share(weight, rubric.postmortemDetection) : 0, .postmortemDetection(right: detection?.right == true, best: bestDetection))
        let prevention = truth.postmortem.prevention.first { $0.id == answers["prevention"] }
        let bestPrevention = truth.postmortem.prevention.first(where: \.right).map { "“\($0.text)”" } ?? "another option"
        add(.postmortem, prevention?.right == true ? share(weight, rubric.postmortemPrevention) : 0, .postmortemPrevention(right: prevention?.right == true, best: bestPrevention))
    }

    // MARK: Impact

    /// Harmed requests plus whole dollars: a single count of impact for scoring.
    static func harm(_ impact: Impact) -> Int {
        impact.badAnswers + impact.failedRequests + impact.conversationsDropped + Int(impact.dollars.rounded())
    }

    /// The harm done from the page until the cause was removed: containment slows it (and
    /// may have costs of its own: a human queue, a throttled tenant), a fix stops it, and
    /// leaving stops nothing, so without a fix it burns at least to the scenario's limit.
    mutating func gradeImpact() {
        let weight = rubric.weight(.impact)
        let until = tFixed ?? max(end, truth.limit)
        let untilFix = session.impact(from: .zero, to: until)
        let harmed = Self.harm(untilFix)
        // Without containment (the common case) both spans are the same: read it once.
        let beforeContainment = tContained.map { session.impact(from: .zero, to: $0) } ?? untilFix
        // The counterfactual: nobody acts, from the page to the scenario's limit. It depends
        // only on the variant, so a memo shared across its journals works it out once.
        let (variant, played, limit) = (scenario, session, truth.limit)
        let idleHarm = { Self.harm(Session(scenario: variant, pack: played.pack, costs: played.costs, settings: played.settings).impact(from: .zero, to: limit)) }
        let reference = memo?.reference(scenario: variant, compute: idleHarm) ?? idleHarm()
        impactSummary = Grade.ImpactSummary(badAnswers: beforeContainment.badAnswers, failedRequests: beforeContainment.failedRequests,
                                            usersAffected: beforeContainment.usersAffected, dollars: (beforeContainment.dollars * 100).rounded() / 100,
                                            conversationsDropped: beforeContainment.conversationsDropped, doNothingReference: reference, untilFix: harmed)
        let avoided = reference > 0 ? max(0, min(100, 100 - harmed * 100 / reference)) : 100
        add(.impact, weight * avoided, .impact(percent: avoided, until: tFixed.map(after), contained: tContained.map(after), harmed: harmed, reference: reference))
    }

    // MARK: Actions, hints, resolves

    mutating func gradeActions() {
        var harmfulTaken = 0, wastedTaken = 0, criticalTaken = 0
        let expected = truth.containment + truth.mitigations + truth.helpful
        // Switching a containment back off once the cause is gone is good practice, not waste.
        let containmentPaths = Set(truth.containment.flatMap { StatePath.writes($0.action.value, world: scenario.world).map(\.path) })
        for action in record.actions {
            let at = after(action.at)
            if let harm = truth.critical.first(where: { $0.action.value == action.action }) {
                if rubric.criticalFails, criticalFailure == nil { criticalFailure = action.action.description }
                let penalty = min(rubric.criticalAction.each, rubric.criticalAction.max - criticalTaken)
                criticalTaken += max(0, penalty)
                add(.criticalAction, -max(0, penalty) * 100, .critical(action: action.action.description, at: at, says: harm.says, fails: rubric.criticalFails))
            } else if let harm = truth.harmful.first(where: { $0.action.value == action.action }) {
                let penalty = min(rubric.harmfulAction.each, rubric.harmfulAction.max - harmfulTaken)
                harmfulTaken += max(0, penalty)
                add(.harmfulAction, -max(0, penalty) * 100, .harmful(action: action.action.description, at: at, says: harm.says))
            } else if !expected.contains(where: { $0.action.value == action.action }),
                      !(StatePath.writes(action.action, world: scenario.world).map(\.path).allSatisfy(containmentPaths.contains) && !containmentPaths.isEmpty
                        && !StatePath.writes(action.action, world: scenario.world).isEmpty) {
                let penalty = min(rubric.wastedAction.each, rubric.wastedAction.max - wastedTaken)
                wastedTaken += max(0, penalty)
                let cost = session.costs.cost(of: action.action == .refreshEvals ? "refresh" : "action")
                add(.wastedAction, -max(0, penalty) * 100, action.changed ? .wasted(action: action.action.description, at: at, cost: cost.spoken)
                                                                         : .noOp(action: action.action.description, at: at))
            }
        }
    }

    mutating func gradeHintsAndResolves() {
        var taken = 0
        for (number, time) in record.hints.enumerated() {
            let penalty = min(rubric.hint.each, rubric.hint.max - taken)
            taken += max(0, penalty)
            add(.hint, -max(0, penalty) * 100, .hint(number: number + 1, at: after(time)))
        }
        // A resolve is premature when the cause is still there when the page would re-fire,
        // whether or not the trainee stayed to see it.
        var resolvesTaken = 0
        for time in record.resolves {
            let check = time + .minutes(5)
            guard session.causeHolds(at: time), session.causeHolds(at: min(check, max(end, check))) else { continue }
            let reopened = record.reopened.first { $0 > time && $0 <= check + .seconds(1) }
            let penalty = min(rubric.prematureResolve.each, rubric.prematureResolve.max - resolvesTaken)
            resolvesTaken += max(0, penalty)
            add(.prematureResolve, -max(0, penalty) * 100, .prematureResolve(at: after(time), reopened: reopened.map(after) ?? after(check), seen: reopened != nil))
        }
    }

    // MARK: Result

    func grade() -> Grade {
        let total = self.findings.reduce(0) { $0 + $1.hundredths }
        let unclamped = (total + (total >= 0 ? 50 : -50)) / 100
        let score = max(0, min(100, unclamped))
        let points = Grader.apportion(self.findings.map(\.hundredths), to: unclamped)
        var findings = zip(self.findings, points).map { Finding(part: $0.part, points: $1, explanation: $0.reason) }
        // The findings add up to the score, so every point has its sentence, including the floor.
        if unclamped != score { findings.append(Finding(part: .floor, points: score - unclamped, explanation: .scoreFloor)) }
        // Worth nothing either way, but a reviewer should know the session did not end by choice.
        if session.ended == .handedOver {
            findings.append(Finding(part: .handover, points: 0, explanation: .handedOver(at: session.clock.clock(end), shift: Session.shift.spoken)))
        }
        func minutes(_ time: SimDuration?) -> Double? { time.map { Double($0.milliseconds / 1000) / 60 } }
        let clock = session.clock
        func event(_ time: SimDuration, _ kind: String, _ text: String) -> Grade.Event {
            Grade.Event(minutes: Double(time.milliseconds / 1000) / 60, clock: clock.clock(time), kind: kind, text: text)
        }
        var timeline: [Grade.Event] = record.commands.map { event($0.at, $0.accepted ? "command" : "rejected", $0.text) }
        timeline += record.injects.map { event($0.at, "inject", "\($0.from): \($0.text)") }
        timeline.sort { $0.minutes < $1.minutes }
        return Grade(
            scenario: scenario.id, title: scenario.title, codename: scenario.codename, seed: scenario.seed, mode: session.settings.mode,
            rubricVersion: rubric.version, score: score, passed: score >= rubric.pass && criticalFailure == nil, failedBy: criticalFailure,
            findings: findings,
            milestones: Milestones(acknowledged: minutes(record.commands.first?.at), firstUpdate: minutes(record.updates.first?.at),
                                   surface: minutes(tDeclared), containment: minutes(tContained), mitigation: minutes(tFixed)),
            targetMinutes: truth.target.minutes, limitMinutes: truth.limit.minutes, surface: truth.surface,
            declared: record.currentDeclaration?.surface, impactUntilContainment: impactSummary,
            updates: record.updates.map { event($0.at, "update", $0.text) }, timeline: timeline,
            debrief: scenario.debrief, modelledOn: scenario.modelledOn)
    }
}

import Foundation
