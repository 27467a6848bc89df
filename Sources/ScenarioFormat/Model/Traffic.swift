/// The product's traffic: how many requests arrive, what attributes each carries, what
/// the healthy request looks like, and the overlays and streams that change it when the
/// world's state says so. Every request is a pure function of (seed, index).
public struct Traffic: SchemaObject, Sendable, Equatable {
    /// Requests per minute: a baseline with multiplicative noise.
    public struct Rate: SchemaObject, Sendable, Equatable {
        public var baseline: Double
        public var noise: Double   // 0...1, relative

        public static let schema = ObjectSchema("rate", doc: "Requests per minute.", [
            FieldSchema("baseline", .number, required: true, "Typical requests per minute."),
            FieldSchema("noise", .percent, "Minute-to-minute variation, relative (default 3%)."),
        ])

        public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Rate? {
            guard let f = decoder.fields(node, schema), let baseline: Double = f.value("baseline") else { return nil }
            guard baseline >= 0, baseline <= 1_000_000 else {
                decoder.error(.outOfRange("\(baseline)", expected: "0 to 1000000 requests per minute"), at: f.location(of: "baseline"))
                return nil
            }
            let noise: Percent? = f.value("noise")
            return Rate(baseline: baseline, noise: noise?.fraction ?? 0.03)
        }
    }

    /// An attribute every request carries (`region`, `tenant`, `user`…), drawn before anything else.
    public struct RequestClass: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case constant(String)
            case weighted([String], [Double])
            /// `user-00042`-style ids from a pool; stable per user, so sticky overlays follow users.
            case pool(size: Int, prefix: String)
            /// One of an index's replicas in rotation at the request's time, uniformly.
            case replicasOf(String)
            /// A tenant, weighted by the tenants' shares.
            case tenants
        }

        public var name: String
        public var kind: Kind
        public var location: SourceLocation

        static let schema = ObjectSchema("class", doc: "How a request attribute is drawn.", [
            FieldSchema("pool", .integer, "Draw ids from a pool of this many (`user-00042`)."),
            FieldSchema("prefix", .string, "With `pool`: the id prefix (default the attribute name)."),
            FieldSchema("replicas_of", .identifier, "An index id: one of its replicas in rotation."),
        ])

        static func decode(name: String, _ node: YAMLNode, location: SourceLocation, _ decoder: NodeDecoder) -> RequestClass? {
            switch node {
            case .scalar(let scalar):
                if scalar.text == "tenants" && !scalar.isQuoted { return RequestClass(name: name, kind: .tenants, location: location) }
                return RequestClass(name: name, kind: .constant(scalar.text), location: location)
            case .mapping(let entries, _):
                if entries.contains(where: { ["pool", "replicas_of"].contains($0.key.text) }) {
                    guard let f = decoder.fields(node, schema) else { return nil }
                    if let index: String = f.value("replicas_of") { return RequestClass(name: name, kind: .replicasOf(index), location: location) }
                    guard let size: Int = f.value("pool"), size > 0, size <= 10_000_000 else {
                        decoder.error(.outOfRange("pool", expected: "a pool of 1 to 10000000"), at: f.location(of: "pool"))
                        return nil
                    }
                    return RequestClass(name: name, kind: .pool(size: size, prefix: f.value("prefix") ?? name), location: location)
                }
                let weights = decoder.dictionary(node, of: Double.self) ?? []
                guard !weights.isEmpty, weights.allSatisfy({ $0.value >= 0 }), weights.contains(where: { $0.value > 0 }) else {
                    decoder.error(.invalidValue(name, expected: "values with non-negative weights, one above 0"), at: node.location)
                    return nil
                }
                return RequestClass(name: name, kind: .weighted(weights.map(\.key.value), weights.map(\.value)), location: location)
            case .sequence:
                decoder.error(.wrongType(expected: "a value, `tenants`, a mapping of weights, `{pool: N}` or `{replicas_of: INDEX}`", found: "a list"), at: node.location)
                return nil
            }
        }
    }

    /// When `when` holds, `share` of requests take this shape instead of the base.
    public struct Overlay: Sendable, Equatable {
        public enum Share: Sendable, Equatable {
            case fixed(Double)          // 0...1
            case metric(String)         // the metric's value, in percent, at the request's time
        }

        public var id: String
        public var location: SourceLocation
        public var when: Condition
        public var after: SimDuration?
        public var share: Share
        public var sticky: Bool
        public var ramp: SimDuration
        public var patch: TemplatePatch

        static let schema = ObjectSchema("overlay", doc: "A request shape that applies while its condition holds.", [
            FieldSchema("id", .identifier, required: true, "Overlay id (evidence `overlay:ID` is never shown; it names the shape)."),
            FieldSchema("when", .expression, required: true, "The world state under which it applies; may use request attributes."),
            FieldSchema("after", .offset, "Only from this time on."),
            FieldSchema("share", .oneOf([.percent, .object("metric-share")]), "Share of matching requests (default 100%), or `{metric: ID}`."),
            FieldSchema("sticky", .enumeration(["user"]), "`user`: the same users keep getting it (routing slices)."),
            FieldSchema("ramp", .duration, "Grows from 0 to its share over this long after the condition starts to hold."),
        ] + TemplatePatch.requestFields + [
            FieldSchema("drop", .list(.identifier), "Span ids (with their children) this shape does not have."),
        ])

        static let metricShareSchema = ObjectSchema("metric-share", doc: "A share read from a metric, in percent.", [
            FieldSchema("metric", .identifier, required: true, "An ambient metric whose value is the share in percent."),
        ])

        static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Overlay? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let when: Condition = f.value("when") else { return nil }
            var share = Share.fixed(1)
            if let shareNode = f.node("share") {
                if case .mapping = shareNode {
                    if let m = decoder.fields(shareNode, metricShareSchema), let metric: String = m.value("metric") { share = .metric(metric) }
                } else if let percent = Percent.decode(shareNode, decoder) {
                    share = .fixed(percent.fraction)
                }
            }
            let sticky: String? = f.value("sticky")
            if let sticky, sticky != "user" {
                decoder.error(.invalidValue(sticky, expected: "`user`"), at: f.location(of: "sticky"))
            }
            return Overlay(id: id, location: f.location, when: when, after: f.value("after"), share: share, sticky: sticky == "user",
                           ramp: f.value("ramp") ?? .zero, patch: TemplatePatch.decode(f, decoder))
        }
    }

    /// Extra traffic of its own (an attacker on a leaked key), added while `when` holds.
    public struct Stream: Sendable, Equatable {
        public var id: String
        public var location: SourceLocation
        public var when: Condition
        public var after: SimDuration?
        public var rate: Rate
        public var ramp: SimDuration
        public var legit: Bool
        public var classes: [RequestClass]
        public var patch: TemplatePatch

        static let schema = ObjectSchema("stream", doc: "Extra traffic that runs while its condition holds.", [
            FieldSchema("id", .identifier, required: true, "Stream id."),
            FieldSchema("when", .expression, "World condition for it to run (default always)."),
            FieldSchema("after", .offset, "It starts at this time."),
            FieldSchema("rate", .object("rate"), required: true, "Its own requests per minute."),
            FieldSchema("ramp", .duration, "Grows to its rate over this long."),
            FieldSchema("legit", .boolean, "False for traffic that rotating its key cuts off (default true)."),
            FieldSchema("classes", .dictionary(.oneOf([.string, .dictionary(.number), .object("class")])), "Request attributes that differ from the base traffic's."),
        ] + TemplatePatch.requestFields + [
            FieldSchema("drop", .list(.identifier), "Span ids this traffic does not have."),
        ])

        static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Stream? {
            guard let f = decoder.fields(node, schema), let id: String = f.value("id"), let rate: Rate = f.value("rate") else { return nil }
            let classes = (f.node("classes").map { Traffic.decodeClasses($0, decoder) }) ?? []
            return Stream(id: id, location: f.location, when: f.value("when") ?? .always, after: f.value("after"), rate: rate,
                          ramp: f.value("ramp") ?? .zero, legit: f.value("legit") ?? true, classes: classes,
                          patch: TemplatePatch.decode(f, decoder))
        }
    }

    public var rate: Rate
    public var classes: [RequestClass]
    public var request: RequestTemplate
    public var overlays: [Overlay]
    /// The base request with each overlay's patch applied, in overlay order.
    public var overlayTemplates: [RequestTemplate]
    public var streams: [Stream]
    public var streamTemplates: [RequestTemplate]

    public static let schema = ObjectSchema("traffic", doc: "Requests: rate, attributes, the base shape, overlays and streams.", [
        FieldSchema("rate", .object("rate"), required: true, "Base requests per minute."),
        FieldSchema("classes", .dictionary(.oneOf([.string, .dictionary(.number), .object("class")])), required: true, "Attributes every request carries."),
        FieldSchema("request", .object("request"), required: true, "The healthy request."),
        FieldSchema("overlays", .list(.object("overlay")), "Shapes that replace the base while a condition holds; the first that matches wins."),
        FieldSchema("streams", .list(.object("stream")), "Extra traffic with its own rate."),
    ])

    static func decodeClasses(_ node: YAMLNode, _ decoder: NodeDecoder) -> [RequestClass] {
        guard case .mapping(let entries, _) = node else {
            decoder.error(.wrongType(expected: "a mapping of attribute names", found: node.kindDescription), at: node.location)
            return []
        }
        return entries.compactMap { RequestClass.decode(name: $0.key.text, $0.value, location: $0.key.location, decoder) }
    }

    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Traffic? {
        guard let f = decoder.fields(node, schema), let rate: Rate = f.value("rate"),
              let requestNode = f.node("request"), let request = TemplatePatch.decodeBase(requestNode, decoder) else { return nil }
        let classes = f.node("classes").map { decodeClasses($0, decoder) } ?? []
        let overlays = (f.node("overlays").flatMap { decoder.list($0, of: YAMLNode.self) } ?? []).compactMap { Overlay.decode($0, decoder) }
        let streams = (f.node("streams").flatMap { decoder.list($0, of: YAMLNode.self) } ?? []).compactMap { Stream.decode($0, decoder) }
        return Traffic(
            rate: rate, classes: classes, request: request, overlays: overlays,
            overlayTemplates: overlays.map { $0.patch.applied(to: request, id: $0.id, decoder: decoder) },
            streams: streams,
            streamTemplates: streams.map { $0.patch.applied(to: request, id: $0.id, decoder: decoder) })
    }

    /// Every request shape: the base, then overlays, then streams.
    public var templates: [RequestTemplate] { [request] + overlayTemplates + streamTemplates }
}

/// Lets a list of raw nodes be read now and decoded with a caller-chosen function.
extension YAMLNode: NodeDecodable {
    public static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> YAMLNode? { node }
}
