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

    public static func write(_ grade: Grade, header: JournalHeader, entries: [JournalEntry], to folder: String, player: String? = nil) throws -> Written {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let markdown = (folder as NSString).appendingPathComponent("report.md")
        let json = (folder as NSString).appendingPathComponent("report.json")
        try MarkdownReport.render(grade, player: player).write(toFile: markdown, atomically: true, encoding: .utf8)
        try JSONReport.render(grade, header: header, entries: entries, player: player).write(toFile: json, atomically: true, encoding: .utf8)
        return Written(folder: folder, files: [markdown, json])
    }
}
