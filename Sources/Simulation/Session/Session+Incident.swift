import ScenarioFormat

/// The incident's state over time (burning, contained, fixed) and everything scheduled to
/// happen between prompts: timeline events, owners' replies and work, reopened pages.
extension Session {
    /// Whether the cause is present at `time`.
    public func causeHolds(at time: SimDuration) -> Bool {
        Predicate.compile(scenario.truth.cause, table: world.table, classes: []).holds(world: world, at: time)
    }

    /// Whether an action's writes are all in force at `time`: the one rule the session (for
    /// containment) and the grader (for credit) both read.
    public func inForce(_ action: WorldAction, at time: SimDuration) -> Bool {
        let writes = StatePath.writes(action, world: scenario.world)
        return !writes.isEmpty && writes.allSatisfy { world.value($0.path, at: time) == $0.value }
    }

    /// Whether a declared containment is in force at `time`.
    public func contained(at time: SimDuration) -> Bool {
        scenario.truth.containment.contains { inForce($0.action.value, at: time) }
    }

    /// When the cause began (its latest onset before `time`), if it holds.
    public func onset(before time: SimDuration) -> SimDuration? {
        let predicate = Predicate.compile(scenario.truth.cause, table: world.table, classes: [])
        return Intervals(of: predicate, world: world).containing(time)?.start
    }

    /// When the cause first stopped holding after the page, if it has.
    public func fixedAt() -> SimDuration? {
        let predicate = Predicate.compile(scenario.truth.cause, table: world.table, classes: [])
        let intervals = Intervals(of: predicate, world: world)
        guard let first = intervals.containing(.zero) else { return .zero }
        return first.end
    }

    // MARK: Scheduled events

    struct Scheduled {
        var id: String
        var at: SimDuration
        var kind: Kind

        enum Kind {
            case timeline(TimelineEvent)
            case acknowledge(escalation: Int)
            case teamWork(escalation: Int)
            case reopenCheck(resolve: Int)
            case evalRun(Evals.Run, refreshedAt: SimDuration)
        }
    }

    /// Everything due that has not been delivered, in time order.
    func scheduled() -> [Scheduled] {
        var items: [Scheduled] = []
        let fix = scenario.timeline.contains(where: \.countsFromFix) ? fixedAt() : nil
        for event in scenario.timeline {
            if event.countsFromFix {
                // Only once the cause has gone, and only if it went after the page.
                guard let fix, fix > .zero else { continue }
                items.append(Scheduled(id: "timeline:\(event.id)", at: fix + event.at, kind: .timeline(event)))
            } else {
                items.append(Scheduled(id: "timeline:\(event.id)", at: event.at, kind: .timeline(event)))
            }
        }
        for (index, escalation) in record.escalations.enumerated() {
            items.append(Scheduled(id: "ack:\(index)", at: escalation.acknowledged, kind: .acknowledge(escalation: index)))
            if case .acts(let at) = escalation.outcome {
                items.append(Scheduled(id: "work:\(index)", at: at, kind: .teamWork(escalation: index)))
            }
        }
        for (index, time) in record.resolves.enumerated() {
            items.append(Scheduled(id: "reopen:\(index)", at: time + .minutes(5), kind: .reopenCheck(resolve: index)))
        }
        if let refreshed = world.history(StatePath.evalsRefresh).first(where: { $0.value == "done" })?.at {
            for run in scenario.world.evals.effectiveRefresh.runs {
                items.append(Scheduled(id: "evalrun:\(run.id)", at: refreshed + run.at, kind: .evalRun(run, refreshedAt: refreshed)))
            }
        }
        return items.filter { !record.delivered.contains($0.id) }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }

    /// Moves the clock forward, delivering what falls due on the way, in order.
    mutating func advance(by duration: SimDuration) -> [Notice] {
        let target = now + max(.zero, duration)
        var notifications: [Notice] = []
        while let next = scheduled().first, next.at <= target {
            if next.at > now { now = next.at }
            record.delivered.insert(next.id)
            if let delivered = deliver(next) { notifications.append(delivered) }
        }
        now = target
        return notifications
    }

    private mutating func deliver(_ item: Scheduled) -> Notice? {
        switch item.kind {
        case .timeline(let event):
            let fixed = !causeHolds(at: item.at)
            let open: Bool
            switch event.gate {
            case .always: open = true
            case .fixed: open = fixed
            case .unfixed: open = !fixed
            case .burning: open = !fixed && !contained(at: item.at)
            }
            return open ? Notice(time: item.at, from: event.from, text: event.text, style: .warning) : nil
        case .acknowledge(let index):
            let escalation = record.escalations[index]
            guard let team = scenario.teams.first(where: { $0.id == escalation.team }) else { return nil }
            let text: String
            switch escalation.outcome {
            case .acts:
                text = team.acknowledges.isEmpty ? "Acknowledged. We see it too; working on it now." : team.acknowledges
            case .asks:
                text = "Acknowledged. Nothing obvious on our side yet: what surface, and what evidence? Page us again with it."
            case .bounces:
                text = team.bounces.isEmpty ? "Acknowledged. Nothing in our area changed and our dashboards are clean; this does not look like ours. Sending it back." : team.bounces
            }
            return Notice(time: item.at, from: team.name, text: text, style: .accent)
        case .teamWork(let index):
            let escalation = record.escalations[index]
            guard let team = scenario.teams.first(where: { $0.id == escalation.team }) else { return nil }
            var said: [String] = []
            for capability in team.can {
                if let text = capability.action {
                    let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
                    if case .success(let action) = WorldAction.parse(words) {
                        for write in StatePath.writes(action, world: scenario.world) {
                            _ = world.record(write.path, value: write.value, at: item.at, by: team.name)
                        }
                    }
                }
                for set in capability.sets { _ = world.record(set.key, value: set.value, at: item.at, by: team.name) }
                said.append(capability.says)
            }
            return said.isEmpty ? nil : Notice(time: item.at, from: team.name, text: said.joined(separator: " "), style: .accent)
        case .reopenCheck:
            guard causeHolds(at: item.at) else { return nil }
            record.reopened.append(item.at)
            let text = contained(at: item.at)
                ? "Re-opened: the workaround is holding, but the cause is still there. Customers are asking when normal service returns."
                : "PAGE RE-FIRED: \(renderedPageTitle(at: item.at)). The incident is open again."
            return Notice(time: item.at, from: "PagerDuty", text: text, style: .bad)
        case .evalRun(let run, _):
            let threshold = run.threshold.isNaN ? (scenario.world.judge(run.judge)?.threshold ?? 0) : run.threshold
            let verdict = run.passed ? "passed" : "FAILED"
            let text = "\(run.id): \(run.set) on \(run.target): score \(Format.number(run.score, decimals: 2)) (threshold \(Format.number(threshold, decimals: 2))) — gate \(verdict)."
                + (run.note.isEmpty ? "" : " \(run.note)")
            return Notice(time: item.at, from: "eval-service", text: text, style: run.passed ? .accent : .bad)
        }
    }
}

extension Session {
    /// Whether anything scheduled falls due by `time`: the console ticks the clock only then.
    public func hasEventDue(by time: SimDuration) -> Bool {
        scheduled().contains { $0.at <= time }
    }
}
