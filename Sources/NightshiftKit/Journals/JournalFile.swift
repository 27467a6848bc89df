import Foundation
import Simulation

/// A journal on disk, written one line at a time and flushed to the disk after each, so a
/// crash or a closed terminal loses at most the command being typed. A journal is always a
/// file of its own: created exclusively, never written through a link, and never shared by
/// two sessions (see `SafeFile`). In a certification run each line is sealed as it is written.
public final class JournalFile: JournalSink {
    public let path: String
    private let descriptor: Int32
    private var sequence = 0
    let sealer: JournalSealer?

    /// A new journal at a path given on the command line: an empty regular file there (made
    /// with `mktemp`) is taken; anything else there is refused.
    public convenience init(path: String, header: JournalHeader) throws {
        try self.init(path: path, header: header, sealer: nil, allowEmpty: true)
    }

    init(path: String, header: JournalHeader, sealer: JournalSealer?, allowEmpty: Bool) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try DataFolder.ensure(folder) }
        descriptor = try SafeFile.openNew(path, allowEmpty: allowEmpty)
        self.sealer = sealer
        try write(Journal.encode(sealer?.sealed(header) ?? header))
    }

    /// A new journal in `folder`, named `stem.jsonl` or, when two sessions start in the same
    /// second with the same scenario and seed, `stem-2.jsonl` and so on.
    init(uniqueIn folder: String, stem: String, header: JournalHeader) throws {
        try DataFolder.ensure(folder)
        (path, descriptor) = try SafeFile.createUnique(in: folder, stem: stem, extension: ".jsonl")
        sealer = nil
        try write(Journal.encode(header))
    }

    /// Reopens an existing journal to append to it (resuming), continuing its sequence.
    public convenience init(appendingTo path: String, lastSequence: Int) throws {
        try self.init(appendingTo: path, lastSequence: lastSequence, sealer: nil)
    }

    init(appendingTo path: String, lastSequence: Int, sealer: JournalSealer?) throws {
        self.path = path
        descriptor = try SafeFile.openForAppend(path)
        sequence = lastSequence
        self.sealer = sealer
    }

    deinit { close(descriptor) }

    public func nextSequence() -> Int {
        sequence += 1
        return sequence
    }

    public func append(_ entry: JournalEntry) throws {
        try write(Journal.encode(sealer?.sealed(entry) ?? entry))
    }

    private func write(_ line: String) throws {
        do {
            try SafeFile.writeAll(descriptor, Array((line + "\n").utf8), path: path)
        } catch let failure as SafeFile.Failure {
            guard case .cannotWrite(_, let reason) = failure else { throw failure }
            throw JournalFileError.cannotWrite(path, reason)
        }
    }
}
