import Simulation

/// Where a playing session journals each input before applying it: a file on this machine,
/// or, in a proctored certification, the proctor's store. A failed append stops the session,
/// so nothing is ever applied that was not recorded.
protocol JournalSink: AnyObject {
    /// Where the journal is, for messages.
    var path: String { get }
    func nextSequence() -> Int
    func append(_ entry: JournalEntry) throws
}
