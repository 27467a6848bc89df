import ScenarioFormat

/// Every world state path a scenario can read or write, numbered once so the per-request
/// function looks states up by index rather than by string.
final class StateTable: Sendable {
    let paths: [String]
    private let slots: [String: Int]

    init(paths: [String]) {
        var unique: [String] = []
        var slots: [String: Int] = [:]
        for path in paths where slots[path] == nil {
            slots[path] = unique.count
            unique.append(path)
        }
        self.paths = unique
        self.slots = slots
    }

    func slot(_ path: String) -> Int? { slots[path] }
    func slot(_ path: StatePath) -> Int? { slots[path.description] }

    /// Every path the world has: one per registry item and facet, and one per action target.
    static func paths(for world: World) -> [String] {
        var paths: [StatePath] = []
        paths += world.models.map { .alias($0.alias) }
        for prompt in world.prompts { paths += world.regions.map { .prompt(prompt.id, region: $0) } }
        for index in world.indexes {
            for replica in index.replicas { paths += [.replica(replica.id), .rotation(ofReplica: replica.id)] }
        }
        for tool in world.tools { paths += [.tool(tool.id), .enabled(tool: tool.id)] }
        paths += world.flags.map { .flag($0.id) }
        paths += world.keys.map { .key($0.id) }
        paths += (world.keys.map(\.id) + world.tenants.map(\.id)).map { .ratelimit($0) }
        paths += world.deploys.map { .deploy($0.id) }
        paths += world.services.map { .pods(ofService: $0.id) }
        paths += world.evals.judges.map { .judge($0.id) }
        paths.append(.evalsRefresh)
        return paths.map(\.description)
    }
}
