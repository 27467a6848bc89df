import ScenarioFormat
import Simulation

/// Every sentence a grade can say, built here and only here. Each names what the trainee
/// did and when, and what to do next time. Tests and tools read the case; people read `text`.
public enum Explanation: Codable, Equatable, Sendable {
    case surfaceFound(surface: String, at: String, target: String, limit: String, full: Bool)
    case surfaceLate(surface: String, at: String, limit: String)
    case surfaceWrong(declared: String, truth: String)
    case surfaceNever(truth: String)
    case wrongDeclaration(surface: String, at: String)
    case evidenceCited(ref: String, says: String)
    case evidenceSeen(ref: String, says: String)
    case evidenceGuess(surface: String, firstEvidence: String, says: String)
    case evidenceNoDeclaration(firstEvidence: String)
    case containedFirst(action: String, at: String)
    case fixStoppedIt(at: String)
    case neverContained(containment: String)
    case fixed(by: String, at: String, target: String)
    case fixedLate(by: String, at: String, limit: String)
    case notFixed(mitigation: String, cause: String)
    case escalatedToldOwner(team: String, at: String)
    case escalatedOwnerAsked(team: String, at: String)
    case escalationMissing(owners: String)
    case escalationNotNeeded
    case pagingEveryone(teams: Int)
    case updatesOnCadence(first: String, count: Int)
    case updatesLateFirst(first: String, due: String)
    case updatesGap(gap: String, cadence: String)
    case updatesNone(due: String)
    case postmortemMissing
    case postmortemFacts(right: Int, wrong: [String])
    case postmortemSurfaces(right: Bool, truth: String)
    case postmortemDetection(right: Bool, best: String)
    case postmortemPrevention(right: Bool, best: String)
    case impact(percent: Int, until: String?, contained: String?, harmed: Int, reference: Int)
    case harmful(action: String, at: String, says: String)
    case critical(action: String, at: String, says: String, fails: Bool)
    case wasted(action: String, at: String, cost: String)
    case noOp(action: String, at: String)
    case hint(number: Int, at: String)
    case prematureResolve(at: String, reopened: String, seen: Bool)
    case scoreFloor
    case handedOver(at: String, shift: String)
    case notAttempted
    /// A finding read from a report written before explanations were kept: its sentence as recorded.
    case recorded(String)

    public var text: String {
        switch self {
        case .surfaceFound(let surface, let at, let target, _, let full):
            return full ? "You named the failing surface, \(surface), at \(at), within the \(target) target."
                        : "You named the failing surface, \(surface), at \(at); the target was \(target), so part of the credit."
        case .surfaceLate(let surface, let at, let limit):
            return "You named \(surface) at \(at), after the \(limit) limit: look at the surfaces' own evidence (traces, registries) earlier."
        case .surfaceWrong(let declared, let truth):
            return "Your standing declaration was \(declared); the failing surface was \(truth). The debrief shows the evidence that told them apart."
        case .surfaceNever(let truth):
            return "You never declared a surface; it was \(truth). Declare as soon as the evidence points somewhere: you can revise it."
        case .wrongDeclaration(let surface, let at):
            return "You declared \(surface) at \(at) before the right surface; check a surface's own evidence before naming it."
        case .evidenceCited(let ref, let says):
            return "You saw and cited the decisive evidence (\(ref)): \(says)"
        case .evidenceSeen(let ref, let says):
            return "You had the decisive evidence on screen (\(ref)) before declaring; cite it with `declare SURFACE --evidence REF` for full credit. \(says)"
        case .evidenceGuess(let surface, let first, let says):
            return "You declared \(surface) before any decisive evidence was on screen: a guess earns no evidence credit. The evidence was \(first): \(says)"
        case .evidenceNoDeclaration(let first):
            return "No correct declaration, so no evidence credit. The decisive evidence was \(first)."
        case .containedFirst(let action, let at):
            return "You stopped the bleeding at \(at) with `\(action)` before the fix: good practice."
        case .fixStoppedIt(let at):
            return "Your fix at \(at) stopped the impact; with a slower fix, contain first (a kill switch, a fallback, a rate limit)."
        case .neverContained(let containment):
            return "Nothing stopped the impact while you investigated; \(containment) would have contained it without fixing the cause."
        case .fixed(let by, let at, let target):
            return "\(by) removed the cause at \(at), within \(target); symptoms recovered."
        case .fixedLate(let by, let at, let limit):
            return "\(by) removed the cause at \(at), after \(limit); the same move sooner would have saved most of the impact."
        case .notFixed(let mitigation, let cause):
            return "The cause was still there when the session ended (\(cause)); `\(mitigation)` would have removed it."
        case .escalatedToldOwner(let team, let at):
            return "You paged \(team) at \(at) with the surface or the evidence, so they could act."
        case .escalatedOwnerAsked(let team, let at):
            return "You paged \(team) at \(at) but did not tell them the surface or the evidence; they had to ask. Put both in the page."
        case .escalationMissing(let owners):
            return "You did not page \(owners), who own the cause and can act on it; escalating early is never penalised."
        case .escalationNotNeeded:
            return "No other team needed paging for this incident."
        case .pagingEveryone(let teams):
            return "You paged \(teams) teams; paging everyone wakes people who cannot help. Page the owner of the surface the evidence points to."
        case .updatesOnCadence(let first, let count):
            return "You posted a first status update at \(first) and \(count) in all, on cadence."
        case .updatesLateFirst(let first, let due):
            return "Your first status update came at \(first); the first is due within \(due) of the page, even if all it says is what you are checking."
        case .updatesGap(let gap, let cadence):
            return "Your status updates went quiet for \(gap) while the incident was open; post at least every \(cadence)."
        case .updatesNone(let due):
            return "You posted no status update; the first is due within \(due) of the page: say what you see, what you are doing, and when the next update comes."
        case .postmortemMissing:
            return "You did not write the postmortem: `postmortem` records the six facts, the surfaces, detection and prevention."
        case .postmortemFacts(let right, let wrong):
            return wrong.isEmpty ? "Your postmortem has all six facts right." : "Your postmortem has \(right) of 6 facts right; check \(wrong.joined(separator: ", "))."
        case .postmortemSurfaces(let right, let truth):
            return right ? "Your postmortem names the surfaces right (\(truth))." : "Your postmortem's surfaces are off: it was \(truth)."
        case .postmortemDetection(let right, let best):
            return right ? "You chose a detection that would have caught it sooner." : "Your detection choice would not have caught it sooner; \(best) would have."
        case .postmortemPrevention(let right, let best):
            return right ? "You chose a prevention that addresses the cause." : "Your prevention does not address the cause; \(best) would."
        case .impact(let percent, let until, let contained, let harmed, let reference):
            let span = until.map { "until the fix at \($0)" } ?? "with the cause never removed"
            let containment = contained.map { $0 == until ? "" : " (contained from \($0))" } ?? ""
            return "\(grouped(harmed)) requests were harmed \(span)\(containment), against \(grouped(reference)) had nobody acted before the limit: \(percent)% of the impact avoided."
        case .harmful(let action, let at, let says):
            return "You ran `\(action)` at \(at). \(says)"
        case .critical(let action, let at, let says, let fails):
            return "You ran `\(action)` at \(at). \(says)" + (fails ? " This is a critical action: the session fails." : "")
        case .wasted(let action, let at, let cost):
            return "You ran `\(action)` at \(at); it was not part of this incident and cost \(cost) of simulated time."
        case .noOp(let action, let at):
            return "You ran `\(action)` at \(at); it changed nothing."
        case .hint(let number, let at):
            return "You used hint \(number) at \(at)."
        case .scoreFloor:
            return "A score does not go below 0: the penalties above outweighed what the session earned."
        case .notAttempted:
            return "Not attempted: the run ended before this scenario began."
        case .recorded(let text):
            return text
        case .handedOver(let at, let shift):
            return "Your shift ran out at \(at), \(shift) after the page, with the session still open: the incident was handed over and graded as it stood. Quit before the shift ends."
        case .prematureResolve(let at, let reopened, let seen):
            return "You resolved at \(at) while the cause was still there; the page " + (seen ? "re-fired at \(reopened)" : "would have re-fired at \(reopened)")
                + ". Check that symptoms recover before resolving."
        }
    }
}

/// `12,345`
func grouped(_ value: Int) -> String { Format.grouped(Int64(value)) }

/// `+8m`, `+1h05m`: a time after the page as a report writes it.
func after(_ time: SimDuration) -> String {
    let minutes = Int(time.milliseconds / 60_000), seconds = Int(time.milliseconds % 60_000 / 1000)
    if minutes < 60 { return seconds == 0 || minutes >= 10 ? "+\(minutes)m" : "+\(minutes)m\(seconds)s" }
    return "+\(minutes / 60)h" + String(format: "%02dm", minutes % 60)
}

import Foundation
