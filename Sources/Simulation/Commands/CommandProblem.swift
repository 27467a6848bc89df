/// Why a command line could not be run, in the words shown to the trainee. It runs nothing
/// and costs nothing.
public struct CommandProblem: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
