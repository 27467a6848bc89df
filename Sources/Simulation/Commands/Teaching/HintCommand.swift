/// `hint`: the next of the scenario's hints, each stronger than the last (not in certification).
struct HintCommand: TraineeCommand {
    static let spec = CommandSpec("hint", usage: "hint", summary: "a hint; each is stronger than the last", cost: .hint, group: .teaching, teaching: true)

    // Extra words are ignored, as they always were.
    init(_ words: [String]) {}

    func run(in session: inout Session, width: Int) -> CommandOutput {
        guard session.settings.allowsTeaching else { return .error("Hints are not available in a certification run.") }
        let hints = session.scenario.hints
        guard let number = session.takeHint() else {
            return .message([Line(" No more hints: you have had all \(hints.count). The evidence is on the screens.", .dim)])
        }
        var lines = [Line(" Hint \(number + 1) of \(hints.count)", .heading)]
        lines += hints[number].wrapped(to: width - 2).map { Line(" " + $0) }
        if session.settings.mode == .gameday { lines.append(Line(" Hints cost points in a game day.", .dim)) }
        return .message(lines, cost: .hint)
    }
}
