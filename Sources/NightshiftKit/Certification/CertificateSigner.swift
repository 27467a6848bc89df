import Foundation
import Grading
import Reports
import ScenarioFormat
import Simulation

/// Grades a finished run's journals and signs the certificate: one way for a local run and a
/// proctored one, so the same journals give the same payload whichever way they travelled.
struct CertificateSigner {
    /// One drawn scenario and its journal as recorded; nil when the run never reached it.
    struct Played {
        var id: String
        var seed: UInt64
        var scenario: Scenario
        var scenarioPath: String
        var journal: OpenedJournal?
    }

    struct Signed {
        var payload: Certificate.Payload
        var certificate: Certificate
        /// Each played scenario's grade and final session, for the HTML timeline and history.
        var graded: [String: (grade: Grade, session: Session, header: JournalHeader, journal: String, commands: Int)]
    }

    let pack: LoadedPack
    let rubric: Rubric
    let rubricPath: String
    let key: Signing.KeyPair

    struct Unreadable: Error, CustomStringConvertible {
        var id: String
        var description: String { "the journal of \(id) cannot be graded with this pack" }
    }

    func sign(candidate: String, proctor: String, seed: UInt64, wallStart: String, warnings: [String], custody: String,
              played: [Played]) throws -> Signed {
        var scenarios: [Certificate.Payload.Scenario] = []
        var grades: [Grade] = []
        var gaps: [Certificate.Payload.Gap] = []
        var graded: [String: (grade: Grade, session: Session, header: JournalHeader, journal: String, commands: Int)] = [:]
        for item in played {
            let grade: Grade
            var bytes = ""
            if let journal = item.journal {
                bytes = journal.text
                guard let session = try? journal.replay(item.scenario, pack: pack, drawingScreens: false).session else { throw Unreadable(id: item.id) }
                grade = Grader.grade(session: session, rubric: rubric, entries: journal.entries)
                graded[item.id] = (grade, session, journal.header, bytes, journal.entries.filter(\.type.isTyped).count)
                for entry in journal.entries where entry.type == .gap {
                    let clock = ClockFace(pageEpoch: item.scenario.page.epochSeconds).clock(SimDuration(milliseconds: entry.atMs))
                    gaps.append(.init(scenario: item.id, afterSequence: entry.seq - 1, wallMilliseconds: entry.wallMs, at: clock))
                }
            } else {
                grade = Certification.notAttempted(item.scenario, rubric: rubric)
            }
            grades.append(grade)
            scenarios.append(.init(id: item.id, codename: item.scenario.codename, title: item.scenario.title, seed: item.seed,
                                   sha256: pack.sha256(of: item.scenarioPath), surface: item.scenario.truth.surface, journal: bytes,
                                   journalSHA256: Digest.sha256(bytes), score: grade.score, passed: grade.passed, failedBy: grade.failedBy,
                                   findings: grade.findings, timeToSurfaceMinutes: grade.timeToSurfaceMinutes))
        }
        let overall = Certification.overall(grades, rubric: rubric)
        var payload = Certificate.Payload(
            candidate: candidate, proctor: proctor, engine: Engine.version,
            pack: .init(name: pack.contents.pack.name, version: pack.contents.pack.version, sha256: Digest.sha256(PackManifest(pack).encoded())),
            rubric: .init(name: "certification", version: rubric.version, sha256: pack.sha256(of: rubricPath)),
            costs: .init(name: "costs", version: pack.contents.costs.version, sha256: pack.sha256(of: "Scenarios/\(PackLoader.costsFile)")),
            seed: seed, wallStart: wallStart, wallEnd: PlayRunner.isoNow(), gaps: gaps, scenarios: scenarios,
            overall: .init(score: overall.score, passed: overall.passed, passMark: rubric.pass, minimumPerScenario: rubric.minimumPerScenario,
                           reasons: overall.reasons),
            warnings: warnings)
        payload.custody = custody
        return Signed(payload: payload, certificate: try Certificate.sign(payload, with: key), graded: graded)
    }

    /// Writes certificate.md, certificate.html and, last and never over another, certificate.json:
    /// its presence says the run is done.
    static func write(_ signed: Signed, to folder: String) throws -> String {
        let played = signed.graded.mapValues { (grade: $0.grade, session: $0.session) }
        try SafeFile.write(CertificateReport.markdown(signed.payload, signature: signed.certificate.signature),
                           to: (folder as NSString).appendingPathComponent("certificate.md"))
        try SafeFile.write(CertificateReport.html(signed.payload, signature: signed.certificate.signature, played: played),
                           to: (folder as NSString).appendingPathComponent("certificate.html"))
        let path = (folder as NSString).appendingPathComponent("certificate.json")
        try SafeFile.write(signed.certificate.encoded(), to: path, replacing: false)
        return path
    }
}
