import Foundation
import ScenarioFormat
import Simulation

/// A journal read back against a pack, the one way every command does it: `grade`, `replay`,
/// `resume` and its list, a certification run resuming or being signed, a proctored run
/// joined or signed, and `verify` reading the journals a certificate embeds. The text is read
/// strictly (`Journal.parse`); the scenario is the pack's, built at the header's seed; what
/// differs from what the journal was played with is said once, in one sentence; the replay is
/// the same function everywhere. Certification adds its own checks on top (`CertifiedJournal`,
/// the run's seals); it reads journals through here too.
struct OpenedJournal {
    /// How messages name it: the file's path, or where its lines came from.
    let name: String
    /// The text as kept: when recovered for appending, without a torn last line.
    let text: String
    let parsed: Journal.Parsed
    /// Wall milliseconds since the file was last written: the time nobody played.
    let idleMilliseconds: Int64

    var header: JournalHeader { parsed.header }
    /// The mode and clock it was played with; `Journal.parse` refuses a header without known ones.
    var settings: SessionSettings { parsed.header.settings ?? SessionSettings(mode: .onboarding, clock: .sim) }
    var entries: [JournalEntry] { parsed.entries }
    var lastSequence: Int { parsed.entries.map(\.seq).max() ?? 0 }

    /// A journal's text from elsewhere than a file (a certificate, the proctor's store).
    init(text: String, name: String) throws(Journal.ParseError) {
        self.name = name
        self.text = text
        idleMilliseconds = 0
        parsed = try Journal.parse(text).get()
    }

    private init(name: String, bytes: Data, modified: Date) throws(NightshiftError) {
        self.name = name
        text = String(decoding: bytes, as: UTF8.self)
        idleMilliseconds = Int64(max(0, Date().timeIntervalSince(modified)) * 1000)
        switch Journal.parse(bytes) {
        case .failure(let problem): throw .notAJournal(name, problem)
        case .success(let parsed): self.parsed = parsed
        }
    }

    /// A journal file read as it is, to grade or replay: a torn last line (a crash in the
    /// middle of a write) is skipped, and `warnings(against:)` says so.
    static func read(_ path: String) throws(NightshiftError) -> OpenedJournal {
        guard let bytes = FileManager.default.contents(atPath: path) else { throw .cannotRead(path) }
        return try OpenedJournal(name: path, bytes: bytes, modified: modified(path))
    }

    /// A journal file to continue (a session, or a certification run's scenario): everything
    /// after the last line break is dropped, since its input was never applied, and with
    /// `repair` it is cut from the file too, so what is appended starts on a line of its own.
    static func recover(_ path: String, repair: Bool) throws(NightshiftError) -> OpenedJournal {
        guard var bytes = FileManager.default.contents(atPath: path) else { throw .cannotRead(path) }
        // When it was last written, read before any repair touches the file.
        let modified = modified(path)
        if let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")), bytes.index(after: lastNewline) != bytes.endIndex {
            // Counted in bytes, never in decoded text: a fragment cut inside a UTF-8 sequence
            // decodes to replacement characters of another length.
            bytes = Data(bytes[...lastNewline])
            if repair, let handle = FileHandle(forWritingAtPath: path) {
                do {
                    try handle.truncate(atOffset: UInt64(bytes.count))
                    try handle.close()
                } catch {
                    throw .journalNotOpened(error)
                }
            }
        }
        return try OpenedJournal(name: path, bytes: bytes, modified: modified)
    }

    private static func modified(_ path: String) -> Date {
        (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
    }

    /// The header's scenario, from the pack, at the header's seed.
    func scenario(in pack: LoadedPack) throws(NightshiftError) -> Scenario {
        guard let source = pack.contents.source(header.scenario) else { throw .journalScenarioNotInPack(header.scenario, in: pack.origin) }
        return try pack.instantiate(source, seed: header.seed)
    }

    /// The entries run through a fresh session of `scenario`; `step` sees each as `Replay` gives it.
    func replay(_ scenario: Scenario, pack: LoadedPack, drawingScreens: Bool = true,
                step: (_ before: Session, _ entry: JournalEntry, _ screen: Screen) -> Void = { _, _, _ in }) throws(NightshiftError) -> Replay {
        guard let replay = Replay.run(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs, header: header, entries: entries,
                                      drawingScreens: drawingScreens, step: step) else { throw .journalSettingsUnknown }
        return replay
    }

    /// The header's scenario found and the entries replayed, for a look at where a session stands.
    func replay(in pack: LoadedPack) throws(NightshiftError) -> Replay {
        try replay(scenario(in: pack), pack: pack)
    }

    // MARK: Warnings

    /// What was played differently from what this pack and engine would play now: the engine
    /// version, the scenario file, the cost table and the mode's rubric, each compared by its
    /// SHA-256. A hash of `-` records none (bench and test journals).
    func changes(against pack: LoadedPack) -> [String] {
        var changed: [String] = []
        if header.engine != Engine.version { changed.append("the engine (\(header.engine) then, \(Engine.version) now)") }
        if header.scenarioSHA256 != "-", let path = pack.path(ofScenario: header.scenario), pack.sha256(of: path) != header.scenarioSHA256 {
            changed.append("the scenario \(header.scenario)")
        }
        if header.costsSHA256 != "-", pack.sha256(of: "Scenarios/\(PackLoader.costsFile)") != header.costsSHA256 { changed.append("the cost table") }
        if let recorded = header.rubricSHA256, recorded != "-", recorded != pack.sha256(of: pack.rubric(for: settings.mode).path) {
            changed.append("the \(header.mode) rubric")
        }
        return changed
    }

    /// Said before the journal is used with this pack: each torn line skipped, and everything
    /// that has changed since it was written, once.
    func warnings(against pack: LoadedPack) -> [String] {
        var warnings = parsed.problems.map { "warning: \(name):\($0.line): \($0.message); skipped (a crash mid-write leaves one)" }
        let changed = changes(against: pack)
        if let last = changed.last {
            let listed = changed.count == 1 ? last : changed.dropLast().joined(separator: ", ") + " and " + last
            warnings.append("warning: \(listed) \(changed.count == 1 ? "has" : "have") changed since this journal was written: "
                            + "screens, times and grades may differ")
        }
        return warnings
    }

    /// Said after a replay: the first entries it applied at another simulated time than recorded.
    static func warnings(after replay: Replay) -> [String] {
        replay.divergences.prefix(5).map {
            "warning: entry \($0.seq) was applied at \($0.recorded) ms in the journal and \($0.replayed) ms in this replay"
        }
    }
}
