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
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let markdown = (folder as NSString).appendingPathComponent("report.md")
        let html = (folder as NSString).appendingPathComponent("report.html")
        let json = (folder as NSString).appendingPathComponent("report.json")
        try MarkdownReport.render(grade, player: player).write(toFile: markdown, atomically: true, encoding: .utf8)
        try HTMLReport.render(grade, session: session, player: player).write(toFile: html, atomically: true, encoding: .utf8)
        try JSONReport.render(grade, header: header, entries: entries, player: player).write(toFile: json, atomically: true, encoding: .utf8)
        return Written(folder: folder, files: [markdown, html, json])
    }
}
