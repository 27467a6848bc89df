import ScenarioFormat

/// The postmortem form's questions, with the options a field chooses from.
struct PostmortemView {
    let session: Session

    func question(_ field: PostmortemField, width: Int) -> [Line] {
        let fields = PostmortemField.allCases
        let number = fields.firstIndex(of: field)! + 1
        var lines = [Line(" \(number)/\(fields.count)  \(field.question):", .bold)]
        let options: [Truth.Option]
        switch field {
        case .shouldDetect: options = session.scenario.truth.postmortem.detection
        case .prevention: options = session.scenario.truth.postmortem.prevention
        case .surface, .contributing:
            lines.append(Line("     surfaces: " + session.pack.surfaces.map(\.id).joined(separator: ", "), .dim))
            options = []
        default: options = []
        }
        for option in options {
            let text = option.text.wrapped(to: max(20, width - option.id.count - 10))
            lines.append(Line([Segment("     " + option.id, .accent), Segment("  " + (text.first ?? ""))]))
            for more in text.dropFirst() { lines.append(Line("     " + String(repeating: " ", count: option.id.count + 2) + more)) }
        }
        return lines
    }
}
