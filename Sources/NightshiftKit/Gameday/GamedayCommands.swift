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

    func location() throws -> StoreLocation {
        try data.storeLocation(flag: storeFlag, environment: environment)
    }

    /// Runs `body` with the store open; every failure becomes exit 2 (bad input) or 1.
    func withStore(_ mode: ResultsStore.OpenMode, _ body: (ResultsStore) throws -> Int32) -> Int32 {
        do {
            let store = try data.openStore(try location(), mode: mode)
            defer { store.close() }
            _ = PendingResults(data: data).flush(only: store.location)
            return try body(store)
        } catch let error as StoreError {
            output.error("nightshift: \(error)")
            return error.exitStatus
        } catch {
            output.error("nightshift: \(error)")
            return 1
        }
    }

    public func start(name: String, scenarios: [String], seed: UInt64?) -> Int32 {
        let ids = scenarios.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else {
            output.error("nightshift: name the game day's scenarios with --scenarios ID,ID… (`nightshift list` shows them)")
            return 2
        }
        guard ResultsStore.validGamedayName(name) else {
            output.error("nightshift: \(StoreError.badGamedayName(name))")
            return 2
        }
        for id in ids where pack.contents.source(id) == nil {
            let guess = Suggestion.closest(to: id, in: pack.contents.scenarioIDs)
            output.error("nightshift: no scenario `\(id)` in \(pack.origin.description)" + (guess.map { "; did you mean `\($0)`?" } ?? ""))
            return 2
        }
        if Set(ids).count != ids.count {
            output.error("nightshift: a scenario is named twice in --scenarios; each is played once")
            return 2
        }
        let seed = seed ?? UInt64.random(in: 1...999_999)
        return withStore(.create) { store in
            let now = PlayRunner.isoNow()
            try store.createGameday(GamedayRecord(name: name, scenarios: ids, seed: seed, createdAt: now, stateChangedAt: now))
            output.line("Game day \(name) started in \(store.displayName): \(Format.count(ids.count, "scenario")), seed \(seed).")
            // A server's password is not printed: players are told where it goes.
            let storePart = storeFlag.map { " --store " + ((try? StoreLocation($0))?.kind == .postgres ? Self.withPlaceholder($0) : $0) } ?? ""
            output.line("Players join with:  nightshift gameday join \(name) --player NAME\(storePart)")
            output.line("Board:              nightshift gameday board \(name) --watch\(storePart)")
            return 0
        }
    }

    /// A server URL with its password written as PASSWORD, to copy and fill in.
    static func withPlaceholder(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "PASSWORD"
        return "'" + (url.string ?? text) + "'"
    }

    public func setState(name: String, to state: GamedayRecord.State) -> Int32 {
        withStore(.existing) { store in
            let gameday = try store.gameday(name)
            if gameday.state == .ended, state != .ended { throw StoreError.gamedayEnded(name) }
            if gameday.state == state {
                output.line("The game day \(name) is already \(state.rawValue).")
                return 0
            }
            try store.setState(name, to: state, at: PlayRunner.isoNow())
            switch state {
            case .paused: output.line("Paused \(name): every player's clock stops at their next check (within a second).")
            case .running: output.line("Resumed \(name): every player's clock runs again.")
            case .ended: output.line("Ended \(name): no new sessions start; `nightshift gameday report \(name) --out DIR` writes the debrief.")
            }
            return 0
        }
    }

    public func inject(name: String, text: String?, named: String?, player: String?) -> Int32 {
        withStore(.existing) { store in
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
                    let names = Array(Set(declared.map(\.id))).sorted()
                    output.error("nightshift: no inject `\(named)` in this game day's scenarios" + (names.isEmpty ? " (they declare none)" : "; they declare \(names.joined(separator: ", "))"))
                    return 2
                }
                message = inject.text
            }
            guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                output.error("nightshift: say what the inject says: gameday inject \(name) \"TEXT\", or --named ID for one a scenario declares")
                return 2
            }
            guard ResultsStore.validInjectText(message) else {
                output.error("nightshift: an inject is \(StoreError.injectRule())")
                return 2
            }
            let id = try store.addInject(gameday: name, player: player, named: named, text: message, at: PlayRunner.isoNow())
            let reach = named.map { _ in "players of the scenarios that declare it (\(declaring.joined(separator: ", ")))" }
            let audience = player.map { "player \($0)" + (named == nil ? "" : " if they play a scenario that declares it") } ?? reach ?? "every player"
            output.line("Inject #\(id) sent in \(name) to \(audience); it arrives at their next prompt.")
            return 0
        }
    }

    /// Plays the game day's scenarios in order, skipping those this player finished.
    public func join(name: String, player: String?) -> Int32 {
        let player = player ?? GamedaySeat.defaultPlayer(environment)
        let scenarios: [String]
        do {
            let seat = try GamedaySeat.take(location: try location(), gameday: name, player: player, scenario: nil, data: data)
            scenarios = seat.gameday.scenarios
            let done = scenarios.filter { seat.entry($0)?.isFinished == true }.count
            seat.store.close()
            output.line("Joined the game day \(name) as \(player): \(Format.count(scenarios.count, "scenario"))" + (done > 0 ? ", \(done) already finished." : "."))
        } catch let error as StoreError {
            output.error("nightshift: \(error)")
            return error.exitStatus
        } catch {
            output.error("nightshift: \(error)")
            return 2
        }
        let console = PlayerConsole(environment: environment, data: data)
        for (index, scenario) in scenarios.enumerated() {
            output.line("")
            output.line("── Scenario \(index + 1) of \(scenarios.count) ──")
            let options = PlayOptions(scenario: scenario, mode: .gameday, player: player, gameday: name, store: storeFlag)
            let code = PlayRunner(pack: pack, options: options, environment: environment).run(console: console)
            guard code == 0 else { return code }
        }
        output.line("")
        output.line("That was every scenario of \(name). `nightshift gameday board \(name)` shows the standings.")
        return 0
    }

    public func list() -> Int32 {
        withStore(.existing) { store in
            let all = try store.gamedays()
            if all.isEmpty { output.line("No game days in \(store.displayName).") }
            for gameday in all {
                let players = try store.players(gameday: gameday.name).count
                output.line("\(gameday.name)  \(gameday.state.rawValue)  \(Format.count(gameday.scenarios.count, "scenario"))  \(Format.count(players, "player"))  started \(gameday.createdAt)")
            }
            return 0
        }
    }
}
