/// A line diff by longest common subsequence, for `prompts diff`.
enum LineDiff {
    enum Kind { case same, added, removed }
    struct Entry { var kind: Kind; var text: String }
    enum Shown { case line(Entry), gap }

    static func diff(_ old: [String], _ new: [String]) -> [Entry] {
        let n = old.count, m = new.count
        guard n * m <= 4_000_000 else {
            return old.map { Entry(kind: .removed, text: $0) } + new.map { Entry(kind: .added, text: $0) }
        }
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var entries: [Entry] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] { entries.append(Entry(kind: .same, text: old[i])); i += 1; j += 1 } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                entries.append(Entry(kind: .added, text: new[j])); j += 1
            } else {
                entries.append(Entry(kind: .removed, text: old[i])); i += 1
            }
        }
        return entries
    }

    /// Changed lines with `context` unchanged lines around them; long unchanged runs become gaps.
    static func withContext(_ entries: [Entry], context: Int) -> [Shown] {
        let changed = entries.indices.filter { entries[$0].kind != .same }
        guard !changed.isEmpty else { return [] }
        var keep = Set<Int>()
        for index in changed { for k in max(0, index - context)...min(entries.count - 1, index + context) { keep.insert(k) } }
        var shown: [Shown] = []
        var previous = -1
        for index in keep.sorted() {
            if previous >= 0 && index > previous + 1 || (previous < 0 && index > 0) { shown.append(.gap) }
            shown.append(.line(entries[index]))
            previous = index
        }
        if previous < entries.count - 1 { shown.append(.gap) }
        return shown
    }
}
