import ScenarioFormat

/// `services`: services, owners, pods, versions.
struct ServiceRegistryView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (world, clock, now, scenario) = (session.world, session.clock, session.now, session.scenario)
        var table = TextTable([.init(title: "service", priority: 10), .init(title: "owner", priority: 9), .init(title: "pods", alignRight: true, priority: 8),
                               .init(title: "version", priority: 7), .init(title: "role", priority: 6, flexible: true, minimum: 10)])
        for service in scenario.world.services {
            table.add([Segment(service.id, .bold), Segment(service.owner), Segment(world.value(StatePath.pods(ofService: service.id), at: now) ?? String(service.pods)),
                       Segment(service.version), Segment(service.role, .dim)])
        }
        return Drawn([Line(" Services", .heading)] + table.render(width: width), evidence: scenario.world.services.map { EvidenceID.service($0.id) })
    }
}
