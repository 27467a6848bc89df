import Simulation

/// The running seal of one journal being written.
final class JournalSealer {
    let seal: RunSeal
    private(set) var previous: String

    init(seal: RunSeal, previous: String) {
        self.seal = seal
        self.previous = previous
    }

    /// The line (a header or an entry) with its seal, advancing the chain.
    func sealed<Line: SealedLine>(_ line: Line) -> Line {
        var unsealed = line
        unsealed.seal = nil
        var sealed = unsealed
        sealed.seal = seal.seal(line: Journal.encode(unsealed), after: previous)
        previous = sealed.seal!
        return sealed
    }
}

/// A journal line that carries a seal.
protocol SealedLine: Encodable {
    var seal: String? { get set }
}

extension JournalHeader: SealedLine {}
extension JournalEntry: SealedLine {}
