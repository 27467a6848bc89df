/// The instruments: eval sets, the judges that score them, the runs that gate releases,
/// and what `refresh evals` would produce.
public struct Evals: SchemaObject, Sendable, Equatable {
    public struct EvalSet: SchemaObject, Sendable, Equatable {
        public var id: String
        public var owner: String
        public var cases: Int
        public var built: SimDuration
        public var mix: [(key: String, share: Double)]
        public var description: String

        public static func == (a: EvalSet, b: EvalSet) -> Bool {
            a.id == b.id && a.owner == b.owner && a.cases == b.cases && a.built == b.built && a.description == b.description
                && a.mix.map(\.key) == b.mix.map(\.key) && a.mix.map(\.share) == b.mix.map(\.share)
        }

        public static let schema = ObjectSchema("eval-set", doc: "A set of eval cases.", [
            FieldSchema("id", .identifier, required: true, "Set id."),
            FieldSchema("owner", .identifier, "The team that owns it."),
            FieldSchema("cases", .integer, required: true, "How many cases."),
            FieldSchema("built", .offset, required: true, "When its cases were last sampled from production."),
            FieldSchema("mix", .dictionary(.percent), "Share of cases per intent, to compare with live traffic."),
            FieldSchema("description", .text, "What it covers."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> EvalSet? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let cases: Int = f.value("cases"),
                  let built: SimDuration = f.value("built") else { return nil }
            let mix = f.dictionary("mix", of: Percent.self).map { (key: $0.key.value, share: $0.value.value) }
            return EvalSet(id: id, owner: f.value("owner") ?? "", cases: cases, built: built, mix: mix, description: f.value("description") ?? "")
        }
    }

    public struct Judge: SchemaObject, Sendable, Equatable {
        public var id: String
        public var model: String
        public var threshold: Double
        public var history: [Change]

        static let historySchema = Change.schema("judge-change", valueKey: "config", valueDoc: "The judge configuration in force from then on.")

        public static let schema = ObjectSchema("judge", doc: "An LLM judge that scores eval runs.", [
            FieldSchema("id", .identifier, required: true, "Judge id."),
            FieldSchema("model", .string, required: true, "The model doing the judging."),
            FieldSchema("threshold", .number, required: true, "The pass threshold in force now (0–1)."),
            FieldSchema("history", .list(.object("judge-change")), required: true, "Its configuration over time."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Judge? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let model: String = f.value("model"),
                  let threshold: Double = f.value("threshold") else { return nil }
            return Judge(id: id, model: model, threshold: threshold, history: f.changes("history", schema: historySchema, valueKey: "config"))
        }
    }

    public struct Run: SchemaObject, Sendable, Equatable {
        public var id: String
        public var at: SimDuration
        public var set: String
        public var target: String
        public var judge: String
        public var score: Double
        public var threshold: Double
        public var passed: Bool
        public var note: String

        public static let schema = ObjectSchema("eval-run", doc: "One gated eval run.", [
            FieldSchema("id", .identifier, required: true, "Run id."),
            FieldSchema("at", .offset, required: true, "When it ran (inside `refresh`: after the refresh)."),
            FieldSchema("set", .identifier, required: true, "The eval set it ran."),
            FieldSchema("target", .string, required: true, "What it evaluated (`prompt support-v42`, `model …`)."),
            FieldSchema("judge", .identifier, required: true, "The judge that scored it."),
            FieldSchema("score", .number, required: true, "Mean score (0–1)."),
            FieldSchema("threshold", .number, "The gate threshold it was held to (default: the judge's)."),
            FieldSchema("passed", .boolean, required: true, "Whether the gate passed."),
            FieldSchema("note", .text, "What the run log says."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Run? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let at: SimDuration = f.value("at"),
                  let set: String = f.value("set"), let target: String = f.value("target"), let judge: String = f.value("judge"),
                  let score: Double = f.value("score"), let passed: Bool = f.value("passed") else { return nil }
            return Run(id: id, at: at, set: set, target: target, judge: judge, score: score,
                       threshold: f.value("threshold") ?? .nan, passed: passed, note: f.value("note") ?? "")
        }
    }

    /// What `refresh evals` produces: sets re-sampled from production and the runs that follow.
    public struct Refresh: SchemaObject, Sendable, Equatable {
        public var sets: [EvalSet]
        public var runs: [Run]
        public var says: String

        public static let schema = ObjectSchema("eval-refresh", doc: "The result of `refresh evals`.", [
            FieldSchema("sets", .list(.object("eval-set")), "Sets as they are after the refresh (`built` is ignored: it is the refresh time)."),
            FieldSchema("runs", .list(.object("eval-run")), "Runs that follow, `at` relative to the refresh (`+4m`)."),
            FieldSchema("says", .text, "What the eval service prints when the refresh is asked for."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Refresh? {
            guard let f = decoder.fields(node, schema) else { return nil }
            return Refresh(sets: f.list("sets"), runs: f.list("runs"), says: f.value("says") ?? "")
        }
    }

    public var sets: [EvalSet]
    public var judges: [Judge]
    public var runs: [Run]
    public var refresh: Refresh?

    public static let empty = Evals(sets: [], judges: [], runs: [], refresh: nil)

    /// What `refresh evals` produces: the scenario's `refresh`, or by default the same sets
    /// re-sampled and each set's latest gated run re-run five minutes later with the same result.
    public var effectiveRefresh: Refresh {
        if let refresh { return refresh }
        let reruns: [Run] = sets.compactMap { set in
            guard var latest = runs.filter({ $0.set == set.id }).max(by: { $0.at < $1.at }) else { return nil }
            latest.id += "-rerun"
            latest.at = .minutes(5)
            latest.note = "re-run on the refreshed set"
            return latest
        }
        return Refresh(sets: sets, runs: reruns, says: "")
    }

    public static let schema = ObjectSchema("evals", doc: "Eval sets, judges, runs.", [
        FieldSchema("sets", .list(.object("eval-set")), required: true, "Eval sets."),
        FieldSchema("judges", .list(.object("judge")), required: true, "Judges."),
        FieldSchema("runs", .list(.object("eval-run")), required: true, "Past gated runs."),
        FieldSchema("refresh", .object("eval-refresh"), "What `refresh evals` produces (default: the same sets, re-run, same results)."),
    ])

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Evals? {
        guard let f = decoder.fields(node, schema) else { return nil }
        return Evals(sets: f.list("sets"), judges: f.list("judges"), runs: f.list("runs"), refresh: f.value("refresh"))
    }
}
