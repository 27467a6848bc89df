/// A condition over the world's state and a request's attributes, written in scenario files
/// as `alias/chat-default = v2`, `replica/{replica} = down and region != eu-west-1`, or
/// `not (flag/fallback = on)`. A slash marks a state path; a bare word is a request attribute.
public indirect enum Condition: Sendable, Equatable {
    case always
    case compare(Operand, Relation, [String])
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)

    /// Every operand used, for validation and for knowing which state keys a condition reads.
    public var operands: [Operand] {
        switch self {
        case .always: return []
        case .compare(let operand, _, _): return [operand]
        case .and(let a, let b), .or(let a, let b): return a.operands + b.operands
        case .not(let a): return a.operands
        }
    }

    public var values: [String] {
        switch self {
        case .always: return []
        case .compare(_, _, let values): return values
        case .and(let a, let b), .or(let a, let b): return a.values + b.values
        case .not(let a): return a.values
        }
    }
}

/// What a comparison reads.
public enum Operand: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A world state such as `alias/chat-default` or `prompt/support-system/{region}`;
    /// `{name}` is filled from the request's attribute of that name.
    case state(String)
    /// A request attribute such as `region`, `tenant` or `intent`.
    case attribute(String)

    public var description: String {
        switch self {
        case .state(let path): return path
        case .attribute(let name): return name
        }
    }

    /// Names inside `{...}` in a state path.
    public var placeholders: [String] {
        guard case .state(let path) = self else { return [] }
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

public enum Relation: String, Sendable, Equatable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case greater = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case isIn = "in"
}

extension Condition {
    /// Parses a condition; on failure gives the offset (in characters) of the problem.
    public static func parse(_ text: String) -> Result<Condition, ConditionSyntaxError> {
        var parser = ConditionParser(text)
        return parser.parseAll()
    }
}

public struct ConditionSyntaxError: Error, Equatable, Sendable {
    public var offset: Int
    public var message: String
}

extension Condition: NodeDecodable {
    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Condition? {
        guard case .scalar(let scalar) = node else {
            decoder.error(.wrongType(expected: "a condition such as `alias/chat-default = v2`", found: node.kindDescription), at: node.location)
            return nil
        }
        switch parse(scalar.text) {
        case .success(let condition):
            return condition
        case .failure(let error):
            // Plain one-line scalars start where the text starts, so the offset points into it.
            let location = scalar.isQuoted ? scalar.location : scalar.location.advanced(by: error.offset)
            decoder.error(.invalidExpression(error.message), at: location)
            return nil
        }
    }
}

/// A small recursive-descent parser; the grammar is in `docs/scenario-format.md`.
struct ConditionParser {
    private enum Token: Equatable {
        case word(String), op(String), open, close, listOpen, listClose, comma, end
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var index = 0
    private var lexError: ConditionSyntaxError?

    init(_ text: String) {
        let characters = Array(text)
        var i = 0
        func isWordCharacter(_ c: Character) -> Bool {
            c.isLetter || c.isNumber || "-_./{}:%@+*".contains(c)
        }
        while i < characters.count {
            let c = characters[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            switch c {
            case "(": tokens.append((.open, start)); i += 1
            case ")": tokens.append((.close, start)); i += 1
            case "[": tokens.append((.listOpen, start)); i += 1
            case "]": tokens.append((.listClose, start)); i += 1
            case ",": tokens.append((.comma, start)); i += 1
            case "=": tokens.append((.op("="), start)); i += 1; if i < characters.count, characters[i] == "=" { i += 1 }
            case "!", "<", ">":
                if i + 1 < characters.count, characters[i + 1] == "=" {
                    tokens.append((.op(String(c) + "="), start)); i += 2
                } else if c == "!" {
                    lexError = ConditionSyntaxError(offset: start, message: "`!` must be followed by `=`")
                    return
                } else {
                    tokens.append((.op(String(c)), start)); i += 1
                }
            case "\"", "'":
                var j = i + 1
                while j < characters.count, characters[j] != c { j += 1 }
                guard j < characters.count else {
                    lexError = ConditionSyntaxError(offset: start, message: "unterminated quote")
                    return
                }
                tokens.append((.word(String(characters[(i + 1)..<j])), start)); i = j + 1
            default:
                guard isWordCharacter(c) else {
                    lexError = ConditionSyntaxError(offset: start, message: "unexpected character `\(c)`")
                    return
                }
                var j = i
                while j < characters.count, isWordCharacter(characters[j]) { j += 1 }
                tokens.append((.word(String(characters[i..<j])), start)); i = j
            }
        }
        tokens.append((.end, characters.count))
    }

    mutating func parseAll() -> Result<Condition, ConditionSyntaxError> {
        if let lexError { return .failure(lexError) }
        do {
            let condition = try parseOr()
            guard case .end = tokens[index].token else { throw failure("expected `and`, `or` or the end of the condition") }
            return .success(condition)
        } catch let error as ConditionSyntaxError {
            return .failure(error)
        } catch {
            return .failure(ConditionSyntaxError(offset: 0, message: "\(error)"))
        }
    }

    private func failure(_ message: String) -> ConditionSyntaxError {
        ConditionSyntaxError(offset: tokens[index].offset, message: message)
    }

    private func isKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = tokens[index].token { return word == keyword }
        return false
    }

    private mutating func parseOr() throws -> Condition {
        var left = try parseAnd()
        while isKeyword("or") { index += 1; left = .or(left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws -> Condition {
        var left = try parseNot()
        while isKeyword("and") { index += 1; left = .and(left, try parseNot()) }
        return left
    }

    private mutating func parseNot() throws -> Condition {
        if isKeyword("not") { index += 1; return .not(try parseNot()) }
        if case .open = tokens[index].token {
            index += 1
            let inner = try parseOr()
            guard case .close = tokens[index].token else { throw failure("expected `)`") }
            index += 1
            return inner
        }
        if isKeyword("always") { index += 1; return .always }
        return try parseComparison()
    }

    private mutating func parseComparison() throws -> Condition {
        guard case .word(let name) = tokens[index].token, !["and", "or", "not", "in"].contains(name) else {
            throw failure("expected a state path such as `alias/chat-default` or an attribute such as `region`")
        }
        index += 1
        let operand: Operand = name.contains("/") ? .state(name) : .attribute(name)
        if isKeyword("in") {
            index += 1
            guard case .listOpen = tokens[index].token else { throw failure("expected `[` after `in`") }
            index += 1
            var values: [String] = []
            while true {
                guard case .word(let value) = tokens[index].token else { throw failure("expected a value in the list") }
                values.append(value)
                index += 1
                if case .comma = tokens[index].token { index += 1; continue }
                guard case .listClose = tokens[index].token else { throw failure("expected `,` or `]`") }
                index += 1
                break
            }
            return .compare(operand, .isIn, values)
        }
        guard case .op(let symbol) = tokens[index].token, let relation = Relation(rawValue: symbol) else {
            throw failure("expected `=`, `!=`, `<`, `>`, `<=`, `>=` or `in` after `\(name)`")
        }
        index += 1
        guard case .word(let value) = tokens[index].token else { throw failure("expected a value after `\(symbol)`") }
        index += 1
        return .compare(operand, relation, [value])
    }
}
