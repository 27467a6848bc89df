/// The seeded parameters of a scenario: which region, which replica, which version names,
/// what magnitude. A variant picks one value for each, so a memorised answer does not carry over.
public struct ParameterSpace: Sendable, Equatable {
    public struct Parameter: Sendable, Equatable {
        public enum Domain: Sendable, Equatable {
            /// One of these; each choice is a scalar or a flat mapping of named fields.
            case choices([[String: String]])
            /// A number from `low` to `high` in steps of `step`.
            case range(low: Double, high: Double, step: Double)
        }

        public var name: String
        public var domain: Domain
        public var location: SourceLocation

        /// The fields a choice has (`old`, `new`), empty for plain values.
        public var fields: [String] {
            guard case .choices(let choices) = domain, let first = choices.first else { return [] }
            return first.keys.filter { !$0.isEmpty }.sorted()
        }

        public var count: Int {
            switch domain {
            case .choices(let choices): return choices.count
            case .range(let low, let high, let step): return (try? ParameterRange.make(low: low, high: high, step: step).get())?.count ?? 1
            }
        }
    }

    public var parameters: [Parameter]

    public init(parameters: [Parameter] = []) { self.parameters = parameters }

    /// Every `${...}` name a file may use: `name` for plain values, `name.field` for fields.
    public var names: [String] {
        parameters.flatMap { parameter in
            parameter.fields.isEmpty ? [parameter.name] : parameter.fields.map { "\(parameter.name).\($0)" }
        }
    }

    /// The values for one seed. Seed 0 is the canonical variant: the first choice of every
    /// parameter, which the worked examples and docs use.
    public func values(seed: UInt64) -> [String: String] {
        var values: [String: String] = [:]
        for parameter in parameters {
            let draw = StableHash.combine(seed, StableHash.fnv1a("parameter:" + parameter.name))
            let index = seed == 0 ? 0 : Int(draw % UInt64(max(1, parameter.count)))
            switch parameter.domain {
            case .choices(let choices):
                for (field, value) in choices[index] {
                    values[field.isEmpty ? parameter.name : "\(parameter.name).\(field)"] = value
                }
            case .range(let low, let high, let step):
                // A range the loader refused is never instantiated; one built in code that is
                // out of bounds gives its low end as written rather than a trap.
                let range = try? ParameterRange.make(low: low, high: high, step: step).get()
                values[parameter.name] = range?.value(index) ?? "\(low)"
            }
        }
        return values
    }

    /// Reads the `parameters:` mapping.
    static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> ParameterSpace {
        guard case .mapping(let entries, _) = node else {
            if case .scalar(let scalar) = node, scalar.isNull { return ParameterSpace() }
            decoder.error(.wrongType(expected: "a mapping of parameter names", found: node.kindDescription), at: node.location)
            return ParameterSpace()
        }
        var parameters: [Parameter] = []
        for entry in entries {
            let name = entry.key.text
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), !name.isEmpty else {
                decoder.error(.invalidValue(name, expected: "a parameter name of letters, digits, - and _"), at: entry.key.location)
                continue
            }
            guard let fields = decoder.fields(entry.value, parameterSchema) else { continue }
            if let choicesNode = fields.node("choices") {
                guard case .sequence(let items, let location) = choicesNode, !items.isEmpty else {
                    decoder.error(.wrongType(expected: "a non-empty list of choices", found: choicesNode.kindDescription), at: choicesNode.location)
                    continue
                }
                var choices: [[String: String]] = []
                var firstKeys: [String]?
                for item in items {
                    switch item {
                    case .scalar(let scalar):
                        if scalar.text.contains("${") { decoder.error(.parameterInParameters(name), at: scalar.location) }
                        choices.append(["": scalar.text])
                    case .mapping(let pairs, let itemLocation):
                        var choice: [String: String] = [:]
                        for pair in pairs {
                            guard case .scalar(let value) = pair.value else {
                                decoder.error(.wrongType(expected: "a plain value", found: pair.value.kindDescription), at: pair.value.location)
                                continue
                            }
                            if value.text.contains("${") { decoder.error(.parameterInParameters(name), at: value.location) }
                            choice[pair.key.text] = value.text
                        }
                        let keys = choice.keys.sorted()
                        if let firstKeys, firstKeys != keys {
                            decoder.error(.inconsistent("every choice of `\(name)` must have the same fields (\(firstKeys.joined(separator: ", ")))"), at: itemLocation)
                        }
                        firstKeys = firstKeys ?? keys
                        choices.append(choice)
                    case .sequence:
                        decoder.error(.wrongType(expected: "a value or a mapping of fields", found: "a list"), at: item.location)
                    }
                }
                if choices.contains(where: { $0.keys.contains("") }) && choices.contains(where: { !$0.keys.contains("") }) {
                    decoder.error(.inconsistent("choices of `\(name)` mix plain values and mappings"), at: location)
                    continue
                }
                if !choices.isEmpty {
                    parameters.append(Parameter(name: name, domain: .choices(choices), location: entry.key.location))
                }
            } else if let range: [Double] = fields.value("range") {
                guard range.count == 2, range[0] <= range[1] else {
                    decoder.error(.invalidValue("\(range)", expected: "a range written [low, high]"), at: fields.location(of: "range"))
                    continue
                }
                let step: Double = fields.value("step") ?? 1
                if case .failure(let problem) = ParameterRange.make(low: range[0], high: range[1], step: step) {
                    // Point at the number at fault, written as the author wrote it.
                    var node = fields.node("step")
                    if case .bound(let value) = problem, case .sequence(let items, _)? = fields.node("range") {
                        node = items[value == range[0] ? 0 : 1]
                    }
                    let written = node.flatMap { if case .scalar(let scalar) = $0 { return scalar.text } else { return nil } } ?? "\(problem.value)"
                    decoder.error(.outOfRange(written, expected: problem.expected), at: node?.location ?? fields.location(of: "range"))
                    continue
                }
                parameters.append(Parameter(name: name, domain: .range(low: range[0], high: range[1], step: step), location: entry.key.location))
            } else if !fields.has("range") {
                decoder.error(.missingKey("choices", in: "parameter `\(name)` (give `choices` or `range`)"), at: entry.value.location)
            }
        }
        return ParameterSpace(parameters: parameters)
    }

    static let parameterSchema = ObjectSchema("parameter", doc: "One seeded parameter: a list of choices, or a numeric range.", [
        FieldSchema("choices", .list(.oneOf([.string, .number, .dictionary(.oneOf([.string, .number]))])),
                    "The values to draw from. A choice may be a mapping of named fields, used as `${name.field}`."),
        FieldSchema("range", .list(.number), "`[low, high]`: draw a number in this range."),
        FieldSchema("step", .number, "With `range`: the step between values (default 1)."),
    ])

    /// Replaces every `${name}` in the tree's scalars (keys and values) with its value,
    /// reporting unknown names with a suggestion. `skipping` names top-level keys left as written.
    public func substitute(_ node: YAMLNode, values: [String: String], decoder: NodeDecoder, skipping: Set<String> = []) -> YAMLNode {
        switch node {
        case .scalar(let scalar):
            return .scalar(substitute(scalar, values: values, decoder: decoder))
        case .sequence(let items, let location):
            return .sequence(items.map { substitute($0, values: values, decoder: decoder) }, location)
        case .mapping(let entries, let location):
            return .mapping(entries.map { entry in
                if skipping.contains(entry.key.text) { return entry }
                return YAMLEntry(key: substitute(entry.key, values: values, decoder: decoder),
                                 value: substitute(entry.value, values: values, decoder: decoder))
            }, location)
        }
    }

    private func substitute(_ scalar: YAMLScalar, values: [String: String], decoder: NodeDecoder) -> YAMLScalar {
        guard scalar.text.contains("${") else { return scalar }
        var result = ""
        var rest = Substring(scalar.text)
        // Columns count Unicode scalars, as libyaml's do; counted as we go, since measuring
        // from the start each time is quadratic in a long value full of `${`.
        var offset = 0
        var reported = 0
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            offset += rest.unicodeScalars[..<open.lowerBound].count
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                decoder.error(.invalidValue(scalar.text, expected: "a value whose `${` is closed by `}`"), at: scalar.isQuoted ? scalar.location : scalar.location.advanced(by: offset))
                return scalar
            }
            let name = String(rest[open.upperBound..<close])
            if let value = values[name] {
                result += value
            } else {
                // One value full of unknown names gets a handful of diagnostics, not thousands.
                if reported < 5 {
                    decoder.error(.unknownParameter(name, suggestion: Suggestion.closest(to: name, in: names)),
                                  at: scalar.isQuoted ? scalar.location : scalar.location.advanced(by: offset))
                }
                reported += 1
                result += "${\(name)}"
            }
            offset += rest.unicodeScalars[open.lowerBound...close].count
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        var substituted = scalar
        substituted.text = result
        return substituted
    }
}

import Foundation

extension ParameterSpace {
    /// Reads a `parameters:` mapping on its own, reporting problems to `decoder`.
    public static func read(_ node: YAMLNode, _ decoder: NodeDecoder) -> ParameterSpace { decode(node, decoder) }
}
