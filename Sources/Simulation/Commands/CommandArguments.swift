import ScenarioFormat

/// A command's words read against its spec's options: `--name value` and `--name=value`, the
/// rest positional. Unknown options get "did you mean"; a value missing or repeated is named.
public struct CommandArguments: Sendable {
    public var positional: [String] = []
    /// Options in the order given, switches with the value `true`.
    public var flags: [(name: String, value: String)] = []

    public init(_ words: [String], flags allowed: [CommandSpec.Flag]) throws(CommandProblem) {
        // Suggestions and the list of options read options that take values first, then switches.
        let known = allowed.filter(\.takesValue).map(\.name) + allowed.filter { !$0.takesValue }.map(\.name)
        var index = 0
        while index < words.count {
            let word = words[index]
            guard word.hasPrefix("--") else {
                positional.append(word)
                index += 1
                continue
            }
            var name = word, value: String?
            if let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                value = String(word[word.index(after: equals)...])
            }
            guard let flag = allowed.first(where: { $0.name == name }) else {
                let guess = Suggestion.closest(to: name, in: known)
                throw CommandProblem("Unknown option `\(name.truncated(to: 30))`" + (guess.map { "; did you mean `\($0)`?" }
                    ?? (known.isEmpty ? "; this command takes none." : "; it takes " + known.sorted().joined(separator: ", ") + ".")))
            }
            if flag.takesValue {
                if value == nil {
                    guard index + 1 < words.count else { throw CommandProblem("`\(name)` needs a value.") }
                    index += 1
                    value = words[index]
                }
                if !flag.repeats, flags.contains(where: { $0.name == name }) { throw CommandProblem("`\(name)` is given twice.") }
                flags.append((name, value!))
            } else {
                flags.append((name, "true"))
            }
            index += 1
        }
    }

    /// The value of an option given once, if given.
    public func value(_ name: String) -> String? { flags.first { $0.name == name }?.value }

    /// Every value of an option that may repeat.
    public func values(_ name: String) -> [String] { flags.filter { $0.name == name }.map(\.value) }

    public func has(_ name: String) -> Bool { flags.contains { $0.name == name } }

    /// Reads a `--window` value; windows run from 5 minutes to 7 days.
    public static func window(_ text: String?, default fallback: SimDuration) -> Result<SimDuration, CommandProblem> {
        guard let text else { return .success(fallback) }
        guard let value = SimDuration.parse(text), value > .zero else {
            return .failure(CommandProblem("`\(text.truncated(to: 20))` is not a window; write 30m, 6h or 1d."))
        }
        guard value >= .minutes(5), value <= .days(7) else { return .failure(CommandProblem("Windows run from 5m to 7d.")) }
        return .success(value)
    }
}
