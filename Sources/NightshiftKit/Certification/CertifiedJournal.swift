import Foundation
import ScenarioFormat
import Simulation

/// The checks every certification journal must pass, wherever it is read: when a run resumes,
/// when it is signed, and when `verify` reads it out of a certificate. Each problem is one
/// sentence naming the line.
enum CertifiedJournal {
    struct Expected {
        var scenario: String
        var seed: UInt64
        var candidate: String
    }

    /// Problems with a journal's text against its pick and candidate; empty when it holds.
    /// The replay check catches lines whose recorded simulated time the engine does not
    /// reproduce: a line inserted, dropped or moved in time.
    static func problems(_ journal: OpenedJournal, expected: Expected, scenario: Scenario, pack: LoadedPack) -> [String] {
        var problems: [String] = []
        let parsed = journal.parsed, header = parsed.header
        if header.scenario != expected.scenario || header.seed != expected.seed {
            problems.append("it is a journal of another scenario or variant, not the one the run drew")
        }
        if header.mode != SessionSettings.Mode.certification.rawValue {
            problems.append("it was played in \(UntrustedText.quoted(header.mode)) mode, not in certification")
        }
        if header.player != expected.candidate {
            problems.append("its header names the player \(header.player.map { UntrustedText.quoted($0) } ?? "nobody"), not the candidate")
        }
        for line in parsed.problems { problems.append("line \(line.line) is not a journal line") }
        for (index, entry) in parsed.entries.enumerated() where entry.seq != index + 1 {
            problems.append("line \(index + 2) has sequence number \(entry.seq), not \(index + 1): a line is missing, repeated or out of order")
            break
        }
        guard problems.isEmpty else { return problems }
        guard let replay = try? journal.replay(scenario, pack: pack, drawingScreens: false) else {
            return ["its header's clock settings are not ones nightshift writes"]
        }
        if let first = replay.divergences.first {
            problems.append("line \(first.seq + 1) says it was applied at \(first.recorded) ms, but the replay applies it at \(first.replayed) ms: "
                            + "a line before it was changed, added or removed")
        }
        return problems
    }
}
