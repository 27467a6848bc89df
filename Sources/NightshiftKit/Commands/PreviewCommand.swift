import Console
import Foundation
import ScenarioFormat
import Simulation

/// `nightshift scenario preview ID`: what a trainee would see at a moment of the incident
/// (the page, every dashboard, a few traces, optionally the registries), without playing,
/// then where each decisive evidence item shows up. For authors tuning a scenario.
public enum PreviewCommand {
    public struct Options: Sendable {
        public var scenario: String
        public var seed: UInt64
        /// Time after the page to look at.
        public var at: SimDuration
        public var registries: Bool

        public init(scenario: String, seed: UInt64, at: SimDuration, registries: Bool) {
            self.scenario = scenario
            self.seed = seed
            self.at = at
            self.registries = registries
        }
    }

    /// The screens a preview shows, in order.
    static func commands(_ session: Session, registries: Bool) -> [String] {
        var commands = session.pack.dashboards.map { "dash \($0.id)" } + ["traces --limit 8", "traces --errors --limit 5"]
        if registries {
            commands += CommandRegistry.specs.filter { $0.group == .registries }.map(\.name)
        }
        return commands
    }

    public static func run(_ options: Options, pack: LoadedPack, environment: [String: String]) throws(NightshiftError) {
        let output = TerminalOutput()
        let source = try pack.source(options.scenario)
        // An author previews a scenario they are writing: every diagnostic, warnings too, goes
        // with the screens on standard output, so the failure below need not repeat them.
        let (instantiated, diagnostics) = source.instantiate(seed: options.seed, pack: pack.contents.pack)
        for diagnostic in diagnostics { output.line(diagnostic.description) }
        guard let scenario = instantiated else { throw .scenarioDoesNotLoad(options.scenario, seed: options.seed, diagnostics: []) }
        guard options.at >= .zero, options.at <= .hours(24) else { throw .previewTimeOutOfRange }
        let terminal = TerminalInfo.current(environment: environment)
        let printer = ScreenPrinter(colour: terminal.stdoutIsTerminal && terminal.colourEnabled)
        let width = max(40, min(400, terminal.stdoutIsTerminal ? terminal.columns : Int(environment["COLUMNS"] ?? "") ?? 100))
        var session = Session(scenario: scenario, pack: pack.contents.pack, costs: pack.contents.costs,
                              settings: SessionSettings(mode: .onboarding, clock: .sim))
        output.lines(printer.render(session.opening(width: width)))
        // Time passes an hour at a time (`wait` takes at most an hour); events are not shown.
        var remaining = options.at
        while remaining > .zero {
            let step = min(remaining, .hours(1))
            _ = session.apply(SessionInput(.line("wait \(step.milliseconds / 1000)s"), width: width))
            remaining = remaining - step
        }
        var seen: [String: [String]] = [:]
        for command in commands(session, registries: options.registries) {
            // Each screen is drawn at the same moment: looking does not move the preview's clock.
            var look = session
            let screen = look.apply(SessionInput(.line(command), width: width))
            output.line("")
            output.line(printer.render(Line(" \(session.clock.clock(session.now)) ▸ \(command)", .chrome)))
            output.lines(printer.render(screen.lines))
            for id in screen.evidence { seen[id.description, default: []].append(command) }
        }
        output.line("")
        output.lines(printer.render(evidenceCheck(session, seen: seen, width: width)))
    }

    /// For the author: the truth, and which of the previewed screens carry each decisive evidence item.
    static func evidenceCheck(_ session: Session, seen: [String: [String]], width: Int) -> [Line] {
        let truth = session.scenario.truth
        var lines = [Line(" Author's check (hidden from trainees)", .heading),
                     Line(" Surface \(truth.surface); the cause \(session.causeHolds(at: session.now) ? "holds" : "does not hold") at \(session.clock.clock(session.now)). Variant: "
                          + session.scenario.variant.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ").truncated(to: 300))]
        for item in truth.evidence {
            if let screens = seen[item.ref] {
                lines.append(Line([Segment("   ✓ ", .good), Segment(item.ref, .id), Segment(" on " + screens.prefix(3).joined(separator: ", "))]))
            } else {
                lines.append(Line([Segment("   · ", .dim), Segment(item.ref, .id),
                                   Segment(" not on these screens (a narrower look finds it: traces --where, logs, a registry)", .dim)]))
            }
        }
        return lines.flatMap { $0.fitted(to: width, hangingIndent: 5) }
    }
}
