import ScenarioFormat

/// `index`: each retrieval index, its replicas' health and rotation, and its latest builds.
struct IndexRegistryView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (world, clock, now, scenario) = (session.world, session.clock, session.now, session.scenario)
        var lines: [Line] = []
        var evidence: [EvidenceID] = []
        for index in scenario.world.indexes {
            let builds = index.builds.filter { $0.at <= now }.sorted { $0.at > $1.at }
            let latest = builds.first
            lines.append(Line([Segment(" \(index.id)", .heading), Segment("  embedding \(index.embedding) · \(Format.grouped(Int64(index.documents))) docs · latest build " +
                               (latest.map { "\($0.id) (\(clock.date($0.at, now: now)), \($0.status))" } ?? "none"), .dim)]))
            evidence.append(EvidenceID.index(index.id))
            var table = TextTable([.init(title: "replica", priority: 10), .init(title: "zone", priority: 5), .init(title: "build", priority: 7),
                                   .init(title: "health", priority: 10), .init(title: "rotation", priority: 9), .init(title: "since", priority: 8),
                                   .init(title: "note", priority: 4, flexible: true, minimum: 8)])
            for replica in index.replicas {
                let health = world.history(StatePath.replica(replica.id)).filter { $0.at <= now }.last
                let rotation = world.value(StatePath.rotation(ofReplica: replica.id), at: now) ?? "in"
                let status = health?.value ?? "unknown"
                table.add([Segment("  " + replica.id), Segment(replica.zone), Segment(replica.build), Segment(status, status == "up" ? .good : .bad),
                           Segment(rotation, rotation == "in" ? .plain : .warning), Segment(health.map { clock.date($0.at, now: now) } ?? ""), Segment(health?.note ?? "", .dim)])
                evidence.append(EvidenceID.replica(replica.id))
            }
            lines += table.render(width: width)
            for build in builds.prefix(3) {
                lines.append(Line("   build \(build.id): \(clock.date(build.at, now: now)), \(Format.grouped(Int64(build.documents))) docs from \(build.source) — \(build.status)", .dim))
                evidence.append(EvidenceID.build(build.id))
            }
        }
        return Drawn(lines, evidence: evidence)
    }
}
