import ScenarioFormat

/// `refresh evals`: re-sample the eval sets from production and re-run the gates.
struct RefreshCommand: ActionCommand {
    static let spec = CommandSpec("refresh", usage: "refresh evals", summary: "re-sample eval sets from production and re-run the gates", cost: .refresh,
                                  arguments: [.keyword(["evals"])], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard outcome.changed else {
            let at = outcome.before.history(StatePath.evalsRefresh).first { $0.value == "done" }?.at ?? session.now
            return "The eval sets were already refreshed at \(session.clock.clock(at))."
        }
        let says = session.scenario.world.evals.refresh?.says ?? ""
        return says.isEmpty ? "Re-sampling the eval sets from the last 7 days of production traffic; gated runs will follow." : says
    }
}
