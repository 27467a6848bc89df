import ScenarioFormat

/// The registries of each surface, as their own consoles would show them.
extension Session {
    func ago(_ time: SimDuration) -> String { (now - time).spoken + " ago" }

    /// An alias someone pinned during the incident is pinned, whatever its declared policy.
    func policy(_ alias: ModelAlias, latest: Change) -> String {
        let original = alias.history.contains { $0.at == latest.at && $0.value == latest.value }
        return original ? alias.policy : "pinned"
    }

    func deploys() -> Output {
        let deploys = scenario.world.deploys.filter { $0.at <= now }.sorted { $0.at > $1.at }
        var table = TextTable([.init(title: "deploy", priority: 10), .init(title: "service", priority: 9), .init(title: "version", priority: 7),
                               .init(title: "finished", priority: 8), .init(title: "by", priority: 4), .init(title: "state", priority: 6),
                               .init(title: "change", priority: 5, flexible: true, minimum: 12)])
        for deploy in deploys {
            let state = world.value("deploy/\(deploy.id)", at: now) ?? "live"
            table.add([Segment(deploy.id, .id), Segment(deploy.service), Segment(deploy.version), Segment("\(clock.date(deploy.at, now: now)) (\(ago(deploy.at)))"),
                       Segment(deploy.by), Segment(state, state == "live" ? .plain : .warning), Segment(deploy.change)])
        }
        var lines = [Line(" Deploy log", .heading)] + table.render(width: width)
        if !deploys.contains(where: { $0.at >= now - .hours(72) }) { lines.append(Line(" No code deploys in the last 72h.", .dim)) }
        return Output(lines: lines, evidence: deploys.map { "deploy:\($0.id)" }, cost: "registry")
    }

    func models() -> Output {
        var table = TextTable([.init(title: "alias", priority: 10), .init(title: "resolves to", priority: 10), .init(title: "since", priority: 8),
                               .init(title: "changed by", priority: 6, flexible: true, minimum: 10), .init(title: "policy", priority: 5)])
        for alias in scenario.world.models {
            let history = world.history("alias/\(alias.alias)").filter { $0.at <= now }
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
            for text in flow(versions, width: width - 6 - alias.alias.count) { lines.append(Line("   \(alias.alias): \(text)", .dim)) }
        }
        return Output(lines: lines, evidence: scenario.world.models.map { "alias:\($0.alias)" }, cost: "registry")
    }

    func prompts(_ args: [String]) -> Output {
        if let first = args.first {
            guard first == "diff", args.count == 3 else { return .error("Usage: prompts [diff A B]") }
            return promptDiff(args[1], args[2])
        }
        var table = TextTable([.init(title: "prompt", priority: 10), .init(title: "region", priority: 10), .init(title: "serving", priority: 10),
                               .init(title: "since", priority: 8), .init(title: "by", priority: 5, flexible: true, minimum: 8)])
        var evidence: [String] = []
        for prompt in scenario.world.prompts {
            evidence.append("prompt:\(prompt.id)")
            for (index, region) in scenario.world.regions.enumerated() {
                let history = world.history("prompt/\(prompt.id)/\(region)").filter { $0.at <= now }
                guard let current = history.last else { continue }
                table.add([Segment(index == 0 ? prompt.id : "", .bold), Segment(region), Segment(current.value), Segment(clock.date(current.at, now: now)), Segment(current.by, .dim)])
                evidence.append("prompt:\(prompt.id)/\(region)")
            }
        }
        var lines = [Line(" Prompt registry", .heading)] + table.render(width: width)
        for prompt in scenario.world.prompts {
            let versions = prompt.versions.filter { $0.at <= now }.map { "\($0.id) (\(clock.day($0.at, now: now)), \($0.author))" }
            for text in flow(versions, width: width - 14 - prompt.id.count) { lines.append(Line("   \(prompt.id) versions: \(text)", .dim)) }
        }
        lines.append(Line(" `prompts diff A B` compares two versions.", .dim))
        return Output(lines: lines, evidence: evidence, cost: "registry")
    }

    private func promptDiff(_ a: String, _ b: String) -> Output {
        let versions = scenario.world.prompts.flatMap { prompt in prompt.versions.filter { $0.at <= now }.map { (prompt, $0) } }
        func find(_ id: String) -> (Prompt, Prompt.Version)? { versions.first { $0.1.id == id } }
        for id in [a, b] where find(id) == nil {
            let guess = Suggestion.closest(to: id, in: versions.map(\.1.id))
            return .error("No prompt version `\(id.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? "; `prompts` lists them."))
        }
        let (_, old) = find(a)!, (_, new) = find(b)!
        var lines = [Line("--- \(old.id)  (\(old.author), \(clock.date(old.at, now: now)))", .bad), Line("+++ \(new.id)  (\(new.author), \(clock.date(new.at, now: now)))", .good)]
        if !new.change.isEmpty { lines.append(Line("    change note: \(new.change)", .dim)) }
        let diff = LineDiff.diff(old.text.components(separatedBy: "\n"), new.text.components(separatedBy: "\n"))
        if !diff.contains(where: { $0.kind != .same }) { lines.append(Line(" The two versions are identical.", .dim)) }
        for entry in LineDiff.withContext(diff, context: 2) {
            switch entry {
            case .gap: lines.append(Line(" …", .dim))
            case .line(let line):
                let mark = line.kind == .added ? "+" : (line.kind == .removed ? "-" : " ")
                let style: Style = line.kind == .added ? .good : (line.kind == .removed ? .bad : .dim)
                for (index, text) in line.text.wrapped(to: width - 4).enumerated() { lines.append(Line((index == 0 ? mark : " ") + " " + text, style)) }
            }
        }
        return Output(lines: lines, evidence: ["diff:\(old.id)..\(new.id)", "prompt-version:\(old.id)", "prompt-version:\(new.id)"], cost: "prompts.diff")
    }

    func indexes() -> Output {
        var lines: [Line] = []
        var evidence: [String] = []
        for index in scenario.world.indexes {
            let builds = index.builds.filter { $0.at <= now }.sorted { $0.at > $1.at }
            let latest = builds.first
            lines.append(Line([Segment(" \(index.id)", .heading), Segment("  embedding \(index.embedding) · \(Format.grouped(Int64(index.documents))) docs · latest build " +
                               (latest.map { "\($0.id) (\(clock.date($0.at, now: now)), \($0.status))" } ?? "none"), .dim)]))
            evidence.append("index:\(index.id)")
            var table = TextTable([.init(title: "replica", priority: 10), .init(title: "zone", priority: 5), .init(title: "build", priority: 7),
                                   .init(title: "health", priority: 10), .init(title: "rotation", priority: 9), .init(title: "since", priority: 8),
                                   .init(title: "note", priority: 4, flexible: true, minimum: 8)])
            for replica in index.replicas {
                let health = world.history("replica/\(replica.id)").filter { $0.at <= now }.last
                let rotation = world.value("replica/\(replica.id)/rotation", at: now) ?? "in"
                let status = health?.value ?? "unknown"
                table.add([Segment("  " + replica.id), Segment(replica.zone), Segment(replica.build), Segment(status, status == "up" ? .good : .bad),
                           Segment(rotation, rotation == "in" ? .plain : .warning), Segment(health.map { clock.date($0.at, now: now) } ?? ""), Segment(health?.note ?? "", .dim)])
                evidence.append("replica:\(replica.id)")
            }
            lines += table.render(width: width)
            for build in builds.prefix(3) {
                lines.append(Line("   build \(build.id): \(clock.date(build.at, now: now)), \(Format.grouped(Int64(build.documents))) docs from \(build.source) — \(build.status)", .dim))
                evidence.append("build:\(build.id)")
            }
        }
        return Output(lines: lines, evidence: evidence, cost: "registry")
    }

    func evals() -> Output {
        let evals = scenario.world.evals
        let refreshed = world.history("evals/refresh").first { $0.value == "done" && $0.at <= now }?.at
        var lines = [Line(" Eval sets", .heading)]
        var evidence: [String] = []
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
            evidence.append("evalset:\(set.id)")
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
            let history = world.history("judge/\(judge.id)").filter { $0.at <= now }
            let current = history.last
            judges.add([Segment("   " + judge.id), Segment(judge.model), Segment(Format.number(judge.threshold, decimals: 2)), Segment(current?.value ?? "?"),
                        Segment(current.map { clock.date($0.at, now: now) } ?? ""), Segment((current?.note ?? "") + (current?.by.isEmpty == false ? " (\(current!.by))" : ""), .dim)])
            evidence.append("judge:\(judge.id)")
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
            evidence.append("evalrun:\(run.id)")
        }
        lines += table.render(width: width)
        return Output(lines: lines, evidence: evidence, cost: "registry")
    }

    /// The live traffic's intent mix over the last hour, if requests carry an `intent`.
    func liveMix() -> [(key: String, share: Double)] {
        guard scenario.traffic.classes.contains(where: { $0.name == "intent" }) else { return [] }
        var counts: [String: Double] = [:], total = 0.0
        model.forEach(from: now - .hours(1), to: now, world: world, maxPerMinute: 40) { request, weight in
            guard request.source == 0 else { return }
            counts[model.attribute("intent", of: request, world: world) ?? "(none)", default: 0] += weight
            total += weight
        }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { (key: $0.key, share: total > 0 ? 100 * $0.value / total : 0) }
    }

    func tools() -> Output {
        var stats: [String: (calls: Double, errors: Double)] = [:]
        model.forEach(from: now - .hours(1), to: now, world: world, maxPerMinute: 60) { request, weight in
            let shape = model.template(of: request)
            for (index, span) in shape.spans.enumerated() where (span.kind == "TOOL" || span.kind == "RETRIEVER") && model.spanPresent(index, of: request) {
                guard let attribute = span.attributes.first(where: { $0.key == "gen_ai.tool.name" }) else { continue }
                let name = model.generate(attribute.generator, salt: attribute.salt, request: request, world: world)
                var entry = stats[name] ?? (0, 0)
                entry.calls += weight
                if model.spanIsError(index, of: request) { entry.errors += weight }
                stats[name] = entry
            }
        }
        var table = TextTable([.init(title: "tool", priority: 10), .init(title: "provider", priority: 6), .init(title: "access", priority: 7),
                               .init(title: "schema", priority: 10), .init(title: "since", priority: 9), .init(title: "enabled", priority: 8),
                               .init(title: "timeout", alignRight: true, priority: 5), .init(title: "calls/h", alignRight: true, priority: 8),
                               .init(title: "errors", alignRight: true, priority: 9)])
        for tool in scenario.world.tools {
            let schema = world.history("tool/\(tool.id)").filter { $0.at <= now }.last
            let enabled = world.value("tool/\(tool.id)/enabled", at: now) ?? "on"
            let stat = stats[tool.id]
            let errorRate = stat.map { $0.calls > 0 ? 100 * $0.errors / $0.calls : 0 }
            table.add([Segment(tool.id, .bold), Segment(tool.provider), Segment(tool.access), Segment(schema?.value ?? "?"),
                       Segment(schema.map { clock.date($0.at, now: now) } ?? ""), Segment(enabled, enabled == "on" ? .plain : .warning),
                       Segment(Format.milliseconds(Double(tool.timeout.milliseconds))), Segment(stat.map { Format.grouped(Int64($0.calls.rounded())) } ?? "0"),
                       Segment(errorRate.map { Format.number($0, decimals: 1) + "%" } ?? "–", (errorRate ?? 0) > 5 ? .bad : .plain)])
        }
        var lines = [Line(" Tool registry · calls and errors over the last hour", .heading)] + table.render(width: width)
        for tool in scenario.world.tools {
            let schema = world.history("tool/\(tool.id)").filter { $0.at <= now }
            if let last = schema.last, !last.note.isEmpty || schema.count > 1 {
                let note = last.note.isEmpty ? "" : " — \(last.note)"
                lines.append(Line("   \(tool.id): schema \(last.value) since \(clock.date(last.at, now: now)) by \(last.by.isEmpty ? tool.provider : last.by)\(note)".truncated(to: width - 1), .dim))
            }
        }
        return Output(lines: lines, evidence: scenario.world.tools.map { "tool:\($0.id)" }, cost: "registry")
    }

    func usage(_ args: [String]) -> Output {
        let parsed: (positional: [String], flags: [(String, String)])
        switch parseFlags(args, allowed: ["--by", "--window"]) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): parsed = value
        }
        guard parsed.positional.isEmpty else { return .error("Usage: usage [--by key|tenant|model] [--window 1h]") }
        let by = parsed.flags.first { $0.0 == "--by" }?.1 ?? "key"
        guard ["key", "tenant", "model"].contains(by) else { return .error("`--by` takes key, tenant or model.") }
        let span: SimDuration
        switch window(parsed.flags.first { $0.0 == "--window" }?.1, default: .hours(1)) {
        case .failure(let problem): return .error(problem.message)
        case .success(let value): span = value
        }
        struct Totals { var requests = 0.0, input = 0.0, output = 0.0, cost = 0.0 }
        func collect(from: SimDuration, to: SimDuration) -> [String: Totals] {
            var totals: [String: Totals] = [:]
            let minutes = max(1, Int((to - from).milliseconds / 60_000))
            model.forEach(from: from, to: to, world: world, maxPerMinute: max(20, 60_000 / minutes)) { request, weight in
                let group: String
                if by == "model" {
                    group = model.attribute("gen_ai.response.model", of: request, world: world) ?? "(no model call)"
                } else {
                    group = model.attribute(by, of: request, world: world) ?? "(none)"
                }
                let usage = model.usage(request, world: world)
                var entry = totals[group] ?? Totals()
                entry.requests += weight
                entry.input += usage.input * weight
                entry.output += usage.output * weight
                entry.cost += usage.cost * weight
                totals[group] = entry
            }
            return totals
        }
        let current = collect(from: now - span, to: now)
        let previous = collect(from: now - span - .days(1), to: now - .days(1))
        var table = TextTable([.init(title: by, priority: 10, flexible: true, minimum: 10), .init(title: "requests", alignRight: true, priority: 8),
                               .init(title: "tokens in", alignRight: true, priority: 6), .init(title: "tokens out", alignRight: true, priority: 7),
                               .init(title: "spend", alignRight: true, priority: 10), .init(title: "a day earlier", alignRight: true, priority: 9),
                               .init(title: "change", alignRight: true, priority: 9)])
        let groups = Set(current.keys).union(previous.keys).sorted { (current[$0]?.cost ?? 0, $1) > (current[$1]?.cost ?? 0, $0) }
        for group in groups.prefix(20) {
            let now = current[group] ?? Totals(), before = previous[group] ?? Totals()
            let change: String
            if before.cost > 0.005 { change = (now.cost >= before.cost ? "+" : "") + Format.number(100 * (now.cost - before.cost) / before.cost, decimals: 0) + "%" } else { change = now.cost > 0.005 ? "new" : "–" }
            let alarming = before.cost > 0.005 ? now.cost / before.cost > 2 : now.cost > 1
            table.add([Segment(group, .bold), Segment(Format.grouped(Int64(now.requests.rounded()))), Segment(Format.compact(now.input)),
                       Segment(Format.compact(now.output)), Segment(Format.dollars(now.cost)), Segment(Format.dollars(before.cost), .dim),
                       Segment(change, alarming ? .bad : .plain)])
        }
        let total = current.values.reduce(0) { $0 + $1.cost }
        var lines = [Line([Segment(" Spend by \(by)", .heading), Segment(" · last \(span) vs the same window a day earlier · total \(Format.dollars(total))", .dim)])]
        lines += table.render(width: width)
        var evidence = groups.prefix(20).map { "usage:\(by):\($0)" }
        if by != "model" { evidence += groups.prefix(20).map { "\(by):\($0)" } }
        return Output(lines: lines, evidence: evidence, cost: "usage")
    }

    func keys() -> Output {
        var table = TextTable([.init(title: "key", priority: 10), .init(title: "owner", priority: 8), .init(title: "tenants", priority: 6, flexible: true, minimum: 6),
                               .init(title: "shared", priority: 9), .init(title: "created", priority: 5), .init(title: "status", priority: 10),
                               .init(title: "rate limit", priority: 7), .init(title: "note", priority: 4, flexible: true, minimum: 8)])
        for key in scenario.world.keys {
            let status = world.value("key/\(key.id)", at: now) ?? "active"
            let limit = world.value("ratelimit/\(key.id)", at: now) ?? "none"
            table.add([Segment(key.id, .bold), Segment(key.owner), Segment(key.tenants.joined(separator: ",")), Segment(key.shared ? "yes" : "no", key.shared ? .warning : .plain),
                       Segment(clock.day(key.created, now: now)), Segment(status, status == "active" ? .plain : .warning),
                       Segment(limit == "none" ? "–" : "\(limit)/min"), Segment(key.note, .dim)])
        }
        return Output(lines: [Line(" API keys", .heading)] + table.render(width: width), evidence: scenario.world.keys.map { "key:\($0.id)" }, cost: "registry")
    }

    func flags() -> Output {
        var table = TextTable([.init(title: "flag", priority: 10), .init(title: "value", priority: 10), .init(title: "since", priority: 8),
                               .init(title: "by", priority: 6), .init(title: "what it does", priority: 7, flexible: true, minimum: 10)])
        for flag in scenario.world.flags {
            let current = world.history("flag/\(flag.id)").filter { $0.at <= now }.last
            table.add([Segment(flag.id, .bold), Segment(current?.value ?? "?"), Segment(current.map { clock.date($0.at, now: now) } ?? ""),
                       Segment(current?.by ?? "", .dim), Segment(flag.description, .dim)])
        }
        return Output(lines: [Line(" Feature flags", .heading)] + table.render(width: width), evidence: scenario.world.flags.map { "flag:\($0.id)" }, cost: "registry")
    }

    func services() -> Output {
        var table = TextTable([.init(title: "service", priority: 10), .init(title: "owner", priority: 9), .init(title: "pods", alignRight: true, priority: 8),
                               .init(title: "version", priority: 7), .init(title: "role", priority: 6, flexible: true, minimum: 10)])
        for service in scenario.world.services {
            table.add([Segment(service.id, .bold), Segment(service.owner), Segment(world.value("service/\(service.id)/pods", at: now) ?? String(service.pods)),
                       Segment(service.version), Segment(service.role, .dim)])
        }
        return Output(lines: [Line(" Services", .heading)] + table.render(width: width), evidence: scenario.world.services.map { "service:\($0.id)" }, cost: "registry")
    }

    func teams() -> Output {
        var table = TextTable([.init(title: "team", priority: 10), .init(title: "name", priority: 8, flexible: true, minimum: 10), .init(title: "owns", priority: 9)])
        for team in scenario.teams { table.add([Segment(team.id, .bold), Segment(team.name), Segment(team.owns.joined(separator: ", "))]) }
        return Output(lines: [Line(" Teams you can page", .heading)] + table.render(width: width) + [Line(" `escalate TEAM \"what you see\"` pages one.", .dim)], cost: "teams")
    }
}
