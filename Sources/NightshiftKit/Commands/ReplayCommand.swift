import Foundation
import ScenarioFormat
import Simulation

/// `nightshift replay JOURNAL`: the transcript a piped session would have printed, from the
/// journal's inputs alone.
public enum ReplayCommand {
    /// Replays a journal, printing the transcript a piped session would have printed.
    public static func run(journalPath: String, pack: LoadedPack, colour: Bool, output: TerminalOutput = TerminalOutput()) throws(NightshiftError) {
        guard let data = FileManager.default.contents(atPath: journalPath) else { throw .cannotRead(journalPath) }
        let parsed: Journal.Parsed
        switch Journal.parse(data) {
        case .failure(let error): throw .notAJournal(journalPath, error)
        case .success(let value): parsed = value
        }
        let header = parsed.header
        for problem in parsed.problems {
            output.error("warning: \(journalPath):\(problem.line): \(problem.message); skipped (a crash mid-write leaves one)")
        }
        if header.engine != Engine.version {
            output.error("warning: journal written by engine \(header.engine); this is \(Engine.version): screens may differ")
        }
        guard let source = pack.contents.source(header.scenario) else { throw .journalScenarioNotInPack(header.scenario, in: pack.origin) }
        if let path = pack.path(ofScenario: header.scenario), pack.sha256(of: path) != header.scenarioSHA256 {
            output.error("warning: \(header.scenario) has changed since this journal was written (sha256 differs): screens may differ")
        }
        if pack.sha256(of: "Scenarios/\(PackLoader.costsFile)") != header.costsSHA256 {
            output.error("warning: the cost table has changed since this journal was written: times may differ")
        }
        let scenario = try pack.instantiate(source, seed: header.seed)
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
        guard let replay else { throw .journalSettingsUnknown }
        if !opened {
            var fresh = replay.session
            output.lines(transcript.opening(fresh.opening(width: header.width)))
        }
        for divergence in replay.divergences.prefix(5) {
            output.error("warning: entry \(divergence.seq) was applied at \(divergence.recorded) ms in the journal and \(divergence.replayed) ms in this replay")
        }
    }
}
