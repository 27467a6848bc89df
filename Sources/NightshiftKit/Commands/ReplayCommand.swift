import Foundation
import ScenarioFormat
import Simulation

/// `nightshift replay JOURNAL`: the transcript a piped session would have printed, from the
/// journal's inputs alone.
public enum ReplayCommand {
    public static func run(journalPath: String, pack: LoadedPack, colour: Bool, output: TerminalOutput = TerminalOutput()) throws(NightshiftError) {
        let journal = try OpenedJournal.read(journalPath)
        let scenario = try journal.scenario(in: pack)
        for warning in journal.warnings(against: pack) { output.error(warning) }
        let transcript = Transcript(printer: ScreenPrinter(colour: colour))
        let width = journal.header.width
        var opened = false
        let replay = try journal.replay(scenario, pack: pack) { before, entry, screen in
            if !opened {
                var fresh = before
                output.lines(transcript.opening(fresh.opening(width: width)))
                opened = true
            }
            switch entry.type {
            case .command, .confirm, .form: output.line(transcript.echo(prompt: Transcript.prompt(for: before), line: entry.text ?? ""))
            case .end: output.line(Transcript.prompt(for: before))
            case .tick, .inject, .gap: break
            }
            output.lines(transcript.output(screen))
        }
        if !opened {
            var fresh = replay.session
            output.lines(transcript.opening(fresh.opening(width: width)))
        }
        for warning in OpenedJournal.warnings(after: replay) { output.error(warning) }
    }
}
