import ScenarioFormat

/// `prompts diff A B`: a line diff of two prompt versions, with the change note.
struct PromptDiffView {
    let session: Session
    let old: Prompt.Version
    let new: Prompt.Version

    func draw(width: Int) -> Drawn {
        let (clock, now) = (session.clock, session.now)
        var lines = [Line("--- \(old.id)  (\(old.author), \(clock.date(old.at, now: now)))", .bad), Line("+++ \(new.id)  (\(new.author), \(clock.date(new.at, now: now)))", .good)]
        if !new.change.isEmpty { lines.append(Line("    change note: \(new.change)", .dim)) }
        let diff = LineDiff.diff(old.text.components(separatedBy: "\n"), new.text.components(separatedBy: "\n"))
        if !diff.contains(where: { $0.kind != .same }) { lines.append(Line(" The two versions are identical.", .dim)) }
        for entry in LineDiff.withContext(diff, context: 2) {
            switch entry {
            case .gap: lines.append(Line(" …", .dim))
            case .line(let line):
                let mark = line.kind == .added ? "+" : (line.kind == .removed ? "-" : " ")
                let style: Style = line.kind == .added ? .good : (line.kind == .removed ? .bad : .dim)
                for (index, text) in line.text.wrapped(to: width - 4).enumerated() { lines.append(Line((index == 0 ? mark : " ") + " " + text, style)) }
            }
        }
        return Drawn(lines, evidence: [EvidenceID.diff(old.id, new.id), EvidenceID.promptVersion(old.id), EvidenceID.promptVersion(new.id)])
    }
}
