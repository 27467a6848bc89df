/// How a dashboard row is laid out at a given width: narrow terminals lose the unit and
/// ratio first, then the baseline, before the sparkline gets too short to read.
struct DashLayout {
    var label: Int
    var spark: Int
    var baseline = true
    var ratio = true

    init(width: Int, longestLabel: Int, longestUnit: Int) {
        label = min(30, max(14, longestLabel))
        // Leading space, label, gap, sparkline, now (9), baseline (11), ratio (9), unit.
        spark = min(72, width - label - 32 - longestUnit)
        if spark >= 12 { return }
        ratio = false
        label = min(label, 16)
        spark = width - label - 24
        if spark >= 10 { return }
        baseline = false
        label = min(label, 12)
        spark = max(6, width - label - 13)
    }
}
