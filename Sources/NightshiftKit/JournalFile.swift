import Foundation
import Simulation

/// A journal on disk, written one line at a time and flushed to the disk after each, so a
/// crash or a closed terminal loses at most the command being typed.
public final class JournalFile {
    public let path: String
    private let descriptor: Int32
    private var sequence = 0

    /// Creates (or truncates) the file and writes the header.
    public init(path: String, header: JournalHeader) throws {
        self.path = path
        try DataFolder.ensure((path as NSString).deletingLastPathComponent)
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw JournalFileError.cannotOpen(path, String(cString: strerror(errno))) }
        try write(Journal.encode(header))
    }

    /// Reopens an existing journal to append to it (resuming), continuing its sequence.
    public init(appendingTo path: String, lastSequence: Int) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw JournalFileError.cannotOpen(path, String(cString: strerror(errno))) }
        sequence = lastSequence
    }

    deinit { close(descriptor) }

    public func nextSequence() -> Int {
        sequence += 1
        return sequence
    }

    public func append(_ entry: JournalEntry) throws {
        try write(Journal.encode(entry))
    }

    private func write(_ line: String) throws {
        var bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw JournalFileError.cannotWrite(path, String(cString: strerror(errno)))
            }
            offset += written
        }
        _ = fsync(descriptor)
    }
}

public enum JournalFileError: Error, CustomStringConvertible {
    case cannotOpen(String, String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the journal \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write the journal \(path): \(reason)"
        }
    }
}
