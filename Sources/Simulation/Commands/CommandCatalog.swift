import ScenarioFormat

/// Every command a trainee can type: how it is written, what it does, what it costs, and
/// what its arguments complete from. Help, "did you mean" and completion all read this.
public struct CommandSpec: Sendable {
    /// What an argument position completes from.
    public enum ArgumentKind: String, Sendable {
        case command, dashboard, metric, service, alias, version, promptVersion, region, replica, key, tenant, keyOrTenant,
             tool, flag, onOff, surface, team, traceID, attribute, topic, deploy, usageBy, none
    }

    public var name: String
    public var usage: String
    public var summary: String
    public var details: String
    /// Key into the pack's cost table.
    public var cost: String
    public var arguments: [ArgumentKind]
    public var flags: [(name: String, kind: ArgumentKind)]
    public var group: String
}

public enum CommandCatalog {
    public static let all: [CommandSpec] = [
        CommandSpec(name: "help", usage: "help [COMMAND]", summary: "list commands, or explain one", details: "", cost: "help",
                    arguments: [.command], flags: [], group: "session"),
        CommandSpec(name: "page", usage: "page", summary: "show the page again", details: "", cost: "page", arguments: [], flags: [], group: "session"),
        CommandSpec(name: "status", usage: "status", summary: "clock, impact, what you declared and did", details: "", cost: "status",
                    arguments: [], flags: [], group: "session"),
        CommandSpec(name: "wait", usage: "wait DURATION", summary: "let time pass, watching (up to 1h)",
                    details: "Lets simulated time pass without doing anything else, as you would while watching whether a change took: events and escalation replies arrive meanwhile. `wait 5m`, `wait 90s`; from 10s to 1h.",
                    cost: "wait", arguments: [], flags: [], group: "session"),
        CommandSpec(name: "dash", usage: "dash [NAME] [--window 6h]", summary: "list dashboards, or draw one",
                    details: "Each row is a sparkline over the window with the current value (last 5 min) and a baseline: the same hour yesterday for request metrics and registry gauges, the declared normal for ambient ones. Code deploys are marked, as a real dashboard would mark them.",
                    cost: "dash", arguments: [.dashboard], flags: [("--window", .none)], group: "look"),
        CommandSpec(name: "metric", usage: "metric NAME [--window 6h]", summary: "one series in detail, as a chart",
                    details: "", cost: "metric", arguments: [.metric], flags: [("--window", .none)], group: "look"),
        CommandSpec(name: "traces", usage: "traces [--where EXPR]… [--errors] [--by ATTR]",
                    summary: "recent traces as a table, or counts by an attribute",
                    details: "Also --limit N (default 20) and --window (default 24h for a list, 1h with --by). `--errors` keeps traces with an error span or a 5xx. EXPR compares any attribute or `time`: `gen_ai.response.model=v2`, `status!=ok`, `duration_ms>2000`, `time<02:20`, `time>-30m` (the last thirty minutes). Several --where are ANDed; inside one, `and`, `or`, `not` and parentheses work. A span's own attribute is `SPAN.attr` (`retrieve.duration_ms`). `--by ATTR` counts traces per value instead of listing them.",
                    cost: "traces", arguments: [], flags: [("--where", .attribute), ("--errors", .none), ("--limit", .none), ("--by", .attribute), ("--window", .none)], group: "look"),
        CommandSpec(name: "trace", usage: "trace ID", summary: "one trace as a span tree with attributes", details: "IDs you have seen complete with Tab; a unique prefix of six or more characters is enough.",
                    cost: "trace", arguments: [.traceID], flags: [], group: "look"),
        CommandSpec(name: "samples", usage: "samples [N] [--where EXPR] [--window 30m]", summary: "read N sampled conversations with their feedback",
                    details: "Reading costs time per conversation. `--where feedback=down` reads only the unhappy ones. They come from the last 30 minutes, or the last day when the filter names `time` (`--where time<02:20` reads from before a change).",
                    cost: "samples", arguments: [.none], flags: [("--where", .attribute), ("--window", .none)], group: "look"),
        CommandSpec(name: "logs", usage: "logs SERVICE [--grep TEXT] [--window 30m]", summary: "recent log lines of a service", details: "",
                    cost: "logs", arguments: [.service], flags: [("--grep", .none), ("--window", .none)], group: "look"),
        CommandSpec(name: "deploys", usage: "deploys", summary: "the code deploy log", details: "", cost: "registry", arguments: [], flags: [], group: "registries"),
        CommandSpec(name: "models", usage: "models", summary: "model aliases and what they resolve to", details: "", cost: "registry", arguments: [], flags: [], group: "registries"),
        CommandSpec(name: "prompts", usage: "prompts [diff A B]", summary: "prompt versions per region, or a diff", details: "", cost: "registry",
                    arguments: [.none, .promptVersion, .promptVersion], flags: [], group: "registries"),
        CommandSpec(name: "index", usage: "index", summary: "retrieval indexes, builds, replica health", details: "", cost: "registry", arguments: [], flags: [], group: "registries"),
        CommandSpec(name: "evals", usage: "evals", summary: "eval sets, judges, recent gated runs", details: "", cost: "registry", arguments: [], flags: [], group: "registries"),
        CommandSpec(name: "tools", usage: "tools", summary: "tools, schema versions, error rates", details: "", cost: "registry", arguments: [], flags: [], group: "registries"),
        CommandSpec(name: "usage", usage: "usage [--by key|tenant|model] [--window 1h]", summary: "token spend by key, tenant or model",
                    details: "Spend over the window against the same window a day earlier.", cost: "usage", arguments: [],
                    flags: [("--by", .usageBy), ("--window", .none)], group: "registries"),
        CommandSpec(name: "keys", usage: "keys", summary: "API keys, owners, status", details: "", cost: "registry", arguments: [], flags: [], group: "registries"),
        CommandSpec(name: "flags", usage: "flags", summary: "feature flags and their history", details: "", cost: "registry", arguments: [], flags: [], group: "registries"),
        CommandSpec(name: "services", usage: "services", summary: "services, owners, pods", details: "", cost: "registry", arguments: [], flags: [], group: "registries"),
        CommandSpec(name: "teams", usage: "teams", summary: "who you can page and what they own", details: "", cost: "teams", arguments: [], flags: [], group: "registries"),
        CommandSpec(name: "runbook", usage: "runbook", summary: "the service's runbook (its steps may not apply)", details: "", cost: "runbook", arguments: [], flags: [], group: "teaching"),
        CommandSpec(name: "learn", usage: "learn [TOPIC]", summary: "the AI on-call primer", details: "", cost: "learn", arguments: [.topic], flags: [], group: "teaching"),
        CommandSpec(name: "hint", usage: "hint", summary: "a hint; each is stronger than the last", details: "", cost: "hint", arguments: [], flags: [], group: "teaching"),
        CommandSpec(name: "declare", usage: "declare SURFACE [--evidence REF]", summary: "name the failing surface",
                    details: "REF is what shows it: a trace id, or an item you have looked at (`alias:chat-default`, `replica:kb-prod-r2`, `metric:tool_error_pct`). You can revise a declaration. It never tells you whether you are right.",
                    cost: "declare", arguments: [.surface], flags: [("--evidence", .none)], group: "respond"),
        CommandSpec(name: "escalate", usage: "escalate TEAM [\"MESSAGE\"]", summary: "page a team", details: "Tell them the surface or the evidence, or they will ask what you are seeing.",
                    cost: "escalate", arguments: [.team, .none], flags: [], group: "respond"),
        CommandSpec(name: "update", usage: "update \"TEXT\"", summary: "post a status update", details: "", cost: "update", arguments: [.none], flags: [], group: "respond"),
        CommandSpec(name: "rollback", usage: "rollback deploy ID | prompt VERSION [--region R]", summary: "roll back a code deploy or a prompt",
                    details: "", cost: "action", arguments: [.none, .deploy], flags: [("--region", .region)], group: "act"),
        CommandSpec(name: "restart", usage: "restart SERVICE", summary: "rolling restart of a service", details: "", cost: "action", arguments: [.service], flags: [], group: "act"),
        CommandSpec(name: "scale", usage: "scale SERVICE REPLICAS", summary: "change a service's replica count", details: "", cost: "action", arguments: [.service, .none], flags: [], group: "act"),
        CommandSpec(name: "pin", usage: "pin model ALIAS VERSION", summary: "pin a model alias to a version", details: "", cost: "action", arguments: [.none, .alias, .version], flags: [], group: "act"),
        CommandSpec(name: "failover", usage: "failover index REPLICA", summary: "take a replica out of rotation; its peers take its traffic", details: "", cost: "action",
                    arguments: [.none, .replica], flags: [], group: "act"),
        CommandSpec(name: "revoke", usage: "revoke key ID", summary: "revoke an API key (every caller using it fails)", details: "", cost: "action", arguments: [.none, .key], flags: [], group: "act"),
        CommandSpec(name: "rotate", usage: "rotate key ID", summary: "rotate an API key (registered callers get the new secret)", details: "", cost: "action",
                    arguments: [.none, .key], flags: [], group: "act"),
        CommandSpec(name: "disable", usage: "disable tool NAME", summary: "stop the agent calling a tool", details: "", cost: "action", arguments: [.none, .tool], flags: [], group: "act"),
        CommandSpec(name: "enable", usage: "enable tool NAME", summary: "let the agent call a tool again", details: "", cost: "action", arguments: [.none, .tool], flags: [], group: "act"),
        CommandSpec(name: "flag", usage: "flag NAME on|off", summary: "turn a feature flag on or off", details: "", cost: "action", arguments: [.flag, .onOff], flags: [], group: "act"),
        CommandSpec(name: "ratelimit", usage: "ratelimit KEY|TENANT RPM", summary: "cap requests per minute for a key or tenant", details: "", cost: "action",
                    arguments: [.keyOrTenant, .none], flags: [], group: "act"),
        CommandSpec(name: "refresh", usage: "refresh evals", summary: "re-sample eval sets from production and re-run the gates", details: "", cost: "refresh",
                    arguments: [.none], flags: [], group: "act"),
        CommandSpec(name: "resolve", usage: "resolve", summary: "claim the incident is mitigated", details: "Accepted when asked. If the cause is still there, the incident reopens.",
                    cost: "resolve", arguments: [], flags: [], group: "respond"),
        CommandSpec(name: "postmortem", usage: "postmortem", summary: "record the six facts, detection and prevention", details: "", cost: "postmortem", arguments: [], flags: [], group: "respond"),
        CommandSpec(name: "quit", usage: "quit", summary: "leave (asks first)", details: "", cost: "quit", arguments: [], flags: [], group: "session"),
    ]

    public static func spec(_ name: String) -> CommandSpec? { all.first { $0.name == name } }
    public static var names: [String] { all.map(\.name) }

    public static let groups: [(id: String, title: String)] = [
        ("session", "Session"), ("look", "Look"), ("registries", "Registries"), ("respond", "Respond"), ("act", "Act on the world"), ("teaching", "Learn"),
    ]
}
