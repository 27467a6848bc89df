import ScenarioFormat

/// Help, the page, status, the runbook and the teaching commands.
extension Session {
    func rule() -> Line { Line(" " + String(repeating: "─", count: max(10, min(width, 120) - 2)), .chrome) }

    /// The page as it fired, with its live numbers read at the page time.
    func pageBanner() -> [Line] {
        let page = scenario.page
        let left = " PAGE  \(page.severity)  \(page.service)"
        let right = clock.clock(.zero) + " UTC"
        let gap = max(2, min(width, 120) - left.displayWidth - right.displayWidth)
        var lines = [rule(), Line([Segment(" PAGE ", .page), Segment(" \(page.severity)  \(page.service)", .bold), Segment(String(repeating: " ", count: gap)), Segment(right, .dim)])]
        for (index, text) in (pageTitle ?? renderedPageTitle()).wrapped(to: max(20, min(width, 120) - 2)).enumerated() {
            lines.append(Line(" " + text, index == 0 ? .bold : .plain))
        }
        lines.append(Line(" Triggered by: \(page.trigger)  ·  On call: \(page.owner)", .dim))
        if settings.mode != .onboarding { lines.append(Line(" Scenario: \(scenario.codename)", .dim)) }
        lines.append(rule())
        return lines
    }

    /// The page title with `{{metric}}` and `{{metric.baseline}}` filled in at `time` (the page's own time by default).
    func renderedPageTitle(at time: SimDuration = .zero) -> String {
        let title = scenario.page.title
        guard title.contains("{{") else { return title }
        var result = ""
        var rest = Substring(title)
        let engine = MetricEngine(model: model, world: world)
        // One reading per metric serves both its value and its baseline.
        var readings: [String: MetricWindow] = [:]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            let wantsBaseline = name.hasSuffix(".baseline")
            let id = wantsBaseline ? String(name.dropLast(".baseline".count)) : name
            if let spec = scenario.metric(id, pack: pack),
               let window = readings[id] ?? engine.windows([(spec, nil, 0)], from: time - .minutes(5), to: time, buckets: 1).first {
                readings[id] = window
                let value = wantsBaseline ? window.baseline : window.current
                result += value.map { Format.number($0, decimals: spec.decimals) } ?? "?"
            } else {
                result += "?"
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    func help(_ args: [String]) -> Output {
        if let name = args.first {
            guard let spec = CommandCatalog.spec(name) else {
                let guess = Suggestion.closest(to: name, in: CommandCatalog.names)
                return .error("No command `\(name.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? "."))
            }
            var lines = [Line(" \(spec.usage)", .bold), Line(" \(spec.summary.prefix(1).uppercased() + spec.summary.dropFirst()).")]
            if !spec.details.isEmpty { lines += spec.details.wrapped(to: width - 2).map { Line(" " + $0) } }
            func price(_ key: String) -> String {
                let cost = costs.cost(of: key), perItem = costs.perItemCost(of: key)
                var text = cost == .zero ? "no simulated time" : "\(cost.spoken)"
                if perItem > .zero { text += ", plus \(perItem.spoken) per item" }
                return text
            }
            // Some commands cost differently by form (`dash` listing, `traces --by`).
            let forms = [("dash.list", "the list"), ("traces.by", "with --by"), ("prompts.diff", "a diff")].filter { $0.0.hasPrefix(spec.cost + ".") }
            var text = " Costs \(price(spec.cost)) of simulated time"
            for (key, label) in forms { text += "; \(label): \(price(key))" }
            if spec.name == "wait" { text = " Costs the time it waits" }
            lines.append(Line(text + ".", .dim))
            return .message(lines)
        }
        var lines: [Line] = []
        let usageWidth = min(max(24, width / 2 - 4), CommandCatalog.all.map { $0.usage.displayWidth }.max() ?? 20)
        for (group, title) in CommandCatalog.groups {
            lines.append(Line(" \(title)", .heading))
            for spec in CommandCatalog.all where spec.group == group {
                if !settings.allowsTeaching && (spec.name == "hint" || spec.name == "learn") { continue }
                let usage = spec.usage.truncated(to: usageWidth).padded(to: usageWidth)
                lines.append(Line([Segment("   " + usage + "  ", .accent), Segment(spec.summary.truncated(to: max(10, width - usageWidth - 6)))]))
            }
        }
        lines.append(Line(" `help COMMAND` explains one. Looking costs simulated time; so does acting. Tab completes.", .dim))
        if !settings.allowsTeaching { lines.append(Line(" This is a certification run: no hints and no primer.", .dim)) }
        return .message(lines)
    }

    /// `wait DURATION`: time passes and nothing else happens; events arrive as it does.
    func wait(_ args: [String]) -> Output {
        guard args.count == 1, let duration = SimDuration.parse(args[0]), duration > .zero else {
            return .error("Usage: wait DURATION, such as `wait 5m` or `wait 90s`.")
        }
        guard duration >= .seconds(10), duration <= .hours(1) else { return .error("`wait` takes 10s to 1h.") }
        var output = Output.message([Line(" Waiting \(duration.spoken), until \(clock.clock(now + duration)).", .dim)], cost: nil)
        output.elapsed = duration
        return output
    }

    func status() -> Output {
        var lines: [Line] = []
        let clockKind = settings.wallScale > 0 ? "running with the wall clock" : "moves as you work"
        lines.append(Line(" \(clock.clock(now)) UTC · \(elapsed(now)) since the page · clock \(clockKind) · \(settings.mode.rawValue)", .bold))
        let impact = self.impact(from: .zero, to: now)
        lines.append(Line(" Impact since the page", .heading))
        let rows: [(String, String, String, String)] = [
            ("bad answers served", Format.grouped(Int64(impact.badAnswers)), "users affected", Format.grouped(Int64(impact.usersAffected))),
            ("failed requests", Format.grouped(Int64(impact.failedRequests)), "extra spend", Format.dollars(impact.dollars)),
        ]
        for row in rows {
            if width >= 66 {
                lines.append(Line("   " + row.0.padded(to: 20) + row.1.padded(to: 10, right: true) + "     " + row.2.padded(to: 16) + row.3.padded(to: 10, right: true)))
            } else {
                lines.append(Line("   " + row.0.padded(to: 22) + row.1.padded(to: 10, right: true)))
                lines.append(Line("   " + row.2.padded(to: 22) + row.3.padded(to: 10, right: true)))
            }
        }
        if impact.conversationsDropped > 0 {
            lines.append(Line("   " + "conversations dropped".padded(to: 20) + Format.grouped(Int64(impact.conversationsDropped)).padded(to: 10, right: true)))
        }
        if let declaration = record.currentDeclaration {
            let cited = declaration.evidence.map { ", evidence \($0)" } ?? ""
            lines.append(Line(" Declared     \(declaration.surface) at \(clock.clock(declaration.at))\(cited)"))
        } else {
            lines.append(Line(" Declared     nothing yet", .dim))
        }
        if record.actions.isEmpty {
            lines.append(Line(" Actions      none", .dim))
        } else {
            for (index, action) in record.actions.enumerated() {
                lines.append(Line((index == 0 ? " Actions      " : "              ") + "\(clock.clock(action.at))  \(action.action)" + (action.changed ? "" : "  (no change)")))
            }
        }
        if record.escalations.isEmpty {
            lines.append(Line(" Escalations  none", .dim))
        } else {
            for (index, escalation) in record.escalations.enumerated() {
                let state = escalation.acknowledged <= now ? "acknowledged \(clock.clock(escalation.acknowledged))" : "waiting for acknowledgement"
                lines.append(Line((index == 0 ? " Escalations  " : "              ") + "\(clock.clock(escalation.at))  \(escalation.team), \(state)"))
            }
        }
        let updates = record.updates
        lines.append(Line(" Updates      " + (updates.isEmpty ? "none posted" : "\(updates.count) posted, last at \(clock.clock(updates.last!.at))"), updates.isEmpty ? .dim : .plain))
        if let resolved = record.resolves.last {
            let reopened = record.reopened.last.map { $0 > resolved ? " — reopened at \(clock.clock($0))" : "" } ?? ""
            lines.append(Line(" Resolved     at \(clock.clock(resolved))\(reopened)"))
        }
        if settings.allowsTeaching {
            lines.append(Line(" Hints        \(record.hints.count) of \(scenario.hints.count) used", .dim))
        }
        return .message(lines, cost: "status")
    }

    func runbook() -> Output {
        let text = scenario.runbook ?? pack.runbook
        var lines = [Line(" Runbook: \(scenario.page.service)", .heading)]
        lines += text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            String(line).wrapped(to: width - 2).map { Line(" " + $0) }
        }
        return .message(lines, cost: "runbook")
    }

    func learn(_ args: [String]) -> Output {
        guard settings.allowsTeaching else {
            return .error("`learn` is not available in a certification run.")
        }
        guard let id = args.first else {
            var lines = [Line(" The AI on-call primer. `learn TOPIC` to read one.", .heading)]
            let idWidth = pack.topics.map(\.id.displayWidth).max() ?? 10
            for topic in pack.topics {
                lines.append(Line([Segment("   " + topic.id.padded(to: idWidth) + "  ", .accent), Segment(topic.summary.truncated(to: max(10, width - idWidth - 6)))]))
            }
            return .message(lines, cost: "learn")
        }
        guard let topic = pack.topic(id) else {
            let guess = Suggestion.closest(to: id, in: pack.topics.map(\.id))
            return .error("No topic `\(id.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? "; `learn` lists them."))
        }
        var lines = [Line(" \(topic.title)", .heading)]
        lines += topic.body.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            String(line).isEmpty ? [Line.blank] : String(line).wrapped(to: width - 2).map { Line(" " + $0) }
        }
        return .message(lines, cost: "learn")
    }

    mutating func hint() -> Output {
        guard settings.allowsTeaching else {
            return .error("Hints are not available in a certification run.")
        }
        let used = record.hints.count
        guard used < scenario.hints.count else {
            return .message([Line(" No more hints: you have had all \(scenario.hints.count). The evidence is on the screens.", .dim)])
        }
        record.hints.append(now)
        var lines = [Line(" Hint \(used + 1) of \(scenario.hints.count)", .heading)]
        lines += scenario.hints[used].wrapped(to: width - 2).map { Line(" " + $0) }
        if settings.mode == .gameday { lines.append(Line(" Hints cost points in a game day.", .dim)) }
        return .message(lines, cost: "hint")
    }
}
