/// The shape of a value in a pack file. One description serves three readers: the loader
/// (unknown and missing keys), the JSON Schema for editors, and the format documentation.
public indirect enum SchemaType: Sendable, Equatable {
    case string
    case text                   // a long human-readable string; same as string to a machine
    case integer
    case number
    case boolean
    case duration               // 25m, 1h30m, 500ms
    case offset                 // relative to the page: -25m, +15m, 0
    case percent                // 3%, 0.5%, or a bare number meaning percent
    case identifier             // lowercase words joined by - _ . /
    case expression             // a condition such as `alias/chat-default = v2 and region = eu`
    case enumeration([String])
    case object(String)         // a named definition
    case list(SchemaType)
    case dictionary(SchemaType) // free keys with values of one type
    case oneOf([SchemaType])
    case anything
}

/// One key of an object.
public struct FieldSchema: Sendable, Equatable {
    public var name: String
    public var type: SchemaType
    public var required: Bool
    public var doc: String

    public init(_ name: String, _ type: SchemaType, required: Bool = false, _ doc: String) {
        self.name = name
        self.type = type
        self.required = required
        self.doc = doc
    }
}

/// A named object shape: its keys, and what the object is, for diagnostics ("in page").
public struct ObjectSchema: Sendable, Equatable {
    public var name: String
    public var doc: String
    public var fields: [FieldSchema]

    public init(_ name: String, doc: String, _ fields: [FieldSchema]) {
        self.name = name
        self.doc = doc
        self.fields = fields
    }

    public var keys: [String] { fields.map(\.name) }
}

/// A value that can be read from a YAML node, reporting problems to the decoder.
public protocol NodeDecodable {
    /// Nil when the node could not be read; the reason has been reported to `decoder`.
    static func decode(_ node: YAMLNode, _ decoder: NodeDecoder) -> Self?
}

/// An object value with a schema of named keys.
public protocol SchemaObject: NodeDecodable {
    static var schema: ObjectSchema { get }
}
