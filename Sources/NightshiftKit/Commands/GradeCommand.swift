import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation

/// `nightshift grade JOURNAL`: the grade again, from the journal alone, in any process.
public enum GradeCommand {
    public enum Format: String, CaseIterable, Sendable { case text, markdown, json }

    public static func run(journalPath: String, pack: LoadedPack, format: Format, out: String?, output: TerminalOutput = TerminalOutput()) -> Int32 {
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
        guard let source = pack.contents.source(header.scenario) else {
            output.error("nightshift: the journal's scenario `\(header.scenario)` is not in \(pack.origin.description)")
            return 1
        }
        let (built, diagnostics) = source.instantiate(seed: header.seed, pack: pack.contents.pack)
        guard let scenario = built else {
            for diagnostic in diagnostics where diagnostic.severity == .error { output.error(diagnostic.description) }
            return 1
        }
        let (loaded, rubricPath, rubricDiagnostics) = pack.rubric(for: header.mode)
        guard let rubric = loaded else {
            for diagnostic in rubricDiagnostics where diagnostic.severity == .error { output.error(diagnostic.description) }
            return 1
        }
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
            output.error("nightshift: \(error)")
            return 1
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
                output.error("nightshift: cannot write the reports to \(out): \(error)")
                return 1
            }
        }
        return 0
    }

    /// `nightshift rubric lint`: each rubric file, or every one in the pack.
    public static func lintRubrics(paths: [String], pack: LoadedPack, output: TerminalOutput = TerminalOutput()) -> Int32 {
        var files: [(String, String)] = []
        if paths.isEmpty {
            files = pack.files.filter { $0.path.hasPrefix("Grading/") }.map { (pack.displayPath($0.path), $0.text) }
        } else {
            for path in paths {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    output.line("\(path):1:1: error: no such file or folder")
                    continue
                }
                let targets = isDirectory.boolValue
                    ? (FileManager.default.subpaths(atPath: path) ?? []).filter { $0.hasSuffix(".yaml") }.sorted().map { (path as NSString).appendingPathComponent($0) }
                    : [path]
                for target in targets {
                    guard let data = FileManager.default.contents(atPath: target) else { continue }
                    files.append((target, String(decoding: data, as: UTF8.self)))
                }
            }
        }
        var errors = 0, warnings = 0
        for (file, text) in files {
            let (_, diagnostics) = RubricLoader.load(file: file, text: text)
            for diagnostic in diagnostics.sortedForDisplay() {
                output.line(diagnostic.description)
                if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
            }
        }
        output.error("\(files.count) rubric\(files.count == 1 ? "" : "s") checked; \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        return errors > 0 ? 1 : 0
    }
}
