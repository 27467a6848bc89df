import Foundation
import Reports
import ResultsStore
import Simulation

/// A playing session's line to its game day: it publishes progress for the facilitator's
/// watch, and between prompts it brings the facilitator's pause and injects. The store may
/// go away mid-session: the journal is local and complete either way, so the link only
/// says so once, keeps trying now and then, and the finished result syncs later.
final class GamedayLink {
    struct News {
        var paused: Bool
        var injects: [ResultsStore.Inject]
    }

    let location: StoreLocation
    let gameday: String
    let player: String
    /// The entry as it began; progress updates copy it.
    private(set) var entry: SessionResult
    private var store: ResultsStore?
    private var lastInject: Int
    private var lastPoll = Date.distantPast
    private var lastAttempt = Date.distantPast
    private var offlineSaid = false
    private var paused = false
    let warn: (String) -> Void
    /// How the store that was handed in reports rows it leaves out; a reopened one does the same.
    private let onUnreadable: ((StoreError) -> Void)?

    init(store: ResultsStore, gameday: String, player: String, entry: SessionResult, warn: @escaping (String) -> Void) throws {
        self.location = store.location
        self.store = store
        self.gameday = gameday
        self.player = player
        self.entry = entry
        self.warn = warn
        onUnreadable = store.onUnreadable
        // Injects fired before this session began were for the sessions running then.
        lastInject = try store.lastInjectID(gameday: gameday)
        paused = try store.gameday(gameday).state == .paused
        try store.save(entry)
    }

    /// The store, reopened when it was lost (at most every 10 seconds).
    private func reachable() -> ResultsStore? {
        if let store { return store }
        guard Date().timeIntervalSince(lastAttempt) >= 10 else { return nil }
        lastAttempt = Date()
        guard let reopened = try? ResultsStore.open(location, mode: .existing) else { return nil }
        reopened.onUnreadable = onUnreadable
        store = reopened
        if offlineSaid { warn("The results store is back; the game day sees you again.") }
        offlineSaid = false
        return reopened
    }

    private func lost(_ error: any Error) {
        store?.close()
        store = nil
        lastAttempt = Date()
        guard !offlineSaid else { return }
        offlineSaid = true
        warn("The results store is unreachable (\(error)). Play on: your journal is kept here and your result syncs when the store returns.")
    }

    /// Pause state and new injects; at most once a second unless `force`d (between prompts).
    func poll(force: Bool) -> News {
        guard force || Date().timeIntervalSince(lastPoll) >= 1 else { return News(paused: paused, injects: []) }
        lastPoll = Date()
        guard let store = reachable() else {
            // Unreachable: nobody can resume us, so a pause cannot hold the player hostage.
            paused = false
            return News(paused: false, injects: [])
        }
        do {
            let was = paused
            paused = try store.gameday(gameday).state == .paused
            if paused != was {
                // The facilitator's watch shows who is held.
                entry.state = paused ? .paused : .playing
                entry.updatedAt = PlayRunner.isoNow()
                try store.save(entry)
            }
            let injects = try store.injects(gameday: gameday, player: player, after: lastInject)
            lastInject = injects.last?.id ?? lastInject
            return News(paused: paused, injects: injects)
        } catch {
            lost(error)
            paused = false
            return News(paused: false, injects: [])
        }
    }

    /// Live progress for `gameday watch`.
    func progress(_ session: Session, commands: Int) {
        entry.updatedAt = PlayRunner.isoNow()
        entry.simSeconds = Int(session.now.milliseconds / 1000)
        entry.declared = session.record.currentDeclaration?.surface
        entry.evidenceSeen = session.record.evidenceSeen.count
        entry.commands = commands
        entry.state = paused ? .paused : .playing
        guard let store = reachable() else { return }
        do { try store.save(entry) } catch { lost(error) }
    }

    /// The finished entry; false when it could not land (the caller queues it).
    func finish(_ result: SessionResult) -> Bool {
        guard let store = reachable() else { return false }
        do {
            try store.save(result)
            return true
        } catch {
            lost(error)
            return false
        }
    }

    func close() { store?.close() }
}
