import Crypto
import Foundation
import Simulation

/// The seal of a local certification run: HMAC-SHA256 under a key derived from the proctor's
/// private key and the run's random nonce. `run.json` carries a seal over the draw and the
/// names; every journal line carries one chained to the line before and, through its first
/// value, to the run, the pick's place and its scenario. Only a process holding the private
/// key can make them, so a journal swapped, edited, reordered or cut, or a draw rewritten,
/// while the key was away is refused when the run resumes or is signed.
struct RunSeal: Sendable {
    private let key: SymmetricKey

    init(privateKey: Curve25519.Signing.PrivateKey, nonce: String) {
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: privateKey.rawRepresentation), salt: Data(nonce.utf8),
                                     info: Data("nightshift certification seal v1".utf8), outputByteCount: 32)
    }

    /// A fresh nonce for a new run: 16 random bytes, hex.
    static func newNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    private func mac(_ parts: [String]) -> String {
        var hmac = HMAC<SHA256>(key: key)
        for part in parts {
            // Length-prefixed, so no two different lists of parts give the same input.
            hmac.update(data: Data("\(part.utf8.count):".utf8))
            hmac.update(data: Data(part.utf8))
        }
        return Data(hmac.finalize()).map { String(format: "%02x", $0) }.joined()
    }

    /// The seal over a run's canonical state text.
    func sealState(_ canonical: String) -> String { mac(["state", canonical]) }

    /// The chain's first value for the journal of pick `index` (0-based).
    func start(pick index: Int, scenario: String, seed: UInt64) -> String { mac(["journal", String(index), scenario, String(seed)]) }

    /// The seal of one line (written without its seal), following `previous`.
    func seal(line canonical: String, after previous: String) -> String { mac(["line", previous, canonical]) }

    /// Compares two seals in constant time.
    static func same(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return zip(a.utf8, b.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Why a journal's seals do not hold, in a sentence naming the line.
    enum Break: Error, Equatable, CustomStringConvertible {
        case unsealed(line: Int)
        case broken(line: Int)
        case unreadable(line: Int)

        var description: String {
            switch self {
            case .unsealed(1): return "its header carries no seal of this run: it was not recorded by this run"
            case .unsealed(let line): return "line \(line) carries no seal: it was added after the run wrote the journal"
            case .broken(1): return "its header's seal is not this run's, or not this scenario's place in the run: the journal was replaced or moved"
            case .broken(let line): return "line \(line)'s seal does not hold: that line, or one before it, was changed, removed or reordered after it was recorded"
            case .unreadable(let line): return "line \(line) is not a journal line"
            }
        }
    }

    /// Checks every complete line of a journal's text in order; returns the last chain value,
    /// from which appending goes on.
    func verify(journal text: String, pick index: Int, scenario: String, seed: UInt64) throws(Break) -> String {
        var previous = start(pick: index, scenario: scenario, seed: seed)
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            number += 1
            let data = Data(line.utf8)
            let canonical: String
            let claimed: String?
            if number == 1 {
                guard var header = try? StrictJSON.decode(JournalHeader.self, from: data) else { throw .unreadable(line: number) }
                claimed = header.seal
                header.seal = nil
                canonical = Journal.encode(header)
            } else {
                guard var entry = try? StrictJSON.decode(JournalEntry.self, from: data) else { throw .unreadable(line: number) }
                claimed = entry.seal
                entry.seal = nil
                canonical = Journal.encode(entry)
            }
            guard let claimed else { throw .unsealed(line: number) }
            let expected = seal(line: canonical, after: previous)
            guard Self.same(claimed, expected) else { throw .broken(line: number) }
            previous = expected
        }
        return previous
    }
}
