import Foundation
import ScenarioFormat
import Simulation

/// `nightshift list` and `nightshift replay`.
public enum CatalogCommands {
    public static func list(pack: LoadedPack, output: TerminalOutput = TerminalOutput()) -> Int32 {
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
        return 0
    }

    /// Replays a journal, printing the transcript a piped session would have printed.
    public static func replay(journalPath: String, pack: LoadedPack, colour: Bool, output: TerminalOutput = TerminalOutput()) -> Int32 {
        guard let data = FileManager.default.contents(atPath: journalPath) else {
            output.error("nightshift: cannot read \(journalPath)")
            return 2
        }
        let parsed: Journal.Parsed
        switch Journal.parse(data) {
        case .failure(let error):
            output.error("nightshift: \(journalPath): \(error)")
            return 1
        case .success(let value): parsed = value
        }
        let header = parsed.header
        for problem in parsed.problems {
            output.error("warning: \(journalPath):\(problem.line): \(problem.message); skipped (a crash mid-write leaves one)")
        }
        if header.engine != Engine.version {
            output.error("warning: journal written by engine \(header.engine); this is \(Engine.version): screens may differ")
        }
        guard let source = pack.contents.source(header.scenario) else {
            output.error("nightshift: the journal's scenario `\(header.scenario)` is not in \(pack.origin.description)")
            return 1
        }
        if let path = pack.path(ofScenario: header.scenario), pack.sha256(of: path) != header.scenarioSHA256 {
            output.error("warning: \(header.scenario) has changed since this journal was written (sha256 differs): screens may differ")
        }
        if pack.sha256(of: "Scenarios/\(PackLoader.costsFile)") != header.costsSHA256 {
            output.error("warning: the cost table has changed since this journal was written: times may differ")
        }
        let (built, diagnostics) = source.instantiate(seed: header.seed, pack: pack.contents.pack)
        guard let scenario = built else {
            for diagnostic in diagnostics where diagnostic.severity == .error { output.error(diagnostic.description) }
            return 1
        }
        let transcript = Transcript(printer: ScreenPrinter(colour: colour))
        var opened = false
        let replay = Replay.run(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs, header: header, entries: parsed.entries) { before, entry, screen in
            if !opened {
                var fresh = before
                output.lines(transcript.opening(fresh.opening(width: header.width)))
                opened = true
            }
            switch entry.type {
            case .command, .confirm, .form: output.line(transcript.echo(prompt: Transcript.prompt(for: before), line: entry.text ?? ""))
            case .end: output.line(Transcript.prompt(for: before))
            case .tick, .inject, .gap: break
            }
            output.lines(transcript.output(screen))
        }
        guard let replay else {
            output.error("nightshift: the journal's mode or clock is not one this engine knows")
            return 1
        }
        if !opened {
            var fresh = replay.session
            output.lines(transcript.opening(fresh.opening(width: header.width)))
        }
        for divergence in replay.divergences.prefix(5) {
            output.error("warning: entry \(divergence.seq) was applied at \(divergence.recorded) ms in the journal and \(divergence.replayed) ms in this replay")
        }
        return 0
    }
}
