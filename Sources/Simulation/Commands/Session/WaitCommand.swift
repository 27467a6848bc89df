import ScenarioFormat

/// `wait DURATION`: time passes and nothing else happens; events arrive as it does.
struct WaitCommand: TraineeCommand {
    static let spec = CommandSpec("wait", usage: "wait DURATION", summary: "let time pass, watching (up to 1h)",
                                  details: "Lets simulated time pass without doing anything else, as you would while watching whether a change took: events and escalation replies arrive meanwhile. `wait 5m`, `wait 90s`; from 10s to 1h.",
                                  cost: nil, arguments: [.text], group: .session)

    let duration: SimDuration

    init(_ words: [String]) throws(CommandProblem) {
        guard words.count == 1, let duration = SimDuration.parse(words[0]), duration > .zero else {
            throw CommandProblem("Usage: wait DURATION, such as `wait 5m` or `wait 90s`.")
        }
        guard duration >= .seconds(10), duration <= .hours(1) else { throw CommandProblem("`wait` takes 10s to 1h.") }
        self.duration = duration
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        CommandOutput(lines: [Line(" Waiting \(duration.spoken), until \(session.clock.clock(session.now + duration)).", .dim)], elapsed: duration)
    }
}
