/// `trace ID`: one trace as a span tree with its attributes.
struct TraceCommand: TraineeCommand {
    static let spec = CommandSpec("trace", usage: "trace ID", summary: "one trace as a span tree with attributes",
                                  details: "IDs you have seen complete with Tab; a unique prefix of six or more characters is enough.",
                                  cost: .trace, arguments: [.word(.traceID)], group: .look)

    let text: String

    init(_ words: [String]) throws(CommandProblem) {
        guard words.count == 1 else { throw CommandProblem("Usage: trace ID (ids you have seen complete with Tab).") }
        text = words[0]
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        guard let id = session.matchTrace(text) else {
            if text.count >= 6, text.allSatisfy(\.isHexDigit) {
                return .error("`\(text.truncated(to: 20))` matches no trace you have seen, or more than one; give all 12 characters.")
            }
            return .error("`\(text.truncated(to: 20))` is not a trace id: they are 12 hex characters, like the ones `traces` shows.")
        }
        guard let request = session.model.request(traceID: id, world: session.world), request.time <= session.now else {
            return .error("No trace \(id) in the trace store.")
        }
        return .drawn(TraceView(session: session, request: request).draw(width: width), cost: .trace)
    }
}
