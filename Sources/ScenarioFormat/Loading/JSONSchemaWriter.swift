import Foundation

/// Writes the JSON Schema (draft 2020-12) an editor's YAML plugin uses, from the same
/// object schemas the loader checks files against, so the two cannot disagree.
public enum JSONSchemaWriter {
    /// The file kinds a pack holds, each with its root schema.
    public enum FileKind: String, CaseIterable, Sendable {
        case scenario, pack, costs, learn

        var root: ObjectSchema {
            switch self {
            case .scenario: return Scenario.schema
            case .pack: return Pack.schema
            case .costs: return CostTable.schema
            case .learn: return Pack.learnSchema
            }
        }
    }

    /// Every named object shape any pack file uses.
    static var definitions: [ObjectSchema] {
        [
            Scenario.schema, ParameterSpace.parameterSchema, Page.schema, World.schema, Service.schema, Deploy.schema,
            ModelAlias.schema, ModelAlias.Version.schema, ModelAlias.Version.priceSchema, ModelAlias.historySchema,
            Prompt.schema, Prompt.Version.schema, Prompt.Serving.schema,
            SearchIndex.schema, SearchIndex.Build.schema, SearchIndex.Replica.schema, SearchIndex.Replica.historySchema,
            Evals.schema, Evals.EvalSet.schema, Evals.Judge.schema, Evals.Judge.historySchema, Evals.Run.schema, Evals.Refresh.schema,
            Tool.schema, Tool.historySchema, APIKey.schema, Tenant.schema, Flag.schema, Flag.historySchema, ScriptedChange.schema,
            Team.schema, Team.Capability.schema,
            Traffic.schema, Traffic.Rate.schema, Traffic.RequestClass.schema, TemplatePatch.requestSchema, SpanTemplate.schema,
            Distribution.schema, StatusSpec.schema, AttributeGenerator.schema, LogTemplate.schema, Sample.schema, FeedbackModel.schema,
            Traffic.Overlay.schema, Traffic.Overlay.metricShareSchema, Traffic.Stream.schema,
            MetricSpec.schema, MetricSpec.Effect.schema, LogEntry.schema, TimelineEvent.schema, Inject.schema,
            Truth.schema, Truth.Evidence.schema, Truth.Move.schema, Truth.Harm.schema, Truth.Consequence.schema,
            Truth.Consequence.patchSchema, Truth.Option.schema, Truth.Postmortem.schema, Truth.Postmortem.factsSchema, Truth.timeSchema,
            Pack.schema, Pack.Surface.schema, Pack.Dashboard.schema, Pack.Dashboard.panelSchema, Pack.Topic.schema, Pack.learnSchema,
            CostTable.schema,
        ]
    }

    /// The schema for one kind of file, as pretty-printed JSON with sorted keys.
    public static func schema(for kind: FileKind) -> String {
        let all = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var needed: [String: ObjectSchema] = [:]
        func collect(_ type: SchemaType) {
            switch type {
            case .object(let name):
                guard needed[name] == nil, let schema = all[name] else { return }
                needed[name] = schema
                schema.fields.forEach { collect($0.type) }
            case .list(let inner), .dictionary(let inner): collect(inner)
            case .oneOf(let options): options.forEach(collect)
            default: break
            }
        }
        collect(.object(kind.root.name))
        var document: [String: Any] = [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://nightshift.example/schema/\(kind.rawValue).schema.json",
            "title": "Nightshift \(kind.rawValue) file",
            "description": kind.root.doc,
            "$ref": "#/$defs/\(kind.root.name)",
        ]
        var defs: [String: Any] = [:]
        for (name, schema) in needed { defs[name] = object(schema) }
        defs["parameter-reference"] = ["type": "string", "pattern": #"\$\{[A-Za-z0-9_.-]+\}"#,
                                       "description": "A `${parameter}` reference, replaced per seed before the file is read."]
        document["$defs"] = defs
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text + "\n"
    }

    private static func object(_ schema: ObjectSchema) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in schema.fields {
            var property = type(field.type)
            property["description"] = field.doc
            properties[field.name] = property
        }
        var result: [String: Any] = ["type": "object", "description": schema.doc, "properties": properties, "additionalProperties": false]
        let required = schema.fields.filter(\.required).map(\.name)
        if !required.isEmpty { result["required"] = required }
        return result
    }

    private static var parameter: [String: Any] { ["$ref": "#/$defs/parameter-reference"] }

    private static func type(_ type: SchemaType) -> [String: Any] {
        switch type {
        case .string, .text, .identifier, .expression:
            return ["type": "string"]
        case .integer: return ["anyOf": [["type": "integer"], parameter]]
        case .number: return ["anyOf": [["type": "number"], parameter]]
        case .boolean: return ["anyOf": [["type": "boolean"], parameter]]
        case .duration, .offset:
            return ["anyOf": [["type": "string", "pattern": #"^[+-]?((\d+(\.\d+)?(ms|s|m|h|d|w))+|0)$"#], ["const": 0], parameter]]
        case .percent:
            return ["anyOf": [["type": "number", "minimum": 0, "maximum": 100], ["type": "string", "pattern": #"^\d+(\.\d+)?\s*%$"#], parameter]]
        case .enumeration(let values): return ["anyOf": [["enum": values], parameter]]
        case .object(let name): return ["$ref": "#/$defs/\(name)"]
        case .list(let inner): return ["type": "array", "items": self.type(inner)]
        case .dictionary(let inner): return ["type": "object", "additionalProperties": self.type(inner)]
        case .oneOf(let options): return ["anyOf": options.map(self.type)]
        case .anything: return [:]
        }
    }
}
