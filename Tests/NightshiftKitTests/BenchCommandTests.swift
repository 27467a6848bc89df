@testable import NightshiftKit
import Simulation
import TestSupport
import Testing

/// The bench's session reads the registry: a new command is measured without anyone
/// remembering to list it, with arguments taken from the scenario's own world.
struct BenchCommandTests {
    @Test func theBenchScriptRunsEveryCommandTheRegistryListsAndEachIsAccepted() {
        var session = Fixture.session("silent-alias-upgrade", seed: 0)
        let script = BenchCommand.script(for: session, count: 200)
        let verbs = Set(script.map { String($0.prefix { $0 != " " }) })
        let skipped: Set<String> = ["quit", "wait", "postmortem", "resolve", "hint"]
        for name in CommandRegistry.names where !skipped.contains(name) { #expect(verbs.contains(name), "the bench never runs `\(name)`") }
        // The invocations built from the registry read as commands (the refusals are listed on purpose).
        for spec in CommandRegistry.specs {
            guard let line = BenchCommand.invocation(of: spec, in: session) else { continue }
            let screen = session.apply(SessionInput(.line(line)))
            #expect(!screen.plainText.hasPrefix(" Usage:") && !screen.plainText.contains("Unknown"), "`\(line)`: \(screen.plainText.prefix(200))")
        }
    }
}
