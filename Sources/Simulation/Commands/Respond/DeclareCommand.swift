import ScenarioFormat

/// `declare SURFACE [--evidence REF]`: name the failing surface; it never says whether it is right.
struct DeclareCommand: TraineeCommand {
    static let spec = CommandSpec("declare", usage: "declare SURFACE [--evidence REF]", summary: "name the failing surface",
                                  details: "REF is what shows it: a trace id, or an item you have looked at (`alias:chat-default`, `replica:kb-prod-r2`, `metric:tool_error_pct`). You can revise a declaration. It never tells you whether you are right.",
                                  cost: .declare, arguments: [.word(.surface)], flags: [.value("--evidence")], group: .respond)

    let surface: String?
    let evidence: String?

    init(_ words: [String]) throws(CommandProblem) {
        let arguments = try CommandArguments(words, flags: Self.spec.flags)
        // A missing surface is answered with the pack's surfaces, which needs the session.
        surface = arguments.positional.count == 1 ? arguments.positional[0] : nil
        evidence = arguments.flags.first?.value
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        let surfaces = session.pack.surfaces.map(\.id)
        guard let surface else {
            return .error("Usage: declare SURFACE [--evidence REF]. Surfaces: " + surfaces.joined(separator: ", ") + ".")
        }
        guard session.pack.surface(surface) != nil else {
            let guess = Suggestion.closest(to: surface, in: surfaces)
            return .error("`\(surface.truncated(to: 30))` is not a surface" + (guess.map { "; did you mean `\($0)`?" } ?? ". Surfaces: " + surfaces.joined(separator: ", ") + "."))
        }
        let declared = session.declare(surface, citing: evidence)
        let when = "\(session.clock.clock(session.now)), \(session.now.spoken) after the page"
        var lines: [Line] = []
        if let previous = declared.previous, previous != surface {
            lines.append(Line(" Revised declaration: \(surface) (was \(previous); \(when)).", .bold))
        } else {
            lines.append(Line(" Declared surface: \(surface) (\(when)).", .bold))
        }
        if let cited = declared.cited { lines.append(Line(" Evidence cited: \(cited)")) }
        if let note = declared.note { lines.append(Line(" " + note, .dim)) }
        return .message(lines, cost: .declare)
    }
}
