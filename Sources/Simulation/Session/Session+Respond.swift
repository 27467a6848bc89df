import ScenarioFormat

/// Declaring, escalating, updating, resolving, hints and the postmortem form: what each does
/// to the session's state. What they draw is in their commands' files.
extension Session {
    /// What a declaration recorded: the surface it replaced, the evidence id it cites, and a
    /// note when the cited item was never on screen.
    struct Declared {
        var previous: String?
        var cited: String?
        var note: String?
    }

    mutating func declare(_ surface: String, citing reference: String?) -> Declared {
        let citation = reference.map(resolveEvidence)
        let previous = record.currentDeclaration?.surface
        record.declarations.append(SessionRecord.Declaration(at: now, surface: surface, cited: citation?.text, evidence: citation?.id,
                                                             evidenceCovers: citation?.covers ?? []))
        return Declared(previous: previous, cited: citation?.text, note: citation?.note)
    }

    /// What a trainee typed after `--evidence`: the citation as recorded, the item it names
    /// (when it names one), what that item stands for (a trace carries its attributes), and a
    /// note when it was never on screen.
    struct Citation {
        var text: String
        var id: EvidenceID?
        var covers: [EvidenceID]
        var note: String?
    }

    func resolveEvidence(_ reference: String) -> Citation {
        let text = reference.trimmingCharacters(in: .whitespaces)
        let bare = text.hasPrefix("trace:") ? String(text.dropFirst(6)) : text
        if let id = matchTrace(bare), let request = model.request(traceID: id, world: world), request.time <= now {
            let seen = record.evidenceSeen[.trace(id)] != nil
            return Citation(text: EvidenceID.trace(id).description, id: .trace(id), covers: TraceView.evidence(model.trace(of: request, world: world)),
                            note: seen ? nil : "(trace \(id) is not among what you have looked at.)")
        }
        let unseen = "(`\(text.truncated(to: 40))` is not among what you have looked at.)"
        if text.contains(":") {
            guard let id = EvidenceID(text) else { return Citation(text: text, id: nil, covers: [], note: unseen) }
            return Citation(text: text, id: id, covers: [id], note: record.evidenceSeen[id] != nil ? nil : unseen)
        }
        // A bare name (`chat-default`) cites the one item of that name on screen, if only one.
        let matches = record.evidenceSeen.keys.filter { $0.value == text }.sorted()
        if matches.count == 1 { return Citation(text: matches[0].description, id: matches[0], covers: [matches[0]], note: nil) }
        return Citation(text: text, id: nil, covers: [], note: unseen)
    }

    /// A full trace id, or a unique prefix (six or more characters) of one already shown.
    func matchTrace(_ text: String) -> String? {
        let lower = text.lowercased()
        if lower.count == 12, lower.allSatisfy(\.isHexDigit) { return lower }
        guard lower.count >= 6, lower.allSatisfy(\.isHexDigit) else { return nil }
        let candidates = record.shownTraces.filter { $0.hasPrefix(lower) }
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// An owner acts when told the surface or shown the evidence: a truth surface it owns
    /// (in the message or the standing declaration), a decisive item, or a trace showing the fault.
    func toldEnough(team: Team, message: String) -> Bool {
        let truthSurfaces = Set([scenario.truth.surface] + scenario.truth.contributing).intersection(team.owns)
        let words = Set(message.lowercased().split { !($0.isLetter || $0.isNumber || "-_./:@".contains($0)) }.map(String.init))
        if !truthSurfaces.isDisjoint(with: words) { return true }
        if let declared = record.currentDeclaration?.surface, truthSurfaces.contains(declared) { return true }
        for item in scenario.truth.evidence {
            let parts = item.ref.split(separator: ":", maxSplits: 1)
            var id = parts.count == 2 ? String(parts[1]) : item.ref
            // For an attribute, the value is the news (`kb-prod-r2`), not the attribute's name.
            if parts.first == "attr", let equals = id.firstIndex(of: "=") { id = String(id[id.index(after: equals)...]) }
            let token = id.lowercased()
            if token.count >= 4, words.contains(token) || message.lowercased().contains(token) { return true }
        }
        for word in words where word.count >= 6 {
            if let id = matchTrace(word), let request = model.request(traceID: id, world: world), request.template != 0 { return true }
        }
        return false
    }

    /// Pages a team: the owner of the cause, told enough, acts after its response time; an
    /// owner told too little asks; anyone else bounces the page.
    mutating func escalate(to team: Team, saying message: String) {
        let acknowledged = now + team.responds
        let outcome: SessionRecord.Escalation.Outcome
        if scenario.truth.owners.contains(team.id) {
            outcome = toldEnough(team: team, message: message) ? .acts(at: acknowledged + (team.can.map(\.takes).max() ?? .zero)) : .asks
        } else {
            outcome = .bounces
        }
        record.escalations.append(SessionRecord.Escalation(at: now, team: team.id, message: message, acknowledged: acknowledged, outcome: outcome))
    }

    mutating func postUpdate(_ text: String) {
        record.updates.append(SessionRecord.Update(at: now, text: text))
    }

    mutating func resolve() {
        record.resolves.append(now)
    }

    /// Takes the next hint: its index, or nil when all have been had.
    mutating func takeHint() -> Int? {
        let used = record.hints.count
        guard used < scenario.hints.count else { return nil }
        record.hints.append(now)
        return used
    }

    // MARK: The postmortem form

    mutating func postmortemAnswer(field: PostmortemField, answers: [String: String], text: String, width: Int) -> CommandOutput {
        var answers = answers
        let answer = text.trimmingCharacters(in: .whitespaces)
        let form = PostmortemView(session: self)
        if field == .shouldDetect || field == .prevention, !answer.isEmpty {
            let options = field == .prevention ? scenario.truth.postmortem.prevention : scenario.truth.postmortem.detection
            if !options.contains(where: { $0.id == answer }) {
                let guess = Suggestion.closest(to: answer, in: options.map(\.id))
                var lines = [Line(" `\(answer.truncated(to: 30))` is not one of the options" + (guess.map { "; did you mean `\($0)`?" } ?? "."), .bad)]
                lines += form.question(field, width: width)
                return .message(lines)
            }
        }
        answers[field.rawValue] = String(answer.prefix(500))
        let fields = PostmortemField.allCases
        let index = fields.firstIndex(of: field)!
        if index + 1 < fields.count {
            pending = .postmortem(field: index + 1, answers: answers)
            return .message(form.question(fields[index + 1], width: width))
        }
        pending = nil
        record.postmortem = answers
        return .message([Line(settings.mode == .certification ? " Postmortem recorded. `quit` ends this scenario; the results come with the certificate."
                                                                 : " Postmortem recorded. `quit` for your grade and the debrief.", .bold)])
    }
}
