import ScenarioFormat

/// Declaring, escalating, updating, resolving, and the postmortem form.
extension Session {
    mutating func declare(_ args: [String]) -> Output {
        let parsed: (positional: [String], flags: [(String, String)])
        switch parseFlags(args, allowed: ["--evidence"]) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): parsed = value
        }
        guard parsed.positional.count == 1, let surface = parsed.positional.first else {
            return .error("Usage: declare SURFACE [--evidence REF]. Surfaces: " + pack.surfaces.map(\.id).joined(separator: ", ") + ".")
        }
        guard pack.surface(surface) != nil else {
            let guess = Suggestion.closest(to: surface, in: pack.surfaces.map(\.id))
            return .error("`\(surface.truncated(to: 30))` is not a surface" + (guess.map { "; did you mean `\($0)`?" } ?? ". Surfaces: " + pack.surfaces.map(\.id).joined(separator: ", ") + "."))
        }
        var lines: [Line] = []
        var evidence: String?
        var covers: [String] = []
        if let reference = parsed.flags.first?.1 {
            let resolved = resolveEvidence(reference)
            evidence = resolved.id
            covers = resolved.covers
            if let note = resolved.note { lines.append(Line(" " + note, .dim)) }
        }
        let previous = record.currentDeclaration
        record.declarations.append(SessionRecord.Declaration(at: now, surface: surface, evidence: evidence, evidenceCovers: covers))
        let when = "\(clock.clock(now)), \(elapsed(now)) after the page"
        if let previous, previous.surface != surface {
            lines.insert(Line(" Revised declaration: \(surface) (was \(previous.surface); \(when)).", .bold), at: 0)
        } else {
            lines.insert(Line(" Declared surface: \(surface) (\(when)).", .bold), at: 0)
        }
        if let evidence { lines.insert(Line(" Evidence cited: \(evidence)"), at: 1) }
        return .message(lines, cost: "declare")
    }

    /// Turns what a trainee typed after `--evidence` into an evidence id, and what it stands for.
    func resolveEvidence(_ reference: String) -> (id: String, covers: [String], note: String?) {
        let text = reference.trimmingCharacters(in: .whitespaces)
        let bare = text.hasPrefix("trace:") ? String(text.dropFirst(6)) : text
        if let id = matchTrace(bare), let request = model.request(traceID: id, world: world), request.time <= now {
            let seen = record.evidenceSeen["trace:\(id)"] != nil
            return ("trace:\(id)", traceEvidence(model.trace(of: request, world: world)), seen ? nil : "(trace \(id) is not among what you have looked at.)")
        }
        if text.contains(":") {
            let seen = record.evidenceSeen[text] != nil
            return (text, [text], seen ? nil : "(`\(text.truncated(to: 40))` is not among what you have looked at.)")
        }
        let matches = record.evidenceSeen.keys.filter { $0.split(separator: ":", maxSplits: 1).last.map(String.init) == text }.sorted()
        if matches.count == 1 { return (matches[0], [matches[0]], nil) }
        return (text, [text], "(`\(text.truncated(to: 40))` is not among what you have looked at.)")
    }

    /// A full trace id, or a unique prefix (six or more characters) of one already shown.
    func matchTrace(_ text: String) -> String? {
        let lower = text.lowercased()
        if lower.count == 12, lower.allSatisfy(\.isHexDigit) { return lower }
        guard lower.count >= 6, lower.allSatisfy(\.isHexDigit) else { return nil }
        let candidates = record.shownTraces.filter { $0.hasPrefix(lower) }
        return candidates.count == 1 ? candidates[0] : nil
    }

    mutating func escalate(_ args: [String]) -> Output {
        guard let teamID = args.first else {
            return .error("Usage: escalate TEAM [\"MESSAGE\"]. Teams: " + scenario.teams.map(\.id).joined(separator: ", ") + ".")
        }
        guard let team = scenario.teams.first(where: { $0.id == teamID }) else {
            let guess = Suggestion.closest(to: teamID, in: scenario.teams.map(\.id))
            return .error("No team `\(teamID.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? ". `teams` lists them."))
        }
        let message = args.dropFirst().joined(separator: " ")
        let acknowledged = now + team.responds
        let outcome: SessionRecord.Escalation.Outcome
        if scenario.truth.owners.contains(team.id) {
            if toldEnough(team: team, message: message) {
                outcome = .acts(at: acknowledged + (team.can.map(\.takes).max() ?? .zero))
            } else {
                outcome = .asks
            }
        } else {
            outcome = .bounces
        }
        record.escalations.append(SessionRecord.Escalation(at: now, team: team.id, message: message, acknowledged: acknowledged, outcome: outcome))
        var lines = [Line(" Paged \(team.name) at \(clock.clock(now)).", .bold)]
        if !message.isEmpty { lines.append(Line(" “" + message.truncated(to: max(20, width - 6)) + "”", .dim)) }
        return .message(lines, cost: "escalate")
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

    mutating func update(_ args: [String]) -> Output {
        let text = args.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .error("Usage: update \"TEXT\" — say what is happening, what you are doing, and when the next update is.") }
        record.updates.append(SessionRecord.Update(at: now, text: text))
        return .message([Line(" Status update posted to #inc-\(scenario.page.service) at \(clock.clock(now)).", .bold)], cost: "update")
    }

    mutating func resolve() -> Output {
        record.resolves.append(now)
        // The same words whether or not the cause is gone: `resolve` is not an oracle.
        return .message([
            Line(" Incident marked mitigated at \(clock.clock(now)), \(elapsed(now)) after the page.", .bold),
            Line(settings.mode == .certification ? " If it fires again you will hear. Next: `postmortem`, or `quit` to end this scenario."
                                                 : " If it fires again you will hear. Next: `postmortem`, or `quit` for your grade.", .dim),
        ], cost: "resolve")
    }

    // MARK: The postmortem form

    /// The form's fields, in the documented order (one line each when piped).
    public static let postmortemFields: [(id: String, question: String)] = [
        ("prompt", "Prompt revision serving during the incident (or `unchanged (VERSION)`)"),
        ("model", "Model version actually served (or `unchanged (VERSION)`)"),
        ("judge", "Judge / eval configuration (or `unchanged (CONFIG)`)"),
        ("index", "Retrieval index state (or `unchanged (BUILD)`)"),
        ("tools", "Tool schema versions (or `unchanged (VERSIONS)`)"),
        ("traffic", "Traffic mix (or `unchanged`)"),
        ("surface", "Primary failure surface"),
        ("contributing", "Contributing surfaces, comma-separated, or `none`"),
        ("detected", "How was it detected?"),
        ("should_detect", "How should it have been detected? (an option id)"),
        ("prevention", "One prevention (an option id)"),
    ]

    mutating func startPostmortem() -> Output {
        if record.postmortem != nil {
            return .message([Line(" The postmortem is already recorded. It is part of your grade.", .dim)])
        }
        pending = .postmortem(field: 0, answers: [:])
        var lines = [Line(" Postmortem: \(Self.postmortemFields.count) questions, one line each. An empty line skips one.", .heading)]
        lines += postmortemQuestion(0)
        return .message(lines, cost: "postmortem")
    }

    func postmortemQuestion(_ field: Int) -> [Line] {
        let (id, question) = Self.postmortemFields[field]
        var lines = [Line(" \(field + 1)/\(Self.postmortemFields.count)  \(question):", .bold)]
        let options: [Truth.Option]
        switch id {
        case "should_detect": options = scenario.truth.postmortem.detection
        case "prevention": options = scenario.truth.postmortem.prevention
        case "surface", "contributing":
            lines.append(Line("     surfaces: " + pack.surfaces.map(\.id).joined(separator: ", "), .dim))
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

    mutating func postmortemAnswer(field: Int, answers: [String: String], text: String) -> Output {
        var answers = answers
        let id = Self.postmortemFields[field].id
        let answer = text.trimmingCharacters(in: .whitespaces)
        if id == "should_detect" || id == "prevention", !answer.isEmpty {
            let options = id == "prevention" ? scenario.truth.postmortem.prevention : scenario.truth.postmortem.detection
            if !options.contains(where: { $0.id == answer }) {
                let guess = Suggestion.closest(to: answer, in: options.map(\.id))
                var lines = [Line(" `\(answer.truncated(to: 30))` is not one of the options" + (guess.map { "; did you mean `\($0)`?" } ?? "."), .bad)]
                lines += postmortemQuestion(field)
                return .message(lines)
            }
        }
        answers[id] = String(answer.prefix(500))
        if field + 1 < Self.postmortemFields.count {
            pending = .postmortem(field: field + 1, answers: answers)
            return .message(postmortemQuestion(field + 1))
        }
        pending = nil
        record.postmortem = answers
        return .message([Line(settings.mode == .certification ? " Postmortem recorded. `quit` ends this scenario; the results come with the certificate."
                                                                 : " Postmortem recorded. `quit` for your grade and the debrief.", .bold)])
    }
}
