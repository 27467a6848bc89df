import ScenarioFormat

/// `flags`: feature flags, their values and who set them when.
struct FlagRegistryView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (world, clock, now, scenario) = (session.world, session.clock, session.now, session.scenario)
        var table = TextTable([.init(title: "flag", priority: 10), .init(title: "value", priority: 10), .init(title: "since", priority: 8),
                               .init(title: "by", priority: 6), .init(title: "what it does", priority: 7, flexible: true, minimum: 10)])
        for flag in scenario.world.flags {
            let current = world.history(StatePath.flag(flag.id)).filter { $0.at <= now }.last
            table.add([Segment(flag.id, .bold), Segment(current?.value ?? "?"), Segment(current.map { clock.date($0.at, now: now) } ?? ""),
                       Segment(current?.by ?? "", .dim), Segment(flag.description, .dim)])
        }
        return Drawn([Line(" Feature flags", .heading)] + table.render(width: width), evidence: scenario.world.flags.map { EvidenceID.flag($0.id) })
    }
}
