/// An action on the world, in the trainee's command syntax. Scenario files name actions in
/// the same words a trainee types (`pin model chat-default v1`), and both are parsed here.
public enum WorldAction: Sendable, Equatable, Hashable, CustomStringConvertible {
    case rollbackDeploy(String)
    case restart(String)
    case scale(String, Int)
    case pinModel(alias: String, version: String)
    case rollbackPrompt(version: String, region: String?)
    case failoverIndex(replica: String)
    case revokeKey(String)
    case rotateKey(String)
    case disableTool(String)
    case enableTool(String)
    case flag(String, String)
    case ratelimit(String, Int)
    case refreshEvals

    /// The verbs that start an action, with how they read in help and errors.
    public static let usages: [(verb: String, usage: String)] = [
        ("rollback", "rollback deploy ID | rollback prompt VERSION [--region R]"),
        ("restart", "restart SERVICE"),
        ("scale", "scale SERVICE REPLICAS"),
        ("pin", "pin model ALIAS VERSION"),
        ("failover", "failover index REPLICA"),
        ("revoke", "revoke key ID"),
        ("rotate", "rotate key ID"),
        ("disable", "disable tool NAME"),
        ("enable", "enable tool NAME"),
        ("flag", "flag NAME on|off"),
        ("ratelimit", "ratelimit KEY|TENANT RPM"),
        ("refresh", "refresh evals"),
    ]

    public static var verbs: [String] { usages.map(\.verb) }

    /// Parses words already split by the command line. Nil with a reason when it does not fit.
    public static func parse(_ words: [String]) -> Result<WorldAction, ActionSyntaxError> {
        guard let verb = words.first else { return .failure(.empty) }
        let args = Array(words.dropFirst())
        func usage() -> ActionSyntaxError { .usage(usages.first { $0.verb == verb }?.usage ?? verb) }
        switch verb {
        case "rollback":
            if args.first == "deploy", args.count == 2 { return .success(.rollbackDeploy(args[1])) }
            if args.first == "prompt" {
                var rest = Array(args.dropFirst())
                var region: String?
                if let flagIndex = rest.firstIndex(where: { $0 == "--region" || $0.hasPrefix("--region=") }) {
                    if rest[flagIndex].hasPrefix("--region=") {
                        region = String(rest[flagIndex].dropFirst("--region=".count))
                        rest.remove(at: flagIndex)
                    } else {
                        guard flagIndex + 1 < rest.count else { return .failure(usage()) }
                        region = rest[flagIndex + 1]
                        rest.removeSubrange(flagIndex...(flagIndex + 1))
                    }
                }
                if rest.count == 1 { return .success(.rollbackPrompt(version: rest[0], region: region)) }
            }
            return .failure(usage())
        case "restart":
            return args.count == 1 ? .success(.restart(args[0])) : .failure(usage())
        case "scale":
            guard args.count == 2 else { return .failure(usage()) }
            guard let count = Int(args[1]), (0...500).contains(count) else { return .failure(.badNumber(args[1], "a replica count from 0 to 500")) }
            return .success(.scale(args[0], count))
        case "pin":
            return args.count == 3 && args[0] == "model" ? .success(.pinModel(alias: args[1], version: args[2])) : .failure(usage())
        case "failover":
            return args.count == 2 && args[0] == "index" ? .success(.failoverIndex(replica: args[1])) : .failure(usage())
        case "revoke":
            return args.count == 2 && args[0] == "key" ? .success(.revokeKey(args[1])) : .failure(usage())
        case "rotate":
            return args.count == 2 && args[0] == "key" ? .success(.rotateKey(args[1])) : .failure(usage())
        case "disable":
            return args.count == 2 && args[0] == "tool" ? .success(.disableTool(args[1])) : .failure(usage())
        case "enable":
            return args.count == 2 && args[0] == "tool" ? .success(.enableTool(args[1])) : .failure(usage())
        case "flag":
            guard args.count == 2 else { return .failure(usage()) }
            let value = args[1].lowercased()
            guard ["on", "off"].contains(value) else { return .failure(.badValue(args[1], "`on` or `off`")) }
            return .success(.flag(args[0], value))
        case "ratelimit":
            guard args.count == 2 else { return .failure(usage()) }
            guard let rpm = Int(args[1]), (0...10_000_000).contains(rpm) else { return .failure(.badNumber(args[1], "requests per minute from 0 to 10000000")) }
            return .success(.ratelimit(args[0], rpm))
        case "refresh":
            return args == ["evals"] ? .success(.refreshEvals) : .failure(usage())
        default:
            return .failure(.unknownVerb(verb))
        }
    }

    /// The canonical spelling, used in journals, reports and findings.
    public var description: String {
        switch self {
        case .rollbackDeploy(let id): return "rollback deploy \(id)"
        case .restart(let service): return "restart \(service)"
        case .scale(let service, let count): return "scale \(service) \(count)"
        case .pinModel(let alias, let version): return "pin model \(alias) \(version)"
        case .rollbackPrompt(let version, let region): return "rollback prompt \(version)" + (region.map { " --region \($0)" } ?? "")
        case .failoverIndex(let replica): return "failover index \(replica)"
        case .revokeKey(let key): return "revoke key \(key)"
        case .rotateKey(let key): return "rotate key \(key)"
        case .disableTool(let tool): return "disable tool \(tool)"
        case .enableTool(let tool): return "enable tool \(tool)"
        case .flag(let name, let value): return "flag \(name) \(value)"
        case .ratelimit(let subject, let rpm): return "ratelimit \(subject) \(rpm)"
        case .refreshEvals: return "refresh evals"
        }
    }

    /// Parses an action written in a scenario file, reporting problems there.
    static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Located<WorldAction>? {
        guard let text = String.decode(node, decoder) else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        switch parse(words) {
        case .success(let action): return Located(action, at: node.location)
        case .failure(let error):
            decoder.error(.invalidValue(text, expected: "an action: \(error.message)"), at: node.location)
            return nil
        }
    }
}

/// Why words do not make an action.
public enum ActionSyntaxError: Error, Sendable, Equatable {
    case empty
    case unknownVerb(String)
    case usage(String)
    case badNumber(String, String)
    case badValue(String, String)

    public var message: String {
        switch self {
        case .empty: return "no action given"
        case .unknownVerb(let verb): return "`\(verb)` is not an action verb (actions start with " + WorldAction.verbs.map { "`\($0)`" }.joined(separator: ", ") + ")"
        case .usage(let usage): return "usage: \(usage)"
        case .badNumber(let text, let expected): return "`\(text)` is not \(expected)"
        case .badValue(let text, let expected): return "`\(text)` is not \(expected)"
        }
    }
}
