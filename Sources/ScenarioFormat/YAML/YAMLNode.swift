import Yams

/// A YAML scalar with where it was written. Keys and values both use it.
public struct YAMLScalar: Sendable, Equatable {
    public var text: String
    public var location: SourceLocation
    /// Written in quotes or as a block; such a scalar is always a string, never null.
    public var isQuoted: Bool

    public init(text: String, location: SourceLocation, isQuoted: Bool = false) {
        self.text = text
        self.location = location
        self.isQuoted = isQuoted
    }

    /// A plain `~`, `null` or empty value.
    public var isNull: Bool {
        !isQuoted && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }
}

/// One key and its value in a mapping, in the order written.
public struct YAMLEntry: Sendable, Equatable {
    public var key: YAMLScalar
    public var value: YAMLNode
}

/// A parsed YAML document that keeps every node's location and the order of keys,
/// which Yams' `Node` gives us and `Codable` would throw away.
public indirect enum YAMLNode: Sendable, Equatable {
    case scalar(YAMLScalar)
    case mapping([YAMLEntry], SourceLocation)
    case sequence([YAMLNode], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(let scalar): return scalar.location
        case .mapping(_, let location), .sequence(_, let location): return location
        }
    }

    /// How a diagnostic names what was found instead of what was expected.
    public var kindDescription: String {
        switch self {
        case .scalar(let scalar):
            if scalar.isNull { return "nothing" }
            return "`\(scalar.text.count > 40 ? String(scalar.text.prefix(37)) + "..." : scalar.text)`"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    /// The value for `key` in a mapping, if this is one and the key is present.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.first { $0.key.text == key }?.value
    }
}

/// Parses YAML text into a `YAMLNode`, turning every libyaml problem into a located diagnostic.
public enum YAMLParser {
    /// Flow collections nested deeper than this are refused before libyaml recurses into them.
    public static let nestingLimit = 64
    /// Files larger than this are refused outright; no scenario comes close.
    public static let sizeLimit = 4 << 20

    public static func parse(_ text: String) -> Result<YAMLNode, LocatedProblem> {
        if text.utf8.count > sizeLimit {
            return .failure(LocatedProblem(.start, .fileTooLarge(bytes: text.utf8.count, limit: sizeLimit)))
        }
        if let location = deepFlowNesting(in: text) {
            return .failure(LocatedProblem(location, .nestedTooDeep(limit: nestingLimit)))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(locate(error))
        } catch {
            return .failure(LocatedProblem(.start, .syntax("\(error)")))
        }
        guard let root else { return .failure(LocatedProblem(.start, .emptyDocument)) }
        var depthProblem: LocatedProblem?
        // Written out, a value takes at least a byte or two, so a file never holds more than
        // about twice as many values as bytes. More can only come from aliases, which Yams
        // resolves to shared copies; walking nine levels of ten aliases each would visit 10^9.
        var budget = 2 * text.utf8.count + 1000
        let node = convert(root, depth: 0, budget: &budget, problem: &depthProblem)
        if let depthProblem { return .failure(depthProblem) }
        if case .scalar(let scalar) = node, scalar.isNull { return .failure(LocatedProblem(.start, .emptyDocument)) }
        return .success(node)
    }

    private static func convert(_ node: Node, depth: Int, budget: inout Int, problem: inout LocatedProblem?) -> YAMLNode {
        let location = node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? .start
        if depth > nestingLimit, problem == nil {
            problem = LocatedProblem(location, .nestedTooDeep(limit: nestingLimit))
        }
        budget -= 1
        if budget < 0, problem == nil {
            problem = LocatedProblem(location, .aliasesExpandTooFar)
        }
        if problem != nil { return .scalar(YAMLScalar(text: "", location: location)) }
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style != .plain && scalar.style != .any
            return .scalar(YAMLScalar(text: scalar.string, location: location, isQuoted: quoted))
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            for (key, value) in mapping {
                let keyLocation = key.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? location
                guard case .scalar(let keyScalar) = key else {
                    if problem == nil { problem = LocatedProblem(keyLocation, .nonScalarKey) }
                    continue
                }
                entries.append(YAMLEntry(
                    key: YAMLScalar(text: keyScalar.string, location: keyLocation),
                    value: convert(value, depth: depth + 1, budget: &budget, problem: &problem)))
            }
            return .mapping(entries, location)
        case .sequence(let sequence):
            return .sequence(sequence.map { convert($0, depth: depth + 1, budget: &budget, problem: &problem) }, location)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one is an empty value.
            return .scalar(YAMLScalar(text: "", location: location))
        }
    }

    /// Finds `[[[[…` or `{{{{…` nested past the limit without recursing, since libyaml's
    /// composer would recurse once per level and a hostile file could exhaust the stack.
    private static func deepFlowNesting(in text: String) -> SourceLocation? {
        var depth = 0, line = 1, column = 0
        var quote: Character?
        for character in text {
            column += 1
            if character == "\n" { line += 1; column = 0; continue }
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": if depth > 0 { quote = character }
            case "[", "{":
                depth += 1
                if depth > nestingLimit { return SourceLocation(line: line, column: column) }
            case "]", "}": depth = max(0, depth - 1)
            case "#": if depth == 0 { quote = "\n" } // a comment runs to the end of the line
            default: break
            }
        }
        return nil
    }

    private static func locate(_ error: YamlError) -> LocatedProblem {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(line: max(1, mark.line), column: max(1, mark.column)) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? problem
            return LocatedProblem(at(mark), .syntax(detail))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return LocatedProblem(at(context.mark), .duplicateKey(duplicates.joined(separator: "`, `")))
        case .reader(let problem, _, _, _):
            return LocatedProblem(.start, .unreadable(problem))
        case .dataCouldNotBeDecoded:
            return LocatedProblem(.start, .unreadable("not valid UTF-8"))
        default:
            return LocatedProblem(.start, .syntax("\(error)"))
        }
    }
}

/// A problem and where it is, before it is tied to a file name.
public struct LocatedProblem: Error, Sendable, Equatable {
    public var location: SourceLocation
    public var problem: FormatProblem

    public init(_ location: SourceLocation, _ problem: FormatProblem) {
        self.location = location
        self.problem = problem
    }
}

/// One step of a path into a YAML tree: a key or a list index.
public enum YAMLPathStep: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, Sendable {
    case key(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }
}

extension YAMLNode {
    /// The node at `path`, or the deepest node on the way there, so a diagnostic can always point somewhere.
    public func locate(_ path: [YAMLPathStep]) -> SourceLocation {
        var node = self
        for step in path {
            switch (step, node) {
            case (.key(let key), .mapping(let entries, _)):
                guard let entry = entries.first(where: { $0.key.text == key }) else { return node.location }
                node = entry.value
            case (.index(let index), .sequence(let items, _)):
                guard items.indices.contains(index) else { return node.location }
                node = items[index]
            case (.index(let index), .mapping(let entries, _)):
                guard entries.indices.contains(index) else { return node.location }
                node = entries[index].value
            default:
                return node.location
            }
        }
        return node.location
    }
}
