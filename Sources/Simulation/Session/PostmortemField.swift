/// The postmortem form's fields, in the documented order (one line each when piped). Each
/// field's id is how answers are kept, graded and completed.
public enum PostmortemField: String, Sendable, CaseIterable {
    case prompt, model, judge, index, tools, traffic, surface, contributing, detected
    case shouldDetect = "should_detect"
    case prevention

    public var question: String {
        switch self {
        case .prompt: return "Prompt revision serving during the incident (or `unchanged (VERSION)`)"
        case .model: return "Model version actually served (or `unchanged (VERSION)`)"
        case .judge: return "Judge / eval configuration (or `unchanged (CONFIG)`)"
        case .index: return "Retrieval index state (or `unchanged (BUILD)`)"
        case .tools: return "Tool schema versions (or `unchanged (VERSIONS)`)"
        case .traffic: return "Traffic mix (or `unchanged`)"
        case .surface: return "Primary failure surface"
        case .contributing: return "Contributing surfaces, comma-separated, or `none`"
        case .detected: return "How was it detected?"
        case .shouldDetect: return "How should it have been detected? (an option id)"
        case .prevention: return "One prevention (an option id)"
        }
    }
}
