import ScenarioFormat

/// `prompts`: which version serves in each region and since when, and every version.
struct PromptRegistryView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (world, clock, now, scenario) = (session.world, session.clock, session.now, session.scenario)
        var table = TextTable([.init(title: "prompt", priority: 10), .init(title: "region", priority: 10), .init(title: "serving", priority: 10),
                               .init(title: "since", priority: 8), .init(title: "by", priority: 5, flexible: true, minimum: 8)])
        var evidence: [EvidenceID] = []
        for prompt in scenario.world.prompts {
            evidence.append(EvidenceID.prompt(prompt.id))
            for (index, region) in scenario.world.regions.enumerated() {
                let history = world.history(StatePath.prompt(prompt.id, region: region)).filter { $0.at <= now }
                guard let current = history.last else { continue }
                table.add([Segment(index == 0 ? prompt.id : "", .bold), Segment(region), Segment(current.value), Segment(clock.date(current.at, now: now)), Segment(current.by, .dim)])
                evidence.append(EvidenceID.prompt(prompt.id, region: region))
            }
        }
        var lines = [Line(" Prompt registry", .heading)] + table.render(width: width)
        for prompt in scenario.world.prompts {
            let versions = prompt.versions.filter { $0.at <= now }.map { "\($0.id) (\(clock.day($0.at, now: now)), \($0.author))" }
            for text in TraceView.flow(versions, width: width - 14 - prompt.id.count) { lines.append(Line("   \(prompt.id) versions: \(text)", .dim)) }
        }
        lines.append(Line(" `prompts diff A B` compares two versions.", .dim))
        return Drawn(lines, evidence: evidence)
    }
}
