/// One problem found in a pack file, printed as `file:line:column: error: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    public var file: String
    public var location: SourceLocation
    public var problem: FormatProblem

    public init(_ severity: Severity, file: String, at location: SourceLocation, _ problem: FormatProblem) {
        self.severity = severity
        self.file = file
        self.location = location
        self.problem = problem
    }

    public var message: String { problem.message }

    /// The one printed form, shared by every command that reports a diagnostic.
    public var description: String {
        "\(file):\(location.line):\(location.column): \(severity.rawValue): \(problem.message)"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any of these stops the file from being used.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// File order, then position, so output is stable and reads top to bottom.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { ($0.file, $0.location, $0.message) < ($1.file, $1.location, $1.message) }
    }
}
