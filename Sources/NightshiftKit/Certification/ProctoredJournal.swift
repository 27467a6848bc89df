import Foundation
import ResultsStore
import Simulation

/// A proctored session's journal: each line inserted into the proctor's store as it is
/// written, line 0 the header and line N the entry with sequence N. The candidate's
/// machine keeps no copy that matters: what is signed is what the server received.
final class ProctoredJournal: JournalSink {
    let store: ResultsStore
    let run: String
    let pick: Int
    private var sequence: Int
    var path: String { "scenario \(pick + 1) of the run \(run) in \(store.displayName)" }

    /// A new journal: its header is sent first.
    init(store: ResultsStore, run: String, pick: Int, header: JournalHeader) throws {
        self.store = store
        self.run = run
        self.pick = pick
        sequence = 0
        try store.appendProctoredLine(run: run, pick: pick, line: 0, text: Journal.encode(header))
    }

    /// A journal the store already holds lines of, continued after its last entry.
    init(store: ResultsStore, run: String, pick: Int, lastSequence: Int) {
        self.store = store
        self.run = run
        self.pick = pick
        sequence = lastSequence
    }

    func nextSequence() -> Int {
        sequence += 1
        return sequence
    }

    func append(_ entry: JournalEntry) throws {
        try store.appendProctoredLine(run: run, pick: pick, line: entry.seq, text: Journal.encode(entry))
    }
}
