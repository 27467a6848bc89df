import ScenarioFormat

/// `evals`: eval sets and their intent mix against live traffic, judges, recent gated runs.
struct EvalRegistryView {
    let session: Session

    func draw(width: Int) -> Drawn {
        let (world, clock, now, scenario) = (session.world, session.clock, session.now, session.scenario)
        let evals = scenario.world.evals
        let refreshed = world.history(StatePath.evalsRefresh).first { $0.value == "done" && $0.at <= now }?.at
        var lines = [Line(" Eval sets", .heading)]
        var evidence: [EvidenceID] = []
        let live = liveMix()
        var sets = evals.sets
        if let refreshed {
            let refresh = evals.effectiveRefresh
            for set in refresh.sets {
                var updated = set
                updated.built = refreshed
                if let index = sets.firstIndex(where: { $0.id == set.id }) { sets[index] = updated } else { sets.append(updated) }
            }
        }
        for set in sets {
            evidence.append(EvidenceID.evalSet(set.id))
            lines.append(Line([Segment("   \(set.id)", .bold), Segment("  \(set.cases) cases · built \(clock.date(set.built, now: now)) (\(ago(set.built)))", .dim)]))
            if !set.description.isEmpty { lines.append(Line("     " + set.description.truncated(to: width - 6), .dim)) }
            if !set.mix.isEmpty {
                let keys = set.mix.map(\.key) + live.map(\.key).filter { key in !set.mix.contains { $0.key == key } }
                var table = TextTable([.init(title: "     intent", priority: 10), .init(title: "eval set", alignRight: true, priority: 9),
                                       .init(title: "live traffic (1h)", alignRight: true, priority: 9)])
                for key in keys {
                    let setShare = set.mix.first { $0.key == key }?.share ?? 0
                    let liveShare = live.first { $0.key == key }?.share
                    let drift = liveShare.map { abs($0 - setShare) > 10 } ?? false
                    table.add([Segment("     " + key), Segment(Format.number(setShare, decimals: 0) + "%"),
                               Segment(liveShare.map { Format.number($0, decimals: 0) + "%" } ?? "–", drift ? .warning : .plain)])
                }
                lines += table.render(width: width)
            }
        }
        lines.append(Line(" Judges", .heading))
        var judges = TextTable([.init(title: "   judge", priority: 10), .init(title: "model", priority: 7), .init(title: "threshold", alignRight: true, priority: 9),
                                .init(title: "config", priority: 9), .init(title: "since", priority: 8), .init(title: "note", priority: 5, flexible: true, minimum: 8)])
        for judge in evals.judges {
            let history = world.history(StatePath.judge(judge.id)).filter { $0.at <= now }
            let current = history.last
            judges.add([Segment("   " + judge.id), Segment(judge.model), Segment(Format.number(judge.threshold, decimals: 2)), Segment(current?.value ?? "?"),
                        Segment(current.map { clock.date($0.at, now: now) } ?? ""), Segment((current?.note ?? "") + (current?.by.isEmpty == false ? " (\(current!.by))" : ""), .dim)])
            evidence.append(EvidenceID.judge(judge.id))
        }
        lines += judges.render(width: width)
        lines.append(Line(" Recent gated runs", .heading))
        var runs = evals.runs.filter { $0.at <= now }.map { ($0, $0.at) }
        if let refreshed { runs += evals.effectiveRefresh.runs.map { ($0, refreshed + $0.at) }.filter { $0.1 <= now } }
        var table = TextTable([.init(title: "   run", priority: 10), .init(title: "when", priority: 8), .init(title: "set", priority: 8),
                               .init(title: "target", priority: 9, flexible: true, minimum: 10), .init(title: "score", alignRight: true, priority: 9),
                               .init(title: "gate", priority: 10), .init(title: "note", priority: 4, flexible: true, minimum: 8)])
        for (run, at) in runs.sorted(by: { $0.1 > $1.1 }).prefix(8) {
            let threshold = run.threshold.isNaN ? (scenario.world.judge(run.judge)?.threshold ?? 0) : run.threshold
            table.add([Segment("   " + run.id), Segment(clock.date(at, now: now)), Segment(run.set), Segment(run.target),
                       Segment(Format.number(run.score, decimals: 2) + " / " + Format.number(threshold, decimals: 2)),
                       Segment(run.passed ? "passed" : "FAILED", run.passed ? .good : .bad), Segment(run.note, .dim)])
            evidence.append(EvidenceID.evalRun(run.id))
        }
        lines += table.render(width: width)
        return Drawn(lines, evidence: evidence)
    }

    func ago(_ time: SimDuration) -> String { (session.now - time).spoken + " ago" }

    /// The live traffic's intent mix over the last hour, if requests carry an `intent`.
    func liveMix() -> [(key: String, share: Double)] {
        let (model, world, now, scenario) = (session.model, session.world, session.now, session.scenario)
        guard scenario.traffic.classes.contains(where: { $0.name == "intent" }) else { return [] }
        var counts: [String: Double] = [:], total = 0.0
        model.forEach(from: now - .hours(1), to: now, world: world, maxPerMinute: 40) { request, weight in
            guard request.source == 0 else { return }
            counts[model.attribute("intent", of: request, world: world) ?? "(none)", default: 0] += weight
            total += weight
        }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { (key: $0.key, share: total > 0 ? 100 * $0.value / total : 0) }
    }
}
