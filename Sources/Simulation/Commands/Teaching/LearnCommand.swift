import ScenarioFormat

/// `learn [TOPIC]`: the AI on-call primer (not in certification).
struct LearnCommand: TraineeCommand {
    static let spec = CommandSpec("learn", usage: "learn [TOPIC]", summary: "the AI on-call primer", cost: .learn, arguments: [.word(.topic)],
                                  group: .teaching, teaching: true)

    let topic: String?

    init(_ words: [String]) { topic = words.first }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        guard session.settings.allowsTeaching else { return .error("`learn` is not available in a certification run.") }
        let pack = session.pack
        guard let id = topic else {
            var lines = [Line(" The AI on-call primer. `learn TOPIC` to read one.", .heading)]
            let idWidth = pack.topics.map(\.id.displayWidth).max() ?? 10
            for topic in pack.topics {
                lines.append(Line([Segment("   " + topic.id.padded(to: idWidth) + "  ", .accent), Segment(topic.summary.truncated(to: max(10, width - idWidth - 6)))]))
            }
            return .message(lines, cost: .learn)
        }
        guard let topic = pack.topic(id) else {
            let guess = Suggestion.closest(to: id, in: pack.topics.map(\.id))
            return .error("No topic `\(id.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? "; `learn` lists them."))
        }
        var lines = [Line(" \(topic.title)", .heading)]
        lines += topic.body.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            String(line).isEmpty ? [Line.blank] : String(line).wrapped(to: width - 2).map { Line(" " + $0) }
        }
        return .message(lines, cost: .learn)
    }
}
