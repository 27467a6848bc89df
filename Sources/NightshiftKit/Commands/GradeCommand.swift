import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation

/// `nightshift grade JOURNAL`: the grade again, from the journal alone, in any process.
public enum GradeCommand {
    public enum Format: String, CaseIterable, Sendable { case text, markdown, json }

    public static func run(journalPath: String, pack: LoadedPack, format: Format, out: String?, output: TerminalOutput = TerminalOutput()) throws(NightshiftError) {
        let journal = try OpenedJournal.read(journalPath)
        let scenario = try journal.scenario(in: pack)
        let (rubric, _) = try pack.gradingRubric(for: journal.settings.mode)
        for warning in journal.warnings(against: pack) { output.error(warning) }
        // Grading reads the record, not the screens: they are not drawn.
        let replay = try journal.replay(scenario, pack: pack, drawingScreens: false)
        for warning in OpenedJournal.warnings(after: replay) { output.error(warning) }
        let header = journal.header, session = replay.session
        let grade = Grader.grade(session: session, rubric: rubric, entries: journal.entries)
        switch format {
        case .text: output.lines(ScreenPrinter(colour: false).render(GradeScreen.lines(grade, width: header.width)))
        case .markdown: output.write(MarkdownReport.render(grade, player: header.player))
        case .json: output.write(JSONReport.render(grade, header: header, entries: journal.entries, player: header.player))
        }
        if let out {
            do {
                let written = try ReportWriter.write(grade, session: session, header: header, entries: journal.entries, to: out, player: header.player)
                output.error("Reports: " + written.files.joined(separator: ", "))
            } catch {
                throw .reportsNotWritten(folder: out, error)
            }
        }
    }
}
