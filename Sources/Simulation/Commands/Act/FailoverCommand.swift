import ScenarioFormat

/// `failover index REPLICA`: out of rotation; its peers take its traffic.
struct FailoverCommand: ActionCommand {
    static let spec = CommandSpec("failover", usage: "failover index REPLICA", summary: "take a replica out of rotation; its peers take its traffic", cost: .action,
                                  arguments: [.keyword(["index"]), .word(.replica)], group: .act)

    let action: WorldAction
    init(action: WorldAction) { self.action = action }

    func describe(_ outcome: Session.ActionOutcome, in session: Session) -> String {
        guard case .failoverIndex(let replica) = action else { return "" }
        guard outcome.changed, let (index, _) = session.scenario.world.replica(replica) else { return "\(replica) is already out of rotation." }
        let others = index.replicas.map(\.id).filter { $0 != replica && outcome.before.value(StatePath.rotation(ofReplica: $0), at: session.now) == "in" }
        return "\(replica) taken out of rotation for \(index.id); " + (others.isEmpty ? "no replica is left serving it." : "\(others.joined(separator: " and ")) now \(others.count == 1 ? "serves" : "serve") it.")
    }
}
