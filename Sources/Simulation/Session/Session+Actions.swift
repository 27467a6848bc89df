import ScenarioFormat

/// Actions on the world. Every action writes world state the same way whoever takes it;
/// what that does to the incident follows from the scenario's traffic and truth.
extension Session {
    /// What taking an action did: the world before it, whether it changed anything, and the
    /// consequence the scenario models for it, if any.
    public struct ActionOutcome: Sendable {
        public var before: WorldState
        public var changed: Bool
        public var consequence: String?
    }

    mutating func act(_ action: WorldAction) -> ActionOutcome {
        let before = world
        var changed = false
        for write in StatePath.writes(action, world: scenario.world) where world.value(write.path, at: now) != write.value {
            changed = true
            _ = world.record(write.path, value: write.value, at: now, by: "you")
        }
        if case .restart = action { changed = true }
        if case .refreshEvals = action, before.value(StatePath.evalsRefresh, at: now) == "done" { changed = false }
        record.actions.append(SessionRecord.Action(at: now, action: action, changed: changed))
        guard changed, let harm = (scenario.truth.harmful + scenario.truth.critical).first(where: { $0.action.value == action }),
              let consequence = harm.consequence else { return ActionOutcome(before: before, changed: changed, consequence: nil) }
        if consequence.patch != nil, let template = model.consequenceTemplates[action] {
            world.disturb(Disturbance(template: template, from: now, until: now + consequence.lasts, share: consequence.share))
        }
        record.consequences.append(SessionRecord.Consequence(at: now, action: action, conversations: consequence.conversations, dollars: consequence.dollars))
        return ActionOutcome(before: before, changed: changed, consequence: consequence.says)
    }

    /// Why an action cannot be taken as written, with a suggestion; nil when it can. Whether
    /// the names exist is `WorldReference`'s rule; the wording is the trainee's.
    func problem(with action: WorldAction) -> String? {
        guard let miss = action.firstMiss(in: scenario.world) else { return nil }
        let noun: String
        if case .version(let alias) = miss.reference { noun = "version of \(alias)" } else { noun = miss.reference.noun }
        let guess = miss.suggestion
        // A short list of what there is helps when nothing is close; a guess is enough otherwise.
        let listed = guess == nil && miss.candidates.count <= 12 ? " Known: " + miss.candidates.joined(separator: ", ") + "." : ""
        return "No \(noun) `\(miss.name.truncated(to: 40))`" + (guess.map { "; did you mean `\($0)`?" } ?? ".") + listed
    }
}
