import Foundation
import Simulation
import Reports

/// Reads one row's columns by name and checks each holds a value nightshift could have
/// written: a shared store is untrusted input (anyone who can write the file or reach the
/// server can put a real number in an integer column, a NULL, text, a name with escape
/// codes, broken JSON). The first value that fails is thrown as `Problem`, and the row is
/// left out by the caller rather than trusted in part.
///
/// Numbers are bounded as well as typed, so sums, medians and histograms over them stay far
/// from overflow: no session runs a year of simulated time or ten billion commands.
struct StoreRowReader {
    struct Problem: Error {
        var column: String
        var found: StoreValue
        var expected: StoreError.Expected
    }

    /// Simulated seconds: at most a year.
    static let simulatedSeconds = 0...31_536_000
    /// Counts of commands or evidence items.
    static let counts = 0...1_000_000_000
    /// A rubric part is worth at most 100 points, gained or lost.
    static let points = -100...100

    let row: StoreRow
    let columns: [String]

    init(_ row: StoreRow, columns: [String]) {
        self.row = row
        self.columns = columns
    }

    /// The column list of a `SELECT`, in order, so a value is read by name.
    static func columns(_ list: String) -> [String] {
        list.components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func value(_ column: String) -> StoreValue {
        columns.firstIndex(of: column).map { row[$0] } ?? .null
    }

    func problem(_ column: String, _ expected: StoreError.Expected) -> Problem {
        Problem(column: column, found: value(column), expected: expected)
    }

    func text(_ column: String, nonEmpty: Bool = false) throws(Problem) -> String {
        guard case .text(let text) = value(column), !nonEmpty || !text.isEmpty else { throw problem(column, .text) }
        return text
    }

    func injectText(_ column: String) throws(Problem) -> String {
        guard case .text(let text) = value(column), ResultsStore.validInjectText(text) else {
            throw problem(column, .injectText(characters: ResultsStore.injectLength, lines: ResultsStore.injectLines))
        }
        return text
    }

    func optionalText(_ column: String) throws(Problem) -> String? {
        value(column) == .null ? nil : try text(column)
    }

    func integer(_ column: String, _ range: ClosedRange<Int>) throws(Problem) -> Int {
        guard let number = value(column).int, range.contains(number) else { throw problem(column, .wholeNumber(range)) }
        return number
    }

    func optionalInteger(_ column: String, _ range: ClosedRange<Int>) throws(Problem) -> Int? {
        value(column) == .null ? nil : try integer(column, range)
    }

    func flag(_ column: String) throws(Problem) -> Bool {
        switch value(column).int {
        case 0: return false
        case 1: return true
        default: throw problem(column, .flag)
        }
    }

    func optionalFlag(_ column: String) throws(Problem) -> Bool? {
        value(column) == .null ? nil : try flag(column)
    }

    /// Seeds are unsigned 64-bit, so they are kept as text (BIGINT is signed).
    func seed(_ column: String) throws(Problem) -> UInt64 {
        guard case .text(let text) = value(column), let seed = UInt64(text) else { throw problem(column, .seed) }
        return seed
    }

    func time(_ column: String) throws(Problem) -> String {
        guard case .text(let text) = value(column), WallTime.isTime(text) else { throw problem(column, .time) }
        return text
    }

    func optionalTime(_ column: String) throws(Problem) -> String? {
        value(column) == .null ? nil : try time(column)
    }

    func oneOf<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type) throws(Problem) -> T where T.RawValue == String {
        guard case .text(let text) = value(column), let known = T(rawValue: text) else {
            throw problem(column, .oneOf(T.allCases.map(\.rawValue)))
        }
        return known
    }

    /// Scenario ids, comma-separated, each as a pack names its files.
    func scenarioList(_ column: String) throws(Problem) -> [String] {
        guard case .text(let text) = value(column) else { throw problem(column, .scenarioList) }
        let ids = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let usable = ids.allSatisfy { id in !id.isEmpty && id.count <= 200 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) } }
        guard !text.isEmpty, usable else { throw problem(column, .scenarioList) }
        return ids
    }

    func gamedayName(_ column: String) throws(Problem) -> String {
        guard case .text(let text) = value(column), ResultsStore.validGamedayName(text) else { throw problem(column, .gamedayName) }
        return text
    }

    func playerName(_ column: String) throws(Problem) -> String {
        guard case .text(let text) = value(column), ResultsStore.validPlayerName(text) else { throw problem(column, .playerName) }
        return text
    }

    func optionalPlayerName(_ column: String) throws(Problem) -> String? {
        value(column) == .null ? nil : try playerName(column)
    }

    /// JSON of `type` whose decoded value passes `check`; `shape` says what was expected.
    func json<T: Decodable>(_ column: String, _ type: T.Type, shape: String, check: (T) -> Bool = { _ in true }) throws(Problem) -> T {
        guard case .text(let text) = value(column), let decoded = try? StrictJSON.decode(type, from: Data(text.utf8)), check(decoded) else {
            throw problem(column, .json(shape))
        }
        return decoded
    }
}
