/// Attributes every request has besides its classes and span attributes, computed by the engine.
public enum RequestAttributes {
    public static let builtin: [(name: String, means: String)] = [
        ("time", "when the request started (`time<02:20`, `time>-30m`)"),
        ("trace", "the trace id"),
        ("name", "the root span's name (`POST /assist`)"),
        ("service", "the root span's service"),
        ("duration_ms", "the root span's total duration"),
        ("status", "`ok` or `error` (root status, or an HTTP status of 500 or more)"),
        ("feedback", "`up`, `down`, `handoff` or `none`"),
        ("cost_usd", "the model cost of the request"),
        ("error.type", "the first error on any span"),
        ("gen_ai.usage.input_tokens", "input tokens summed over LLM spans"),
        ("gen_ai.usage.output_tokens", "output tokens summed over LLM spans"),
    ]

    public static var builtinNames: [String] { builtin.map(\.name) }

    /// Every attribute name a condition or `--where` may use in this scenario.
    public static func names(in scenario: Scenario) -> [String] {
        var names = builtinNames + scenario.traffic.classes.map(\.name)
        for stream in scenario.traffic.streams { names += stream.classes.map(\.name) }
        for template in scenario.traffic.templates {
            names += template.attributes.map(\.key)
            for span in template.spans {
                names += ["\(span.id).duration_ms", "\(span.id).status"]
                names += span.attributes.flatMap { [$0.key, "\(span.id).\($0.key)"] }
            }
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
