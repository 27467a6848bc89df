import Foundation
import Simulation

/// Game-day results for a spreadsheet: one row per player per scenario started, RFC 4180
/// (CRLF line ends, a header row, fields with a comma, semicolon, quote or line break quoted
/// and their quotes doubled). Outcome columns are empty until the entry is finished, so "not
/// yet" never reads as "no". Rows go by player name, then by the scenario's place in
/// `scenarioOrder` (scenarios it does not list after, by id), so the same store gives the same
/// bytes. Every cell is made safe to open (see `cell`): the store is untrusted input.
public enum ResultsCSV {
    public static let columns = [
        "gameday", "player", "scenario", "codename", "surface", "state", "score", "passed", "time_to_surface_minutes",
        "found_with_evidence", "mitigated", "wrong_surfaces", "harmful_count", "started_at", "finished_at",
    ]

    public static func render(_ results: [SessionResult], scenarioOrder: [String] = []) -> String {
        func place(_ scenario: String) -> Int { scenarioOrder.firstIndex(of: scenario) ?? scenarioOrder.count }
        let rows = results.sorted {
            ($0.player, place($0.scenario), $0.scenario, $0.gameday ?? "", $0.id) < ($1.player, place($1.scenario), $1.scenario, $1.gameday ?? "", $1.id)
        }
        var out = columns.map(field).joined(separator: ",") + "\r\n"
        for r in rows {
            let done = r.isFinished
            let cells: [String] = [
                r.gameday ?? "", r.player, r.scenario, r.codename, r.surface, r.state.rawValue,
                done ? r.score.map { "\($0)" } ?? "" : "",
                done ? r.passed.map { "\($0)" } ?? "" : "",
                done ? r.timeToSurfaceSeconds.map { Format.number(Double($0) / 60, decimals: 2) } ?? "" : "",
                done ? "\(r.foundWithEvidence)" : "",
                done ? "\(r.mitigated)" : "",
                r.wrongSurfaces.joined(separator: ";"),
                done ? "\(r.harmful.count)" : "",
                r.startedAt, r.finishedAt ?? "",
            ]
            out += cells.map(cell).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A value as a cell a spreadsheet shows as text, as OWASP's CSV injection advice has it:
    /// control characters made visible (`VisibleText`, line breaks kept), a value a
    /// spreadsheet would run as a formula (starting with `=`, `+`, `-` or `@`) prefixed with
    /// `'`, unless it is a plain number; then quoted as `field` says.
    public static func cell(_ text: String) -> String {
        let visible = VisibleText.of(text, keepingNewlines: true)
        let number = visible.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil
        guard let first = visible.first, "=+-@".contains(first), !number else { return field(visible) }
        return field("'" + visible)
    }

    /// Quoted when it holds a comma, a semicolon (the separator in many locales), a quote, a
    /// line break or leading/trailing spaces (which some readers trim).
    public static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || text.first == " " || text.last == " "
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
