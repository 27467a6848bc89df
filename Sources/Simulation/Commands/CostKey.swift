/// A price in the pack's cost table (`Scenarios/costs.yaml`). Typed, so a command cannot be
/// charged under a key the table does not have: `nightshift scenario lint` checks the table
/// against every key the commands use, and the table against this list.
public enum CostKey: String, Sendable, CaseIterable {
    case help, page, status, learn, hint, quit, postmortem, teams, runbook
    case dashList = "dash.list", dash, metric, traces, tracesBy = "traces.by", trace, samples, logs
    case registry, promptsDiff = "prompts.diff", usage
    case declare, escalate, update, action, refresh, resolve
}
