import ScenarioFormat

/// `deploys`: the code deploy log, newest first, with each deploy's state now.
struct DeployLogView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (world, clock, now, scenario) = (session.world, session.clock, session.now, session.scenario)
        let deploys = scenario.world.deploys.filter { $0.at <= now }.sorted { $0.at > $1.at }
        var table = TextTable([.init(title: "deploy", priority: 10), .init(title: "service", priority: 9), .init(title: "version", priority: 7),
                               .init(title: "finished", priority: 8), .init(title: "by", priority: 4), .init(title: "state", priority: 6),
                               .init(title: "change", priority: 5, flexible: true, minimum: 12)])
        for deploy in deploys {
            let state = world.value(StatePath.deploy(deploy.id), at: now) ?? "live"
            table.add([Segment(deploy.id, .id), Segment(deploy.service), Segment(deploy.version), Segment("\(clock.date(deploy.at, now: now)) (\(ago(deploy.at)))"),
                       Segment(deploy.by), Segment(state, state == "live" ? .plain : .warning), Segment(deploy.change)])
        }
        var lines = [Line(" Deploy log", .heading)] + table.render(width: width)
        if !deploys.contains(where: { $0.at >= now - .hours(72) }) { lines.append(Line(" No code deploys in the last 72h.", .dim)) }
        return Drawn(lines, evidence: deploys.map { EvidenceID.deploy($0.id) })
    }

    func ago(_ time: SimDuration) -> String { (session.now - time).spoken + " ago" }
}
