/// An item a screen showed, as the grader and the trainee name it: `alias:chat-default`,
/// `trace:7f3a91c02be7`, `attr:gen_ai.response.model=v2`. One spelling, built here: screens
/// record what they showed, `declare --evidence` cites it, scenario truths name the decisive ones.
public struct EvidenceID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case trace, attr, metric, alias, deploy, prompt
        case promptVersion = "prompt-version"
        case diff, index, replica, build, evalset, judge, evalrun, tool, key, tenant, model, flag, service, log, samples, usage
    }

    public var kind: Kind
    public var value: String

    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    /// Reads `kind:value`; nil when the kind is not one screens show.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])) else { return nil }
        self.init(kind, String(text[text.index(after: colon)...]))
    }

    public var description: String { "\(kind.rawValue):\(value)" }

    public static func < (a: EvidenceID, b: EvidenceID) -> Bool { a.description < b.description }

    public static func trace(_ id: String) -> EvidenceID { EvidenceID(.trace, id) }
    /// A request attribute's value: `attr:NAME=VALUE` (a span's own as `SPAN.NAME`).
    public static func attribute(_ name: String, _ value: String) -> EvidenceID { EvidenceID(.attr, "\(name)=\(value)") }
    public static func metric(_ id: String) -> EvidenceID { EvidenceID(.metric, id) }
    public static func alias(_ alias: String) -> EvidenceID { EvidenceID(.alias, alias) }
    public static func deploy(_ id: String) -> EvidenceID { EvidenceID(.deploy, id) }
    public static func prompt(_ id: String) -> EvidenceID { EvidenceID(.prompt, id) }
    public static func prompt(_ id: String, region: String) -> EvidenceID { EvidenceID(.prompt, "\(id)/\(region)") }
    public static func promptVersion(_ id: String) -> EvidenceID { EvidenceID(.promptVersion, id) }
    public static func diff(_ old: String, _ new: String) -> EvidenceID { EvidenceID(.diff, "\(old)..\(new)") }
    public static func index(_ id: String) -> EvidenceID { EvidenceID(.index, id) }
    public static func replica(_ id: String) -> EvidenceID { EvidenceID(.replica, id) }
    public static func build(_ id: String) -> EvidenceID { EvidenceID(.build, id) }
    public static func evalSet(_ id: String) -> EvidenceID { EvidenceID(.evalset, id) }
    public static func judge(_ id: String) -> EvidenceID { EvidenceID(.judge, id) }
    public static func evalRun(_ id: String) -> EvidenceID { EvidenceID(.evalrun, id) }
    public static func tool(_ id: String) -> EvidenceID { EvidenceID(.tool, id) }
    public static func key(_ id: String) -> EvidenceID { EvidenceID(.key, id) }
    public static func flag(_ id: String) -> EvidenceID { EvidenceID(.flag, id) }
    public static func service(_ id: String) -> EvidenceID { EvidenceID(.service, id) }
    public static func log(_ id: String) -> EvidenceID { EvidenceID(.log, id) }
    /// A request shape whose conversations were read.
    public static func samples(_ shape: String) -> EvidenceID { EvidenceID(.samples, shape) }
    /// Spend of one key, tenant or model: `usage:key:ID`.
    public static func usage(_ grouping: String, _ value: String) -> EvidenceID { EvidenceID(.usage, "\(grouping):\(value)") }
    /// A key, tenant or model named in a spend table.
    public static func grouped(_ grouping: String, _ value: String) -> EvidenceID? { Kind(rawValue: grouping).map { EvidenceID($0, value) } }
}
