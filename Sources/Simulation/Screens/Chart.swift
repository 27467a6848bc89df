/// Sparklines and multi-row charts from block characters, as a terminal Grafana would draw them.
enum Chart {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The value range to scale to: the data and the baseline, never so narrow that noise looks like an incident.
    static func range(_ values: [Double], including extra: [Double] = []) -> (low: Double, high: Double) {
        let all = values + extra
        guard var low = all.min(), var high = all.max() else { return (0, 1) }
        let floor = max(abs(high), abs(low)) * 0.25
        if high - low < floor {
            let middle = (high + low) / 2
            low = middle - floor / 2
            high = middle + floor / 2
        }
        if low >= 0, low < (high - low) * 0.5 { low = 0 }   // near zero: anchor at zero so shares read true
        if high == low { high = low + 1 }
        return (low, high)
    }

    /// One character per value; gaps (nil) are blank.
    static func sparkline(_ values: [Double?], range: (low: Double, high: Double)) -> String {
        String(values.map { value -> Character in
            guard let value else { return " " }
            let level = (value - range.low) / (range.high - range.low)
            return blocks[min(7, max(0, Int((level * 7.999).rounded(.down))))]
        })
    }

    /// Rows of a column chart, top first; each column rises in eighths.
    static func columns(_ values: [Double?], height: Int, range: (low: Double, high: Double)) -> [String] {
        let steps = values.map { value -> Int? in
            guard let value else { return nil }
            let level = (value - range.low) / (range.high - range.low)
            return min(height * 8, max(1, Int((level * Double(height * 8)).rounded())))
        }
        return (0..<height).map { row in
            let floor = (height - 1 - row) * 8
            return String(steps.map { step -> Character in
                guard let step else { return " " }
                let filled = step - floor
                if filled >= 8 { return "█" }
                if filled <= 0 { return " " }
                return blocks[filled - 1]
            })
        }
    }
}
