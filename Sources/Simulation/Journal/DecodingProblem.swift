import Foundation

/// A JSON decoding failure in plain words (`missing key seed`), not Swift's debug dump:
/// journals and certificates are files people open, edit and hand around.
public enum DecodingProblem {
    public static func describe(_ error: Error) -> String {
        if let problem = error as? StrictJSON.Problem { return problem.description }
        guard let error = error as? DecodingError else { return "it is not valid JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : "`" + keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[") + "`"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key `\(key.stringValue)`" + (context.codingPath.isEmpty ? "" : " in \(path(context))")
        case .typeMismatch(let type, let context):
            return "\(path(context)) should be \(noun(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)) is null; it should be \(noun(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not valid JSON" : "\(path(context)) has an unreadable value"
        @unknown default:
            return "it cannot be read"
        }
    }

    static func noun(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type, is Int64.Type, is UInt64.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
