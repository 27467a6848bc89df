import ScenarioFormat

/// `status`: the clock, impact since the page, the standing declaration, actions,
/// escalations, updates, resolves and hints.
struct StatusView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (clock, now, record, settings) = (session.clock, session.now, session.record, session.settings)
        var lines: [Line] = []
        let clockKind = settings.wallScale > 0 ? "running with the wall clock" : "moves as you work"
        lines.append(Line(" \(clock.clock(now)) UTC · \(now.spoken) since the page · clock \(clockKind) · \(settings.mode.rawValue)", .bold))
        let impact = session.impact(from: .zero, to: now)
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
            let cited = declaration.cited.map { ", evidence \($0)" } ?? ""
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
            lines.append(Line(" Hints        \(record.hints.count) of \(session.scenario.hints.count) used", .dim))
        }
        return Drawn(lines)
    }
}
