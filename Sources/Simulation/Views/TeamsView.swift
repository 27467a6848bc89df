import ScenarioFormat

/// `teams`: who can be paged and what they own.
struct TeamsView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (world, clock, now, scenario) = (session.world, session.clock, session.now, session.scenario)
        var table = TextTable([.init(title: "team", priority: 10), .init(title: "name", priority: 8, flexible: true, minimum: 10), .init(title: "owns", priority: 9)])
        for team in scenario.teams { table.add([Segment(team.id, .bold), Segment(team.name), Segment(team.owns.joined(separator: ", "))]) }
        return Drawn([Line(" Teams you can page", .heading)] + table.render(width: width) + [Line(" `escalate TEAM \"what you see\"` pages one.", .dim)])
    }
}
