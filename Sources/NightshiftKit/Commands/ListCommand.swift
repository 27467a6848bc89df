import Foundation
import ScenarioFormat
import Simulation

/// `nightshift list`: the pack in use and its scenarios; a scenario that does not load is
/// named on standard error rather than listed.
public enum ListCommand {
    public static func run(pack: LoadedPack, output: TerminalOutput = TerminalOutput()) {
        let contents = pack.contents
        output.line("Pack: \(contents.pack.name) \(contents.pack.version) — \(pack.origin.description)")
        var rows: [(String, String, String, String, String)] = []
        var invalid: [(String, String)] = []
        for source in contents.scenarios {
            let (scenario, diagnostics) = source.instantiate(seed: 0, pack: contents.pack)
            guard let scenario else {
                invalid.append((source.file, diagnostics.first { $0.severity == .error }?.description ?? "does not load"))
                continue
            }
            rows.append((scenario.id, scenario.title, scenario.difficulty, "\(scenario.minutes) min", scenario.page.title))
        }
        let idWidth = rows.map(\.0.count).max() ?? 2, titleWidth = rows.map(\.1.count).max() ?? 5
        output.line("")
        output.line("  " + "id".padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  " + "title".padding(toLength: titleWidth, withPad: " ", startingAt: 0) + "  level         time")
        for row in rows {
            output.line("  " + row.0.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  " + row.1.padding(toLength: titleWidth, withPad: " ", startingAt: 0)
                        + "  " + row.2.padding(toLength: 12, withPad: " ", startingAt: 0) + "  " + row.3)
        }
        output.line("")
        output.line("\(rows.count) scenario\(rows.count == 1 ? "" : "s"). Play one with `nightshift play ID`.")
        for failure in contents.failures {
            output.error("warning: \(failure.file) did not load: \(failure.reason) (`nightshift scenario lint` explains)")
        }
        for (file, first) in invalid {
            output.error("warning: \(file) is not listed because it does not validate: \(first) (`nightshift scenario lint` lists every problem)")
        }
    }
}
