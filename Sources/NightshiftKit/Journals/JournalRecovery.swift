import Foundation
import Simulation

/// Reading back a journal a session left behind (a crash, a closed terminal, a SIGKILL):
/// everything before a torn last line is kept; the torn line is cut so appending can go on.
enum JournalRecovery {
    struct Recovered {
        /// The journal's text as kept (a torn last line cut off).
        var text: String
        var parsed: Journal.Parsed
        /// Wall milliseconds since the journal was last written: the time nobody played.
        var idleMilliseconds: Int64
        var lastSequence: Int
    }

    enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case notAJournal(String, String)

        var description: String {
            switch self {
            case .unreadable(let path): return "cannot read \(path)"
            case .notAJournal(let path, let reason): return "\(path): \(reason)"
            }
        }
    }

    /// Reads a journal, truncating a torn last line in place when `repair` is set.
    static func read(_ path: String, repair: Bool) throws -> Recovered {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure.unreadable(path) }
        // When it was last written, read before any repair touches the file.
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
        var bytes = data
        if let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")), bytes.index(after: lastNewline) != bytes.endIndex {
            // A write interrupted mid-line: drop the fragment; its input was never applied.
            // Counted in bytes, never in decoded text: a fragment cut inside a UTF-8 sequence
            // decodes to replacement characters of another length.
            bytes = bytes[...lastNewline]
            if repair, let handle = FileHandle(forWritingAtPath: path) {
                try handle.truncate(atOffset: UInt64(bytes.count))
                try handle.close()
            }
        }
        let parsed: Journal.Parsed
        switch Journal.parse(Data(bytes)) {
        case .failure(let error): throw Failure.notAJournal(path, "\(error)")
        case .success(let value): parsed = value
        }
        let idle = Int64(max(0, Date().timeIntervalSince(modified)) * 1000)
        return Recovered(text: String(decoding: bytes, as: UTF8.self), parsed: parsed, idleMilliseconds: idle, lastSequence: parsed.entries.map(\.seq).max() ?? 0)
    }
}
