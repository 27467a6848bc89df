import ScenarioFormat

/// The clock labels under a chart.
enum TimeAxis {
    /// Clock labels under a chart at round times (on the hour, on the quarter…), as a real axis has them.
    static func line(clock: ClockFace, from: SimDuration, to: SimDuration, labelWidth: Int, sparkWidth: Int) -> Line {
        let span = max(1, (to - from).milliseconds)
        let steps: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map { $0 * 60_000 }
        let wanted = max(2, sparkWidth / 12)
        let step = steps.first { span / $0 <= Int64(wanted) } ?? steps.last!
        var axis = Array(repeating: Character(" "), count: sparkWidth + 6)
        // Round times in the page's clock: offsets whose wall time is a multiple of the step.
        let pageMilliseconds = clock.pageEpoch * 1000
        var tick = ((pageMilliseconds + from.milliseconds) / step + 1) * step - pageMilliseconds
        var lastEnd = -1
        while tick <= to.milliseconds {
            let position = Int(Double(tick - from.milliseconds) / Double(span) * Double(sparkWidth - 1))
            let label = clock.clock(SimDuration(milliseconds: tick))
            if position > lastEnd, position + label.count <= axis.count {
                for (offset, character) in label.enumerated() { axis[position + offset] = character }
                lastEnd = position + label.count
            }
            tick += step
        }
        return Line(" " + String(repeating: " ", count: labelWidth + 2) + String(String(axis).reversed().drop { $0 == " " }.reversed()), .dim)
    }

}
