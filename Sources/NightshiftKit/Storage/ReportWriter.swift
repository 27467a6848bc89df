import Foundation
import Grading
import Reports
import Simulation

/// Writes a session's reports (`report.md`, `report.json`) into a folder.
public enum ReportWriter {
    public struct Written: Sendable {
        public var folder: String
        public var files: [String]
    }

    public static func write(_ grade: Grade, session: Session, header: JournalHeader, entries: [JournalEntry], to folder: String, player: String? = nil) throws -> Written {
        try SafeFile.ensureFolder(folder, mode: 0o755)
        let markdown = (folder as NSString).appendingPathComponent("report.md")
        let html = (folder as NSString).appendingPathComponent("report.html")
        let json = (folder as NSString).appendingPathComponent("report.json")
        // Written beside and renamed into place: a link planted at a report's name is replaced, never written through.
        try SafeFile.write(MarkdownReport.render(grade, player: player), to: markdown)
        try SafeFile.write(HTMLReport.render(grade, session: session, player: player), to: html)
        try SafeFile.write(JSONReport.render(grade, header: header, entries: entries, player: player), to: json)
        return Written(folder: folder, files: [markdown, html, json])
    }
}
