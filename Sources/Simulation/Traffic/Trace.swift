import ScenarioFormat

/// One request's trace, materialised for display: spans with offsets, durations, status and
/// attributes in the order the scenario wrote them.
public struct Trace: Sendable, Equatable {
    public struct Span: Sendable, Equatable {
        public var id: String
        public var name: String
        public var kind: String
        public var service: String
        public var parent: Int?
        public var depth: Int
        /// Start relative to the trace start, and total duration, in milliseconds.
        public var offset: Double
        public var duration: Double
        public var isError: Bool
        public var errorType: String
        public var message: String
        public var attributes: [(key: String, value: String)]

        public static func == (a: Span, b: Span) -> Bool {
            a.id == b.id && a.name == b.name && a.kind == b.kind && a.service == b.service && a.parent == b.parent
                && a.depth == b.depth && a.offset == b.offset && a.duration == b.duration && a.isError == b.isError
                && a.errorType == b.errorType && a.message == b.message
                && a.attributes.map(\.key) == b.attributes.map(\.key) && a.attributes.map(\.value) == b.attributes.map(\.value)
        }

        public func attribute(_ key: String) -> String? { attributes.first { $0.key == key }?.value }
    }

    public var id: String
    public var time: SimDuration
    /// The root first, then children depth-first in order.
    public var spans: [Span]
    public var feedback: String
    public var classes: [(name: String, value: String)]

    public static func == (a: Trace, b: Trace) -> Bool {
        a.id == b.id && a.time == b.time && a.spans == b.spans && a.feedback == b.feedback
            && a.classes.map(\.name) == b.classes.map(\.name) && a.classes.map(\.value) == b.classes.map(\.value)
    }

    public var root: Span { spans[0] }
    public var duration: Double { root.duration }
    public var hasError: Bool { spans.contains(where: \.isError) }
}
