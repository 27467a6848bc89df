import ScenarioFormat

extension CostTable {
    /// Where a pack's cost table and the commands disagree: a price a command is charged
    /// under that the table lacks (it would silently cost `default`), or a key no command
    /// uses (a typo, or a command that no longer exists). Each a sentence for lint.
    public func problemsAgainstCommands() -> [(key: String, message: String)] {
        var problems: [(String, String)] = []
        for spec in CommandRegistry.specs {
            for key in spec.costKeys where costs[key.rawValue] == nil {
                problems.append((key.rawValue, "no price for `\(key.rawValue)`, which `\(spec.name)` is charged under; it would cost the `default` price unnoticed"))
            }
        }
        let known = Set(CostKey.allCases.map(\.rawValue) + ["default"])
        for key in (Array(costs.keys) + Array(perItem.keys)).sorted() where !known.contains(key) {
            let guess = Suggestion.closest(to: key, in: known.sorted())
            problems.append((key, "no command is charged under `\(key)`" + (guess.map { "; did you mean `\($0)`?" } ?? "")))
        }
        // One problem per key: `samples`, say, is charged by one command only.
        var seen = Set<String>()
        return problems.filter { seen.insert($0.0 + $0.1).inserted }
    }
}
