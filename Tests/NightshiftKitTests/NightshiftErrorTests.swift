import Foundation
@testable import NightshiftKit
import ResultsStore
import ScenarioFormat
import Simulation
import Testing

/// The table every command's failure is said from: for each case, the status the process exits
/// with and every line standard error shows. The expected lines are the ones
/// docs/user-guide.md and docs/game-days.md quote; a change here is a change users see.
struct NightshiftErrorTests {
    struct Unexplained: Error, CustomStringConvertible {
        var description: String { "the disk is on fire" }
    }

    static let here = LoadedPack.Origin.flag(".")

    static func diagnostic(_ severity: Diagnostic.Severity, line: Int, _ message: String) -> Diagnostic {
        Diagnostic(severity, file: "Scenarios/x.yaml", at: ScenarioFormat.SourceLocation(line: line, column: 3), .unreadable(message))
    }

    /// Checks one row of the table, naming the caller's line when it fails.
    func said(_ error: NightshiftError, _ status: Int32, _ lines: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(error.exitStatus == status, "exit status", sourceLocation: sourceLocation)
        #expect(error.lines == lines, sourceLocation: sourceLocation)
    }

    @Test func whatEachFailureSaysAndItsStatus() {
        // Playing
        said(.unknownScenario("silent-alias-upgrad", in: Self.here, suggestion: "silent-alias-upgrade"), 2,
             ["nightshift: no scenario `silent-alias-upgrad` in . (from --pack); did you mean `silent-alias-upgrade`? (`nightshift list` shows them)"])
        said(.unknownScenario("zzz", in: .builtin, suggestion: nil), 2,
             ["nightshift: no scenario `zzz` in the pack built into this binary (`nightshift list` shows them)"])
        said(.wallScaleNeedsWallClock(clockDefaulted: true), 2,
             ["nightshift: --wall-scale needs --clock wall; with the simulated clock only commands move time (the default when input is not a terminal)"])
        said(.wallScaleNeedsWallClock(clockDefaulted: false), 2,
             ["nightshift: --wall-scale needs --clock wall; with the simulated clock only commands move time"])
        said(.wallScaleOutOfRange, 2, ["nightshift: --wall-scale takes 0 to 3600 simulated seconds per wall second"])
        said(.journalTaken("j.jsonl"), 2, ["nightshift: j.jsonl already holds a journal; choose another file (`nightshift resume` continues a session)"])
        said(.journalNotARegularFile("j.jsonl"), 2, ["nightshift: j.jsonl is not a regular file (a link or a device); nightshift does not write through it"])
        said(.journalNotOpened(JournalFileError.cannotOpen("j.jsonl", "Permission denied")), 1, ["nightshift: cannot open the journal j.jsonl: Permission denied"])
        said(.journalAppendFailed(JournalFileError.cannotWrite("j.jsonl", "No space left on device")), 1,
             ["nightshift: cannot write the journal j.jsonl: No space left on device; stopping so nothing goes unrecorded"])
        said(.reportsNotWritten(folder: nil, Unexplained()), 1, ["nightshift: cannot write the reports: the disk is on fire"])
        said(.reportsNotWritten(folder: "/tmp/rep", Unexplained()), 1, ["nightshift: cannot write the reports to /tmp/rep: the disk is on fire"])

        // Scenarios and rubrics that do not load: their errors (not warnings), in file order, then the sentence.
        let diagnostics = [Self.diagnostic(.error, line: 9, "later"), Self.diagnostic(.warning, line: 1, "a warning"), Self.diagnostic(.error, line: 2, "first")]
        said(.scenarioDoesNotLoad("x", seed: 7, diagnostics: diagnostics), 1,
             ["Scenarios/x.yaml:2:3: error: cannot read the file: first", "Scenarios/x.yaml:9:3: error: cannot read the file: later",
              "nightshift: x does not load for seed 7; `nightshift scenario lint` shows why"])
        said(.rubricDoesNotLoad(mode: .onboarding, diagnostics: []), 1,
             ["nightshift: cannot grade this onboarding session without its rubric; `nightshift rubric lint` shows why"])

        // Reading journals
        said(.cannotRead("/tmp/nope.json"), 2, ["nightshift: cannot read /tmp/nope.json"])
        said(.notAJournal("j.jsonl", .outOfBounds(line: 1, field: "wall_scale", value: "1e+300", allowed: "from 0 to 3600 simulated seconds per wall second")), 1,
             ["nightshift: j.jsonl: line 1: `wall_scale` is 1e+300; it must be from 0 to 3600 simulated seconds per wall second"])
        said(.journalScenarioNotInPack("gone", in: Self.here), 1, ["nightshift: the journal's scenario `gone` is not in . (from --pack)"])
        said(.journalSettingsUnknown, 1, ["nightshift: the journal's mode or clock is not one this engine knows"])
        said(.noUnfinishedItem(9), 2, ["nightshift: there is no unfinished item 9; `nightshift resume` lists them"])

        // Stores and game days: a store's own error keeps its wording; bad input is 2, an unreachable or failing store 1.
        said(.store(.missing("/tmp/gd.sqlite")), 2, ["nightshift: there is no results store at /tmp/gd.sqlite; `nightshift gameday start` creates one"])
        said(.store(.unreachable("postgres://u:***@h:9/r", reason: "connection refused")), 1,
             ["nightshift: cannot reach the results store postgres://u:***@h:9/r: connection refused"])
        said(.storeNotUpgraded(StoreError.failed("s.sqlite", reason: "disk full")), 1, ["nightshift: the results store s.sqlite failed: disk full"])
        said(.membershipNotSaved(Unexplained()), 2, ["nightshift: the disk is on fire"])
        said(.noGamedayScenarios, 2, ["nightshift: name the game day's scenarios with --scenarios ID,ID… (`nightshift list` shows them)"])
        said(.scenarioNamedTwice, 2, ["nightshift: a scenario is named twice in --scenarios; each is played once"])
        said(.unknownInject("nope", declared: ["merchant-screenshot", "search-ticket"]), 2,
             ["nightshift: no inject `nope` in this game day's scenarios; they declare merchant-screenshot, search-ticket"])
        said(.unknownInject("nope", declared: []), 2, ["nightshift: no inject `nope` in this game day's scenarios (they declare none)"])
        said(.emptyInject(gameday: "live"), 2,
             ["nightshift: say what the inject says: gameday inject live \"TEXT\", or --named ID for one a scenario declares"])
        said(.injectNotAllowed, 2, ["nightshift: an inject is \(StoreError.injectRule())"])
        said(.noFinishedSession("7", store: "your history"), 2, ["nightshift: no finished session `7` in your history; `nightshift results` lists them"])
        said(.resultsStillWaiting(2), 1, [])

        // Certification
        said(.scenarioCountOutOfRange, 2, ["nightshift: --scenarios takes 1 to 12"])
        said(.nothingToCertify(Self.here), 1, ["nightshift: . (from --pack) has no scenarios to certify with"])
        said(.proctorKey(.unreadable("/tmp/proctor2/nightshift.key"), .resuming(statePath: "/tmp/run/run.json")), 2,
             ["nightshift: cannot read the proctor's private key /tmp/proctor2/nightshift.key; resume with `nightshift resume /tmp/run/run.json --key FILE`"])
        said(.proctorKey(.exposed("k", mode: 0o644), .starting), 2,
             ["nightshift: the private key k can be read by others (mode 644); a key others can copy certifies nothing. Run `chmod 600 k`; nothing was started"])
        said(.proctorKey(.notAKey("k"), .signing), 2, ["nightshift: k is not a private key from `nightshift keys new`"])
        said(.runAlreadyThere("out"), 2, ["nightshift: out already holds a certification run; `nightshift resume` continues it"])
        said(.runJournalsAlreadyThere("out/journals"), 2, ["nightshift: out/journals already holds files; give each run a new --out folder"])
        said(.runNotStarted(folder: "out", Unexplained()), 1, ["nightshift: cannot start the run in out: the disk is on fire"])
        said(.runAlreadySigned(certificate: "out/certificate.json"), 2,
             ["nightshift: that run is finished and signed (out/certificate.json); `nightshift verify` checks it"])
        said(.runRefused(.stateEdited("/tmp/run/run.json")), 1,
             ["nightshift: /tmp/run/run.json was changed after the run began (its candidate, proctor, seed, draw or warnings no longer match its seal), "
              + "or this is not the key it was started with; nothing is played or signed"])
        said(.proctoredRunRefused(.signed("K7Q2")), 1, ["nightshift: the run K7Q2 is signed already; `nightshift verify` checks its certificate"])
        said(.pickDoesNotLoad("x", in: Self.here, proctored: true), 1, ["nightshift: x is missing from . (from --pack) or does not load; play with the proctor's pack"])
        said(.pickDoesNotLoad("x", in: Self.here, proctored: false), 1, ["nightshift: x is missing from . (from --pack) or does not load"])
        said(.certificateNotSigned(Unexplained()), 1, ["nightshift: cannot sign or write the certificate: the disk is on fire"])
        said(.notAPublicKey("k.pub"), 2, ["nightshift: k.pub is not a public key from `nightshift keys new` (nightshift.pub)"])
        said(.certificateDoesNotVerify(mismatches: 3), 1, [])
        said(.keysNotWritten(KeysCommand.Failure.exists("k/nightshift.key")), 1,
             ["nightshift: k/nightshift.key already exists; keys are never overwritten (move it away first)"])

        // Authoring
        said(.lintFoundErrors(4), 1, [])
        said(.notAScenarioID("Cache Poisoning"), 2,
             ["nightshift: `Cache Poisoning` is not a scenario id: use lowercase letters and digits in words joined by hyphens, such as `cache-poisoning`"])
        said(.scenarioAlreadyInPack("silent-alias-upgrade", in: Self.here), 2, ["nightshift: . (from --pack) already has a scenario `silent-alias-upgrade`"])
        said(.fileAlreadyThere("Scenarios/x.yaml"), 2, ["nightshift: Scenarios/x.yaml already exists; nothing was written"])
        said(.cannotWrite("Scenarios/x.yaml", Unexplained()), 1, ["nightshift: cannot write Scenarios/x.yaml: the disk is on fire"])
        said(.previewTimeOutOfRange, 2, ["nightshift: --at takes a time from 0m to 24h after the page"])
        said(.nothingToMeasure(Self.here), 1, ["nightshift: . (from --pack) has no scenario to measure"])

        // Anything else
        said(.failed(Unexplained()), 1, ["nightshift: the disk is on fire"])
    }

    /// Whatever a store, a run or a proctored run throws is lifted into its own case, so it
    /// keeps its status; an error already lifted stays as it is.
    @Test func anyErrorIsLiftedIntoItsCase() {
        #expect(NightshiftError(StoreError.gamedayEnded("live")).exitStatus == 2)
        #expect(NightshiftError(StoreError.unreachable("s", reason: "r")).exitStatus == 1)
        guard case .store(.gamedayEnded("live")) = NightshiftError(StoreError.gamedayEnded("live")) else { Issue.record("not a store case"); return }
        guard case .runRefused(.notTheDraw(seed: 4)) = NightshiftError(CertificationRun.Refusal.notTheDraw(seed: 4)) else { Issue.record("not a run case"); return }
        guard case .proctoredRunRefused(.empty("K")) = NightshiftError(ProctoredCertification.Refusal.empty("K")) else {
            Issue.record("not a proctored case")
            return
        }
        guard case .noUnfinishedItem(3) = NightshiftError(NightshiftError.noUnfinishedItem(3)) else { Issue.record("re-wrapped"); return }
        guard case .failed = NightshiftError(Unexplained()) else { Issue.record("not failed"); return }
    }

    /// A message that quotes a failure inside its own sentence quotes the sentence alone.
    @Test func itsDescriptionIsTheSentence() {
        #expect("\(NightshiftError.cannotRead("x"))" == "cannot read x")
        #expect("\(NightshiftError.lintFoundErrors(1))" == "")
    }
}
