import ScenarioFormat

/// `escalate TEAM ["MESSAGE"]`: page a team; the right owner, told enough, acts.
struct EscalateCommand: TraineeCommand {
    static let spec = CommandSpec("escalate", usage: "escalate TEAM [\"MESSAGE\"]", summary: "page a team",
                                  details: "Tell them the surface or the evidence, or they will ask what you are seeing.",
                                  cost: .escalate, arguments: [.word(.team), .text], group: .respond)

    let team: String?
    let message: String

    init(_ words: [String]) {
        team = words.first
        message = words.dropFirst().joined(separator: " ")
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        let teams = session.scenario.teams
        guard let id = team else {
            return .error("Usage: escalate TEAM [\"MESSAGE\"]. Teams: " + teams.map(\.id).joined(separator: ", ") + ".")
        }
        guard let team = teams.first(where: { $0.id == id }) else {
            let guess = Suggestion.closest(to: id, in: teams.map(\.id))
            return .error("No team `\(id.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? ". `teams` lists them."))
        }
        session.escalate(to: team, saying: message)
        var lines = [Line(" Paged \(team.name) at \(session.clock.clock(session.now)).", .bold)]
        if !message.isEmpty { lines.append(Line(" “" + message.truncated(to: max(20, width - 6)) + "”", .dim)) }
        return .message(lines, cost: .escalate)
    }
}
