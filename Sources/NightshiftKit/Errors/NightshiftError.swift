import Foundation
import ResultsStore
import ScenarioFormat
import Simulation

/// Why a command stopped, as data. Each case's sentence and exit status are decided here and
/// nowhere else, and `report(to:)` is the one place that prints them: any diagnostics behind
/// the failure, then `nightshift: SENTENCE`. The statuses are the table in docs/user-guide.md
/// ("Exit status"): 2 when what was asked cannot be done as asked (an argument, a file, a key
/// or a store named wrongly), 1 when the work or the environment failed, or checks found
/// problems the command has already listed.
public enum NightshiftError: Error, CustomStringConvertible {
    // MARK: Scenarios and rubrics
    case unknownScenario(String, in: LoadedPack.Origin, suggestion: String?)
    case scenarioDoesNotLoad(String, seed: UInt64, diagnostics: [Diagnostic])
    case rubricDoesNotLoad(mode: SessionSettings.Mode, diagnostics: [Diagnostic])

    // MARK: Playing
    case wallScaleNeedsWallClock(clockDefaulted: Bool)
    case wallScaleOutOfRange
    /// A `--journal` path that holds something already, or is not a regular file.
    case journalTaken(String)
    case journalNotARegularFile(String)
    case journalNotOpened(any Error)
    /// A line could not be journaled: the session stops rather than apply it unrecorded.
    case journalAppendFailed(any Error)
    case reportsNotWritten(folder: String?, any Error)

    // MARK: Reading journals
    case cannotRead(String)
    case notAJournal(String, Journal.ParseError)
    case journalScenarioNotInPack(String, in: LoadedPack.Origin)
    case journalSettingsUnknown
    case noUnfinishedItem(Int)

    // MARK: Results stores and game days
    case store(StoreError)
    case storeNotUpgraded(any Error)
    /// The data folder could not remember the game day's store and token.
    case membershipNotSaved(any Error)
    case noGamedayScenarios
    case scenarioNamedTwice
    case unknownInject(String, declared: [String])
    case emptyInject(gameday: String)
    case injectNotAllowed
    case debriefNotWritten(folder: String, any Error)
    case noFinishedSession(String, store: String)
    /// `results sync` left results waiting; it has listed them.
    case resultsStillWaiting(Int)

    // MARK: Certification
    case scenarioCountOutOfRange
    case nothingToCertify(LoadedPack.Origin)
    case proctorKey(ProctorKey.Failure, KeyUse)
    case runAlreadyThere(String)
    case runJournalsAlreadyThere(String)
    case runNotStarted(folder: String, any Error)
    case runAlreadySigned(certificate: String)
    case runRefused(CertificationRun.Refusal)
    case proctoredRunRefused(ProctoredCertification.Refusal)
    case pickDoesNotLoad(String, in: LoadedPack.Origin, proctored: Bool)
    case certificateNotSigned(any Error)
    case notAPublicKey(String)
    /// `verify` found mismatches; it has listed them.
    case certificateDoesNotVerify(mismatches: Int)
    case keysNotWritten(any Error)

    // MARK: Authoring
    /// A lint found errors; it has printed them and its summary.
    case lintFoundErrors(Int)
    case notAScenarioID(String)
    case scenarioAlreadyInPack(String, in: LoadedPack.Origin)
    case fileAlreadyThere(String)
    case cannotWrite(String, any Error)
    case previewTimeOutOfRange
    case nothingToMeasure(LoadedPack.Origin)

    // MARK: Anything else
    /// An error no case above names; said as it describes itself.
    case failed(any Error)

    /// What the proctor's key was being read for: what the sentence tells them to do next.
    public enum KeyUse: Sendable {
        case starting
        case resuming(statePath: String)
        case signing
    }

    /// Lifts any error into the table: a `NightshiftError` stays as it is, a store's error or a
    /// run's refusal gets its own case, and anything else is said as it describes itself.
    public init(_ error: any Error) {
        switch error {
        case let known as NightshiftError: self = known
        case let store as StoreError: self = .store(store)
        case let refusal as CertificationRun.Refusal: self = .runRefused(refusal)
        case let refusal as ProctoredCertification.Refusal: self = .proctoredRunRefused(refusal)
        default: self = .failed(error)
        }
    }

    /// The status the process exits with.
    public var exitStatus: Int32 {
        switch self {
        case .store(let error): return error.isEnvironmental ? 1 : 2
        case .unknownScenario, .wallScaleNeedsWallClock, .wallScaleOutOfRange, .journalTaken, .journalNotARegularFile,
             .cannotRead, .noUnfinishedItem, .membershipNotSaved, .noGamedayScenarios, .scenarioNamedTwice, .unknownInject,
             .emptyInject, .injectNotAllowed, .noFinishedSession, .scenarioCountOutOfRange, .proctorKey, .runAlreadyThere,
             .runJournalsAlreadyThere, .runAlreadySigned, .notAPublicKey, .notAScenarioID, .scenarioAlreadyInPack,
             .fileAlreadyThere, .previewTimeOutOfRange:
            return 2
        case .scenarioDoesNotLoad, .rubricDoesNotLoad, .journalNotOpened, .journalAppendFailed, .reportsNotWritten, .notAJournal,
             .journalScenarioNotInPack, .journalSettingsUnknown, .storeNotUpgraded, .debriefNotWritten, .resultsStillWaiting,
             .nothingToCertify, .runNotStarted, .runRefused, .proctoredRunRefused, .pickDoesNotLoad, .certificateNotSigned,
             .certificateDoesNotVerify, .keysNotWritten, .lintFoundErrors, .cannotWrite, .nothingToMeasure, .failed:
            return 1
        }
    }

    /// The sentence after `nightshift: `; nil when the command has already said what went
    /// wrong (a lint's diagnostics, verify's mismatches), and only the status is left.
    public var sentence: String? {
        switch self {
        case .unknownScenario(let id, let origin, let suggestion):
            return "no scenario `\(id)` in \(origin.description)" + (suggestion.map { "; did you mean `\($0)`?" } ?? "") + " (`nightshift list` shows them)"
        case .scenarioDoesNotLoad(let id, let seed, _):
            return "\(id) does not load for seed \(seed); `nightshift scenario lint` shows why"
        case .rubricDoesNotLoad(let mode, _):
            return "cannot grade this \(mode) session without its rubric; `nightshift rubric lint` shows why"
        case .wallScaleNeedsWallClock(let clockDefaulted):
            return "--wall-scale needs --clock wall; with the simulated clock only commands move time"
                + (clockDefaulted ? " (the default when input is not a terminal)" : "")
        case .wallScaleOutOfRange:
            return "--wall-scale takes \(Int(SessionSettings.wallScales.lowerBound)) to \(Int(SessionSettings.wallScales.upperBound)) simulated seconds per wall second"
        case .journalTaken(let path):
            return "\(path) already holds a journal; choose another file (`nightshift resume` continues a session)"
        case .journalNotARegularFile(let path):
            return SafeFile.Failure.notARegularFile(path).description
        case .journalNotOpened(let error), .membershipNotSaved(let error), .storeNotUpgraded(let error), .keysNotWritten(let error),
             .failed(let error):
            return "\(error)"
        case .journalAppendFailed(let error):
            return "\(error); stopping so nothing goes unrecorded"
        case .reportsNotWritten(let folder, let error):
            return "cannot write the reports" + (folder.map { " to \($0)" } ?? "") + ": \(error)"
        case .cannotRead(let path):
            return "cannot read \(path)"
        case .notAJournal(let path, let problem):
            return "\(path): \(problem)"
        case .journalScenarioNotInPack(let id, let origin):
            return "the journal's scenario `\(id)` is not in \(origin.description)"
        case .journalSettingsUnknown:
            return "the journal's mode or clock is not one this engine knows"
        case .noUnfinishedItem(let number):
            return "there is no unfinished item \(number); `nightshift resume` lists them"
        case .store(let error):
            return "\(error)"
        case .noGamedayScenarios:
            return "name the game day's scenarios with --scenarios ID,ID… (`nightshift list` shows them)"
        case .scenarioNamedTwice:
            return "a scenario is named twice in --scenarios; each is played once"
        case .unknownInject(let name, let declared):
            return "no inject `\(name)` in this game day's scenarios" + (declared.isEmpty ? " (they declare none)" : "; they declare \(declared.joined(separator: ", "))")
        case .emptyInject(let gameday):
            return "say what the inject says: gameday inject \(gameday) \"TEXT\", or --named ID for one a scenario declares"
        case .injectNotAllowed:
            return "an inject is \(StoreError.injectRule())"
        case .debriefNotWritten(let folder, let error):
            return "cannot write the debrief to \(folder): \(error.localizedDescription)"
        case .noFinishedSession(let which, let store):
            return "no finished session `\(which)` in \(store); `nightshift results` lists them"
        case .scenarioCountOutOfRange:
            return "--scenarios takes 1 to 12"
        case .nothingToCertify(let origin):
            return "\(origin.description) has no scenarios to certify with"
        case .proctorKey(let failure, .starting):
            return "\(failure); nothing was started"
        case .proctorKey(let failure, .resuming(let statePath)):
            return "\(failure); resume with `nightshift resume \(statePath) --key FILE`"
        case .proctorKey(let failure, .signing):
            return "\(failure)"
        case .runAlreadyThere(let folder):
            return "\(folder) already holds a certification run; `nightshift resume` continues it"
        case .runJournalsAlreadyThere(let folder):
            return "\(folder) already holds files; give each run a new --out folder"
        case .runNotStarted(let folder, let error):
            return "cannot start the run in \(folder): \(error)"
        case .runAlreadySigned(let certificate):
            return "that run is finished and signed (\(certificate)); `nightshift verify` checks it"
        case .runRefused(let refusal):
            return refusal.description
        case .proctoredRunRefused(let refusal):
            return refusal.description
        case .pickDoesNotLoad(let id, let origin, let proctored):
            return "\(id) is missing from \(origin.description) or does not load" + (proctored ? "; play with the proctor's pack" : "")
        case .certificateNotSigned(let error):
            return "cannot sign or write the certificate: \(error)"
        case .notAPublicKey(let path):
            return "\(path) is not a public key from `nightshift keys new` (nightshift.pub)"
        case .notAScenarioID(let id):
            return "`\(id.prefix(60))` is not a scenario id: use lowercase letters and digits in words joined by hyphens, such as `cache-poisoning`"
        case .scenarioAlreadyInPack(let id, let origin):
            return "\(origin.description) already has a scenario `\(id)`"
        case .fileAlreadyThere(let path):
            return "\(path) already exists; nothing was written"
        case .cannotWrite(let path, let error):
            return "cannot write \(path): \(error)"
        case .previewTimeOutOfRange:
            return "--at takes a time from 0m to 24h after the page"
        case .nothingToMeasure(let origin):
            return "\(origin.description) has no scenario to measure"
        case .resultsStillWaiting, .certificateDoesNotVerify, .lintFoundErrors:
            return nil
        }
    }

    /// The sentence alone, for a message that quotes this failure inside its own.
    public var description: String { sentence ?? "" }

    /// Lines printed before the sentence: the diagnostics that say why a file does not load.
    public var details: [String] {
        switch self {
        case .scenarioDoesNotLoad(_, _, let diagnostics), .rubricDoesNotLoad(_, let diagnostics):
            return diagnostics.sortedForDisplay().filter { $0.severity == .error }.map(\.description)
        default:
            return []
        }
    }

    /// Everything standard error shows for this failure, line by line.
    public var lines: [String] { details + (sentence.map { ["nightshift: " + $0] } ?? []) }

    /// Says this failure on standard error. The executable calls it once, then exits with
    /// `exitStatus`; a failure that does not stop the command (reports that could not be
    /// written after a graded session) is said the same way.
    public func report(to output: TerminalOutput = TerminalOutput()) {
        for line in lines { output.error(line) }
    }
}
