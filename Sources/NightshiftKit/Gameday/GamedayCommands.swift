import Foundation
import Reports
import ResultsStore
import ScenarioFormat
import Simulation

/// `nightshift gameday …`: the facilitator's commands (start, pause, resume, inject, end,
/// board, watch, report) and the players' `join`. Every command checks its input before it
/// writes: a mistake gets one sentence and leaves the store as it was.
public struct GamedayCommands {
    let pack: LoadedPack
    let environment: [String: String]
    let data: DataFolder
    let storeFlag: String?
    let output = TerminalOutput()

    public init(pack: LoadedPack, environment: [String: String], store: String?) {
        self.pack = pack
        self.environment = environment
        self.data = DataFolder(environment: environment)
        self.storeFlag = store
    }

    func location() throws(NightshiftError) -> StoreLocation {
        try data.storeLocation(flag: storeFlag, environment: environment)
    }

    /// Runs `body` with the store open, after sending what waited for it; any failure is
    /// lifted into `NightshiftError` (a store's own errors keep their status).
    func withStore<T>(_ mode: ResultsStore.OpenMode, _ body: (ResultsStore) throws -> T) throws(NightshiftError) -> T {
        do {
            let store = try data.openStore(try location(), mode: mode)
            defer { store.close() }
            _ = PendingResults(data: data).flush(only: store.location)
            return try body(store)
        } catch {
            throw NightshiftError(error)
        }
    }

    public func start(name: String, scenarios: [String], seed: UInt64?) throws(NightshiftError) {
        let ids = scenarios.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw .noGamedayScenarios }
        guard ResultsStore.validGamedayName(name) else { throw .store(.badGamedayName(name)) }
        for id in ids { _ = try pack.source(id) }
        if Set(ids).count != ids.count { throw .scenarioNamedTwice }
        let seed = seed ?? UInt64.random(in: 1...999_999)
        try withStore(.create) { store in
            let now = PlayRunner.isoNow()
            try store.createGameday(GamedayRecord(name: name, scenarios: ids, seed: seed, createdAt: now, stateChangedAt: now))
            output.line("Game day \(name) started in \(store.displayName): \(Format.count(ids.count, "scenario")), seed \(seed).")
            // A server's password is not printed: players are told where it goes.
            let storePart = storeFlag.map { " --store " + ((try? StoreLocation($0))?.kind == .postgres ? Self.withPlaceholder($0) : $0) } ?? ""
            output.line("Players join with:  nightshift gameday join \(name) --player NAME\(storePart)")
            output.line("Board:              nightshift gameday board \(name) --watch\(storePart)")
        }
    }

    /// A server URL with its password written as PASSWORD, to copy and fill in.
    static func withPlaceholder(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "PASSWORD"
        return "'" + (url.string ?? text) + "'"
    }

    public func setState(name: String, to state: GamedayRecord.State) throws(NightshiftError) {
        try withStore(.existing) { store in
            let gameday = try store.gameday(name)
            if gameday.state == .ended, state != .ended { throw StoreError.gamedayEnded(name) }
            if gameday.state == state {
                output.line("The game day \(name) is already \(state.rawValue).")
                return
            }
            try store.setState(name, to: state, at: PlayRunner.isoNow())
            switch state {
            case .paused: output.line("Paused \(name): every player's clock stops at their next check (within a second).")
            case .running: output.line("Resumed \(name): every player's clock runs again.")
            case .ended: output.line("Ended \(name): no new sessions start; `nightshift gameday report \(name) --out DIR` writes the debrief.")
            }
        }
    }

    public func inject(name: String, text: String?, named: String?, player: String?) throws(NightshiftError) {
        try withStore(.existing) { store in
            let gameday = try store.gameday(name)
            guard gameday.state != .ended else { throw StoreError.gamedayEnded(name) }
            if let player {
                let players = try store.players(gameday: name)
                if !players.contains(player) { throw StoreError.unknownPlayer(player: player, gameday: name, players: players) }
            }
            var message = text ?? ""
            // A named inject is the scenario's own text; players on other scenarios do not get it.
            var declaring: [String] = []
            if let named {
                let variants = gameday.scenarios.compactMap { pack.contents.source($0)?.instantiate(seed: gameday.seed, pack: pack.contents.pack).0 }
                let declared = variants.flatMap(\.injects)
                declaring = variants.filter { $0.injects.contains { $0.id == named } }.map(\.id)
                guard let inject = declared.first(where: { $0.id == named }) else {
                    throw NightshiftError.unknownInject(named, declared: Array(Set(declared.map(\.id))).sorted())
                }
                message = inject.text
            }
            guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw NightshiftError.emptyInject(gameday: name) }
            guard ResultsStore.validInjectText(message) else { throw NightshiftError.injectNotAllowed }
            let id = try store.addInject(gameday: name, player: player, named: named, text: message, at: PlayRunner.isoNow())
            let reach = named.map { _ in "players of the scenarios that declare it (\(declaring.joined(separator: ", ")))" }
            let audience = player.map { "player \($0)" + (named == nil ? "" : " if they play a scenario that declares it") } ?? reach ?? "every player"
            output.line("Inject #\(id) sent in \(name) to \(audience); it arrives at their next prompt.")
        }
    }

    /// Plays the game day's scenarios in order, skipping those this player finished.
    public func join(name: String, player: String?) throws(NightshiftError) {
        let player = player ?? GamedaySeat.defaultPlayer(environment)
        let scenarios: [String]
        let seat = try GamedaySeat.take(location: location(), gameday: name, player: player, scenario: nil, data: data)
        scenarios = seat.gameday.scenarios
        let done = scenarios.filter { seat.entry($0)?.isFinished == true }.count
        seat.store.close()
        output.line("Joined the game day \(name) as \(player): \(Format.count(scenarios.count, "scenario"))" + (done > 0 ? ", \(done) already finished." : "."))
        let console = PlayerConsole(environment: environment, data: data)
        for (index, scenario) in scenarios.enumerated() {
            output.line("")
            output.line("── Scenario \(index + 1) of \(scenarios.count) ──")
            let options = PlayOptions(scenario: scenario, mode: .gameday, player: player, gameday: name, store: storeFlag)
            try PlayRunner(pack: pack, options: options, environment: environment).run(console: console)
        }
        output.line("")
        output.line("That was every scenario of \(name). `nightshift gameday board \(name)` shows the standings.")
    }

    public func list() throws(NightshiftError) {
        try withStore(.existing) { store in
            let all = try store.gamedays()
            if all.isEmpty { output.line("No game days in \(store.displayName).") }
            for gameday in all {
                let players = try store.players(gameday: gameday.name).count
                output.line("\(gameday.name)  \(gameday.state.rawValue)  \(Format.count(gameday.scenarios.count, "scenario"))  \(Format.count(players, "player"))  started \(gameday.createdAt)")
            }
        }
    }
}
