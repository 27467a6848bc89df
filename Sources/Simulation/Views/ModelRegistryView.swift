import ScenarioFormat

/// `models`: each alias, what it resolves to and since when, its history and policy; prices.
struct ModelRegistryView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (world, clock, now, scenario) = (session.world, session.clock, session.now, session.scenario)
        var table = TextTable([.init(title: "alias", priority: 10), .init(title: "resolves to", priority: 10), .init(title: "since", priority: 8),
                               .init(title: "changed by", priority: 6, flexible: true, minimum: 10), .init(title: "policy", priority: 5)])
        for alias in scenario.world.models {
            let history = world.history(StatePath.alias(alias.alias)).filter { $0.at <= now }
            for (index, change) in history.reversed().enumerated() {
                let until = index == 0 ? nil : history.reversed()[index - 1].at
                let since = index == 0 ? clock.date(change.at, now: now) : "\(clock.date(change.at, now: now)) – \(clock.date(until!, now: now))"
                table.add([Segment(index == 0 ? alias.alias : "", .bold), Segment(change.value, index == 0 ? .plain : .dim), Segment(since, index == 0 ? .plain : .dim),
                           Segment(change.by + (change.note.isEmpty ? "" : " — \(change.note)"), .dim), Segment(index == 0 ? policy(alias, latest: change) : "", .dim)])
                if index >= 3 { break }
            }
        }
        var lines = [Line(" Model aliases", .heading)] + table.render(width: width)
        lines.append(Line(" Versions and prices (US$ per 1M tokens in / out):", .dim))
        for alias in scenario.world.models {
            let versions = alias.versions.map { "\($0.id) \(Format.number($0.inputPrice, decimals: 2))/\(Format.number($0.outputPrice, decimals: 2))" }
            for text in TraceView.flow(versions, width: width - 6 - alias.alias.count) { lines.append(Line("   \(alias.alias): \(text)", .dim)) }
        }
        return Drawn(lines, evidence: scenario.world.models.map { EvidenceID.alias($0.alias) })
    }

    func policy(_ alias: ModelAlias, latest: Change) -> String {
        let original = alias.history.contains { $0.at == latest.at && $0.value == latest.value }
        return original ? alias.policy : "pinned"
    }
}
