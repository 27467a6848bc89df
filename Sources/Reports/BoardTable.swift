import Simulation

/// The columns of the game-day screens (board and facilitator's watch), fitted to the terminal:
/// when the natural widths are too wide, flexible columns (names, states) shrink to their
/// minimum and are cut with `…`, then the least important columns are left out. Simulation's
/// own table is internal to that module; this one keeps the same look (a leading space, two
/// spaces between columns) and never returns a line wider than asked.
struct BoardTable {
    struct Column {
        var title: String
        var alignRight = false
        /// Higher stays longer when the table is too wide.
        var priority = 5
        var flexible = false
        var minimum = 4
    }

    var columns: [Column]
    var rows: [[Segment]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ cells: [Segment]) { rows.append(cells) }

    func render(width: Int) -> [Line] {
        var visible = Array(columns.indices)
        var widths = columns.indices.map { index in
            max(columns[index].title.displayWidth, rows.map { $0.indices.contains(index) ? $0[index].text.displayWidth : 0 }.max() ?? 0)
        }
        func total() -> Int { 1 + visible.reduce(0) { $0 + widths[$1] } + 2 * max(0, visible.count - 1) }
        while total() > width {
            if let shrink = visible.filter({ columns[$0].flexible && widths[$0] > columns[$0].minimum })
                .min(by: { (columns[$0].priority, $0) < (columns[$1].priority, $1) }) {
                widths[shrink] = max(columns[shrink].minimum, widths[shrink] - (total() - width))
                continue
            }
            guard visible.count > 1, let lowest = visible.min(by: { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) }) else { break }
            visible.removeAll { $0 == lowest }
        }
        func line(_ cells: [Segment], style: Style? = nil) -> Line {
            var segments = [Segment(" ")]
            for (position, index) in visible.enumerated() {
                let cell = cells.indices.contains(index) ? cells[index] : Segment("")
                var text = cell.text.truncated(to: widths[index])
                let isLast = position == visible.count - 1
                if !(isLast && !columns[index].alignRight) { text = text.padded(to: widths[index], right: columns[index].alignRight) }
                segments.append(Segment(text, style ?? cell.style))
                if !isLast { segments.append(Segment("  ")) }
            }
            let built = Line(segments)
            // A single column wider than the terminal: cut the whole line rather than overflow.
            return built.width <= width ? built : Line(built.plainText.truncated(to: max(0, width)), style ?? .plain)
        }
        return [line(columns.map { Segment($0.title) }, style: .heading)] + rows.map { line($0) }
    }
}
