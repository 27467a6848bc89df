import ScenarioFormat

/// `help`: the command list by group, and one command with its usage, details and price.
enum HelpView {
    static func index(_ session: Session, width: Int) -> Drawn {
        var lines: [Line] = []
        let specs = CommandRegistry.specs
        let usageWidth = min(max(24, width / 2 - 4), specs.map { $0.usage.displayWidth }.max() ?? 20)
        for group in CommandSpec.Group.allCases {
            lines.append(Line(" \(group.title)", .heading))
            for spec in specs where spec.group == group {
                if !session.settings.allowsTeaching && spec.teaching { continue }
                let usage = spec.usage.truncated(to: usageWidth).padded(to: usageWidth)
                lines.append(Line([Segment("   " + usage + "  ", .accent), Segment(spec.summary.truncated(to: max(10, width - usageWidth - 6)))]))
            }
        }
        lines.append(Line(" `help COMMAND` explains one. Looking costs simulated time; so does acting. Tab completes.", .dim))
        if !session.settings.allowsTeaching { lines.append(Line(" This is a certification run: no hints and no primer.", .dim)) }
        return Drawn(lines)
    }

    static func command(_ spec: CommandSpec, costs: CostTable, width: Int) -> Drawn {
        var lines = [Line(" \(spec.usage)", .bold), Line(" \(spec.summary.prefix(1).uppercased() + spec.summary.dropFirst()).")]
        if !spec.details.isEmpty { lines += spec.details.wrapped(to: width - 2).map { Line(" " + $0) } }
        func price(_ key: CostKey) -> String {
            let cost = costs.cost(of: key.rawValue), perItem = costs.perItemCost(of: key.rawValue)
            var text = cost == .zero ? "no simulated time" : "\(cost.spoken)"
            if perItem > .zero { text += ", plus \(perItem.spoken) per item" }
            return text
        }
        guard let key = spec.cost else {
            lines.append(Line(" Costs the time it waits.", .dim))
            return Drawn(lines)
        }
        var text = " Costs \(price(key)) of simulated time"
        for (other, form) in spec.otherCosts { text += "; \(form): \(price(other))" }
        lines.append(Line(text + ".", .dim))
        return Drawn(lines)
    }
}
