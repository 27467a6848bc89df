/// `surfaces`: what `declare` takes, each surface with what moves on it and, outside
/// certification, where its evidence lives. Reference, like `help`: it costs nothing.
struct SurfacesCommand: TraineeCommand {
    static let spec = CommandSpec("surfaces", usage: "surfaces", summary: "the failure surfaces you can declare, and what moves on each",
                                  cost: .help, group: .respond)

    init(_ words: [String]) throws(CommandProblem) { try Self.none(words) }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        let surfaces = session.pack.surfaces
        let idWidth = surfaces.map(\.id.displayWidth).max() ?? 8
        let indent = String(repeating: " ", count: idWidth + 5)
        var lines = [Line(" Failure surfaces · `declare SURFACE --evidence REF`", .heading)]
        for surface in surfaces {
            for (index, text) in surface.moves.wrapped(to: max(20, width - idWidth - 6)).enumerated() {
                lines.append(index == 0 ? Line([Segment("   " + surface.id.padded(to: idWidth) + "  ", .bold), Segment(text)]) : Line(indent + text))
            }
            guard session.settings.allowsTeaching else { continue }
            for text in ("evidence: " + surface.evidence).wrapped(to: max(20, width - idWidth - 6)) { lines.append(Line(indent + text, .dim)) }
        }
        return .message(lines, cost: .help)
    }
}
