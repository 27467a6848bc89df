import ScenarioFormat
@testable import Simulation
import TestSupport
import Testing

/// The registry is what help, completion, the cost table's lint and the bench read: it must
/// be whole and consistent with the shipped pack.
struct CommandRegistryTests {
    @Test func everyCommandIsNamedOnceAndReadsItsOwnOptionsOnce() {
        #expect(Set(CommandRegistry.names).count == CommandRegistry.names.count)
        for spec in CommandRegistry.specs {
            #expect(Set(spec.flags.map(\.name)).count == spec.flags.count, "\(spec.name) lists an option twice")
            #expect(spec.usage.hasPrefix(spec.name), "\(spec.name)'s usage does not start with its name")
        }
    }

    @Test func theShippedCostTablePricesEveryCommandAndNothingElse() {
        let problems = Fixture.contents.costs.problemsAgainstCommands()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(arguments: [("traces.by", "no price for `traces.by`, which `traces` is charged under"),
                      ("samples", "no price for `samples`, which `samples` is charged under")])
    func aCostTableMissingAPriceIsNamed(_ key: String, _ message: String) {
        var costs = Fixture.contents.costs
        costs.costs[key] = nil
        #expect(costs.problemsAgainstCommands().map(\.message).contains { $0.hasPrefix(message) })
    }

    @Test func aCostTableKeyNoCommandUsesIsNamedWithASuggestion() {
        var costs = Fixture.contents.costs
        costs.costs["tarces.by"] = .minutes(1)
        #expect(costs.problemsAgainstCommands().map(\.message) == ["no command is charged under `tarces.by`; did you mean `traces.by`?"])
    }

    /// Parsing is typed: a command's words become its value or its problem, before anything runs.
    @Test(arguments: [
        ("traces --limit", "`--limit` needs a value."),
        ("traces --by a --by b", "`--by` is given twice."),
        ("traces --bye x", "Unknown option `--bye`; did you mean `--by`?"),
        ("deploys now", "Usage: deploys"),
        ("wait 2h", "`wait` takes 10s to 1h."),
        ("usage --by region", "`--by` takes key, tenant or model."),
        ("pin model chat-default", "Usage: pin model ALIAS VERSION."),
        ("tarces", "Unknown command `tarces`. Did you mean `traces`? (`help` lists commands.)"),
    ])
    func aLineThatDoesNotReadIsRefusedWithItsReason(_ line: String, _ message: String) {
        guard case .failure(let problem) = CommandRegistry.parse(line) else {
            Issue.record("`\(line)` parsed")
            return
        }
        #expect(problem.message == message)
    }

    @Test func surfacesListsWhatDeclareTakesAndKeepsTheEvidenceColumnOutOfCertification() {
        var onboarding = Fixture.session("silent-alias-upgrade", seed: 0)
        let shown = onboarding.apply(SessionInput(.line("surfaces"))).plainText
        for surface in Fixture.pack.surfaces.map(\.id) { #expect(shown.contains("   \(surface) ")) }
        #expect(shown.contains("evidence: the alias registry") || shown.contains("evidence: gen_ai.request.model"))
        #expect(onboarding.now == .zero, "reference costs nothing")
        var certification = Fixture.session("silent-alias-upgrade", seed: 0, mode: .certification)
        #expect(!certification.apply(SessionInput(.line("surfaces"))).plainText.contains("evidence:"))
    }
}
