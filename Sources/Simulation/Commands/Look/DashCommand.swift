import ScenarioFormat

/// `dash [NAME] [--window 6h]`: the dashboards, or one drawn as Grafana-like panels.
struct DashCommand: TraineeCommand {
    static let spec = CommandSpec("dash", usage: "dash [NAME] [--window 6h]", summary: "list dashboards, or draw one",
                                  details: "Each row is a sparkline over the window with the current value (last 5 min) and a baseline: the same hour yesterday for request metrics and registry gauges, the declared normal for ambient ones. Code deploys are marked, as a real dashboard would mark them.",
                                  cost: .dash, otherCosts: [(.dashList, "the list")], arguments: [.word(.dashboard)], flags: [.value("--window")], group: .look)

    let name: String?
    let window: String?

    init(_ words: [String]) throws(CommandProblem) {
        let arguments = try CommandArguments(words, flags: Self.spec.flags)
        window = arguments.value("--window")
        guard let name = arguments.positional.first else {
            guard arguments.flags.isEmpty else { throw CommandProblem("Usage: dash NAME [--window 6h]; `dash` alone lists dashboards.") }
            self.name = nil
            return
        }
        guard arguments.positional.count == 1 else { throw CommandProblem("Usage: dash NAME [--window 6h]") }
        self.name = name
    }

    func run(in session: inout Session, width: Int) -> CommandOutput {
        let pack = session.pack
        guard let name else { return .drawn(DashboardView.list(pack: pack, width: width), cost: .dashList) }
        guard let dashboard = pack.dashboard(name) else {
            let guess = Suggestion.closest(to: name, in: pack.dashboards.map(\.id))
            return .error("No dashboard `\(name.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" } ?? "; `dash` lists them."))
        }
        let span: SimDuration
        switch CommandArguments.window(window, default: .hours(6)) {
        case .failure(let problem): return .error(problem)
        case .success(let value): span = value
        }
        // Replaying only to grade: a dashboard's evidence is its panels' metrics, whatever they show.
        guard session.drawsScreens else {
            let shown = dashboard.panels.compactMap { session.scenario.metric($0.metric, pack: pack) }.map { EvidenceID.metric($0.id) }
            return CommandOutput(evidence: shown, cost: .dash)
        }
        return .drawn(DashboardView(session: session, dashboard: dashboard, span: span).draw(width: width), cost: .dash)
    }
}
