/// A table that fits the terminal: columns shrink to their content, and when the total is
/// still too wide the lowest-priority columns go first, then the flexible one is cut.
struct TextTable {
    struct Column {
        var title: String
        var alignRight: Bool = false
        /// Higher stays longer when the table is too wide.
        var priority: Int = 5
        /// May be truncated to fit rather than dropped.
        var flexible: Bool = false
        var minimum: Int = 4
    }

    var columns: [Column]
    var rows: [[Segment]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ cells: [Segment]) { rows.append(cells) }
    mutating func add(_ cells: [String]) { rows.append(cells.map { Segment($0) }) }

    /// Renders with a leading space, like the rest of the screens. Columns empty in every row are left out.
    func render(width: Int, header: Bool = true) -> [Line] {
        var visible = columns.indices.filter { index in rows.contains { $0.indices.contains(index) && !$0[index].text.isEmpty } }
        if visible.isEmpty { visible = Array(columns.indices) }
        func natural(_ index: Int) -> Int {
            max(columns[index].title.displayWidth, rows.map { $0.indices.contains(index) ? $0[index].text.displayWidth : 0 }.max() ?? 0)
        }
        var widths = columns.indices.map(natural)
        func total() -> Int { 1 + visible.reduce(0) { $0 + widths[$1] } + 2 * max(0, visible.count - 1) }
        while total() > width {
            // Columns less important than every flexible one go first; then flexible ones shrink;
            // then whatever is least important goes.
            let flexible = visible.filter { columns[$0].flexible && widths[$0] > columns[$0].minimum }
            let floor = flexible.map { columns[$0].priority }.min() ?? Int.max
            let lowest = visible.min { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) }
            if let lowest, columns[lowest].priority < floor, visible.count > 1 {
                visible.removeAll { $0 == lowest }
                continue
            }
            if let shrink = flexible.min(by: { (columns[$0].priority, $0) < (columns[$1].priority, $1) }) {
                widths[shrink] = max(columns[shrink].minimum, widths[shrink] - (total() - width))
                continue
            }
            guard visible.count > 1, let lowest else { break }
            visible.removeAll { $0 == lowest }
        }
        func line(_ cells: [Segment], style: Style? = nil) -> Line {
            var segments: [Segment] = [Segment(" ")]
            for (position, index) in visible.enumerated() {
                let cell = cells.indices.contains(index) ? cells[index] : Segment("")
                var text = cell.text.truncated(to: widths[index])
                let isLast = position == visible.count - 1
                if !(isLast && !columns[index].alignRight) { text = text.padded(to: widths[index], right: columns[index].alignRight) }
                segments.append(Segment(text, style ?? cell.style))
                if !isLast { segments.append(Segment("  ")) }
            }
            return Line(segments)
        }
        var lines: [Line] = []
        if header { lines.append(line(columns.map { Segment($0.title) }, style: .heading)) }
        lines += rows.map { line($0) }
        return lines
    }
}
