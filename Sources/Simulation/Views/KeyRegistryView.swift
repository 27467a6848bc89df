import ScenarioFormat

/// `keys`: API keys, owners, tenants, status and rate limits.
struct KeyRegistryView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (world, clock, now, scenario) = (session.world, session.clock, session.now, session.scenario)
        var table = TextTable([.init(title: "key", priority: 10), .init(title: "owner", priority: 8), .init(title: "tenants", priority: 6, flexible: true, minimum: 6),
                               .init(title: "shared", priority: 9), .init(title: "created", priority: 5), .init(title: "status", priority: 10),
                               .init(title: "rate limit", priority: 7), .init(title: "note", priority: 4, flexible: true, minimum: 8)])
        for key in scenario.world.keys {
            let status = world.value(StatePath.key(key.id), at: now) ?? "active"
            let limit = world.value(StatePath.ratelimit(key.id), at: now) ?? "none"
            table.add([Segment(key.id, .bold), Segment(key.owner), Segment(key.tenants.joined(separator: ",")), Segment(key.shared ? "yes" : "no", key.shared ? .warning : .plain),
                       Segment(clock.day(key.created, now: now)), Segment(status, status == "active" ? .plain : .warning),
                       Segment(limit == "none" ? "–" : "\(limit)/min"), Segment(key.note, .dim)])
        }
        return Drawn([Line(" API keys", .heading)] + table.render(width: width), evidence: scenario.world.keys.map { EvidenceID.key($0.id) })
    }
}
