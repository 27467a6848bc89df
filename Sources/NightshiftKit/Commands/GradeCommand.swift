import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation

/// `nightshift grade JOURNAL`: the grade again, from the journal alone, in any process.
public enum GradeCommand {
    public enum Format: String, CaseIterable, Sendable { case text, markdown, json }

    public static func run(journalPath: String, pack: LoadedPack, format: Format, out: String?, output: TerminalOutput = TerminalOutput()) throws(NightshiftError) {
        guard let data = FileManager.default.contents(atPath: journalPath) else { throw .cannotRead(journalPath) }
        let parsed: Journal.Parsed
        switch Journal.parse(data) {
        case .failure(let error): throw .notAJournal(journalPath, error)
        case .success(let value): parsed = value
        }
        let header = parsed.header
        guard let source = pack.contents.source(header.scenario) else { throw .journalScenarioNotInPack(header.scenario, in: pack.origin) }
        let scenario = try pack.instantiate(source, seed: header.seed)
        let (rubric, rubricPath) = try pack.gradingRubric(for: header.mode)
        if let path = pack.path(ofScenario: header.scenario), pack.sha256(of: path) != header.scenarioSHA256, header.scenarioSHA256 != "-" {
            output.error("warning: \(header.scenario) has changed since this journal was written: the grade may differ")
        }
        if let recorded = header.rubricSHA256, recorded != pack.sha256(of: rubricPath) {
            output.error("warning: the \(header.mode) rubric has changed since this journal was written: the grade may differ")
        }
        if header.engine != Engine.version {
            output.error("warning: journal written by engine \(header.engine); this is \(Engine.version): the grade may differ")
        }
        let grade: Grade, session: Session
        do {
            (grade, session) = try Grader.gradeWithSession(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs, rubric: rubric,
                                                           header: header, entries: parsed.entries)
        } catch {
            throw .journalSettingsUnknown
        }
        switch format {
        case .text: output.lines(ScreenPrinter(colour: false).render(GradeScreen.lines(grade, width: header.width)))
        case .markdown: output.write(MarkdownReport.render(grade, player: header.player))
        case .json: output.write(JSONReport.render(grade, header: header, entries: parsed.entries, player: header.player))
        }
        if let out {
            do {
                let written = try ReportWriter.write(grade, session: session, header: header, entries: parsed.entries, to: out, player: header.player)
                output.error("Reports: " + written.files.joined(separator: ", "))
            } catch {
                throw .reportsNotWritten(folder: out, error)
            }
        }
    }
}
