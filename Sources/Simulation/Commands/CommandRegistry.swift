import ScenarioFormat

/// Every trainee command. Adding one is its file and a line here; help, completion, the
/// cost table's lint and the bench read this list.
public enum CommandRegistry {
    public static let commands: [any TraineeCommand.Type] = [
        HelpCommand.self, PageCommand.self, StatusCommand.self, WaitCommand.self,
        DashCommand.self, MetricCommand.self, TracesCommand.self, TraceCommand.self, SamplesCommand.self, LogsCommand.self,
        DeploysCommand.self, ModelsCommand.self, PromptsCommand.self, IndexCommand.self, EvalsCommand.self, ToolsCommand.self,
        UsageCommand.self, KeysCommand.self, FlagsCommand.self, ServicesCommand.self, TeamsCommand.self,
        RunbookCommand.self, LearnCommand.self, HintCommand.self,
        DeclareCommand.self, SurfacesCommand.self, EscalateCommand.self, UpdateCommand.self,
        RollbackCommand.self, RestartCommand.self, ScaleCommand.self, PinCommand.self, FailoverCommand.self, RevokeCommand.self,
        RotateCommand.self, DisableCommand.self, EnableCommand.self, FlagCommand.self, RatelimitCommand.self, RefreshCommand.self,
        ResolveCommand.self, PostmortemCommand.self, QuitCommand.self,
    ]

    public static let specs: [CommandSpec] = commands.map { $0.spec }
    public static let names: [String] = specs.map(\.name)

    public static func command(_ name: String) -> (any TraineeCommand.Type)? { commands.first { $0.spec.name == name } }
    public static func spec(_ name: String) -> CommandSpec? { specs.first { $0.name == name } }

    /// Every price the commands can be charged under.
    public static var costKeys: Set<CostKey> { Set(specs.flatMap(\.costKeys)) }

    /// Reads a command line into a typed command, or says why it cannot run.
    public static func parse(_ line: String) -> Result<(any TraineeCommand)?, CommandProblem> {
        let words: [String]
        switch CommandTokenizer.split(line) {
        case .failure(let problem): return .failure(CommandProblem(problem.message))
        case .success(let split): words = split
        }
        guard let name = words.first else { return .success(nil) }
        guard let type = command(name) else {
            if let guess = Suggestion.closest(to: name, in: names) {
                return .failure(CommandProblem("Unknown command `\(name.truncated(to: 40))`. Did you mean `\(guess)`? (`help` lists commands.)"))
            }
            return .failure(CommandProblem("Unknown command `\(name.truncated(to: 40))`. `help` lists commands."))
        }
        do {
            return .success(try type.init(Array(words.dropFirst())))
        } catch {
            return .failure(error)
        }
    }
}
