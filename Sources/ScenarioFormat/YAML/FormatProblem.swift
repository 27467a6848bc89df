/// Everything that can be wrong with a pack file. The wording lives here and only here.
public enum FormatProblem: Hashable, Sendable {
    case unreadable(String)
    case syntax(String)
    case emptyDocument
    case nestedTooDeep(limit: Int)
    case aliasesExpandTooFar
    case fileTooLarge(bytes: Int, limit: Int)
    case duplicateKey(String)
    case nonScalarKey
    case unknownKey(String, in: String, suggestion: String?)
    case missingKey(String, in: String)
    case wrongType(expected: String, found: String)
    case invalidValue(String, expected: String)
    case outOfRange(String, expected: String)
    case unsupportedFormat(found: String, expected: String)
    case unknownReference(kind: String, name: String, suggestion: String?)
    case duplicateID(kind: String, id: String)
    case impossibleTimeline(String)
    case emptyRegistry(String)
    case unknownParameter(String, suggestion: String?)
    case parameterInParameters(String)
    case invalidExpression(String)
    case inconsistent(String)
    case variantFailed(seed: UInt64, problem: String)
    case notAnIdentifier(String, reason: String)

    public var message: String {
        switch self {
        case .unreadable(let reason):
            return "cannot read the file: \(reason)"
        case .syntax(let detail):
            return "YAML syntax: \(detail)"
        case .emptyDocument:
            return "the file is empty; expected a mapping that starts with `nightshift:`"
        case .nestedTooDeep(let limit):
            return "nesting is deeper than \(limit) levels"
        case .aliasesExpandTooFar:
            return "YAML aliases (`*name`) repeat their anchors' values more times than the file could hold written out; write fewer aliases"
        case .fileTooLarge(let bytes, let limit):
            return "the file is \(bytes) bytes; the limit is \(limit)"
        case .duplicateKey(let key):
            return "duplicate key `\(key)`; each key may appear once in a mapping"
        case .nonScalarKey:
            return "a mapping key must be a plain word, not a list or mapping"
        case .unknownKey(let key, let context, let suggestion):
            return "unknown key `\(key)` in \(context)" + didYouMean(suggestion)
        case .missingKey(let key, let context):
            return "missing required key `\(key)` in \(context)"
        case .wrongType(let expected, let found):
            return "expected \(expected), found \(found)"
        case .invalidValue(let value, let expected):
            return "`\(value)` is not \(expected)"
        case .outOfRange(let value, let expected):
            return "`\(value)` is out of range: expected \(expected)"
        case .unsupportedFormat(let found, let expected):
            return "unsupported format `\(found)`; this nightshift reads `\(expected)`"
        case .unknownReference(let kind, let name, let suggestion):
            return "unknown \(kind) `\(name)`" + didYouMean(suggestion)
        case .duplicateID(let kind, let id):
            return "duplicate \(kind) id `\(id)`"
        case .impossibleTimeline(let detail):
            return "impossible timeline: \(detail)"
        case .emptyRegistry(let registry):
            return "the \(registry) registry is empty; every world should populate every surface, so that an empty registry never rules a surface out"
        case .unknownParameter(let name, let suggestion):
            return "unknown parameter `${\(name)}`" + didYouMean(suggestion.map { "${\($0)}" })
        case .parameterInParameters(let name):
            return "parameter `\(name)` refers to another parameter; parameters take literal values"
        case .invalidExpression(let detail):
            return "invalid condition: \(detail)"
        case .inconsistent(let detail):
            return detail
        case .variantFailed(let seed, let problem):
            return "the variant for seed \(seed) does not hold: \(problem)"
        case .notAnIdentifier(let value, let reason):
            return "`\(value)` is not an identifier (\(reason)); write letters, digits and - _ . / : without spaces, at most \(Identifier.maximumLength) characters"
        }
    }

    private func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean `\($0)`?" } ?? ""
    }
}
