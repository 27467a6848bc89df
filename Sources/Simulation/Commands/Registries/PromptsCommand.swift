import ScenarioFormat

/// `prompts [diff A B]`: prompt versions per region, or a diff of two versions.
struct PromptsCommand: TraineeCommand {
    static let spec = CommandSpec("prompts", usage: "prompts [diff A B]", summary: "prompt versions per region, or a diff", cost: .registry,
                                  otherCosts: [(.promptsDiff, "a diff")], arguments: [.keyword(["diff"]), .word(.promptVersion), .word(.promptVersion)],
                                  group: .registries)

    /// The two versions to compare, when it is a diff.
    let diff: (old: String, new: String)?

    init(_ words: [String]) throws(CommandProblem) {
        guard let first = words.first else {
            diff = nil
            return
        }
        guard first == "diff", words.count == 3 else { throw CommandProblem("Usage: prompts [diff A B]") }
        diff = (words[1], words[2])
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        guard let diff else { return .drawn(PromptRegistryView(session: session).draw(width: width), cost: .registry) }
        let versions = session.scenario.world.prompts.flatMap { prompt in prompt.versions.filter { $0.at <= session.now } }
        for id in [diff.old, diff.new] where !versions.contains(where: { $0.id == id }) {
            let guess = Suggestion.closest(to: id, in: versions.map(\.id))
            return .error("No prompt version `\(id.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? "; `prompts` lists them."))
        }
        let old = versions.first { $0.id == diff.old }!, new = versions.first { $0.id == diff.new }!
        return .drawn(PromptDiffView(session: session, old: old, new: new).draw(width: width), cost: .promptsDiff)
    }
}
