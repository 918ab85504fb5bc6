/// An Avro schema (Avro 1.11 specification), with the extra attributes Iceberg stores on it
/// (`field-id` on record fields, `element-id` on arrays, `key-id`/`value-id` on maps,
/// `logicalType` and `adjust-to-utc` on annotated types) kept in `properties`.
public indirect enum AvroSchema: Sendable, Hashable {
    /// A primitive type with optional attributes (e.g. `{"type": "int", "logicalType": "date"}`).
    case primitive(AvroPrimitive, properties: [String: JSONValue] = [:])
    /// A fixed-size byte string.
    case fixed(AvroFixed)
    /// An enumeration of symbols.
    case enumeration(AvroEnum)
    /// An array of items.
    case array(AvroArray)
    /// A map from strings to values.
    case map(AvroMap)
    /// A record of named fields.
    case record(AvroRecord)
    /// A union of branches (Iceberg only uses `["null", T]`).
    case union([AvroSchema])

    /// `"null"`.
    public static let null = AvroSchema.primitive(.null)
    /// `"boolean"`.
    public static let boolean = AvroSchema.primitive(.boolean)
    /// `"int"`.
    public static let int = AvroSchema.primitive(.int)
    /// `"long"`.
    public static let long = AvroSchema.primitive(.long)
    /// `"float"`.
    public static let float = AvroSchema.primitive(.float)
    /// `"double"`.
    public static let double = AvroSchema.primitive(.double)
    /// `"bytes"`.
    public static let bytes = AvroSchema.primitive(.bytes)
    /// `"string"`.
    public static let string = AvroSchema.primitive(.string)

    /// `["null", schema]`: the Avro shape of an optional value.
    public static func optional(_ schema: AvroSchema) -> AvroSchema { .union([.null, schema]) }

    /// The schema's `logicalType` attribute, if any.
    public var logicalType: String? {
        switch self {
        case .primitive(_, let p): p["logicalType"]?.stringValue
        case .fixed(let f): f.properties["logicalType"]?.stringValue
        case .array(let a): a.properties["logicalType"]?.stringValue
        case .map(let m): m.properties["logicalType"]?.stringValue
        case .record(let r): r.properties["logicalType"]?.stringValue
        case .enumeration, .union: nil
        }
    }

    /// For a union `["null", T]` or `[T, "null"]`, the non-null branch `T`.
    public var nonNullBranch: AvroSchema? {
        guard case .union(let branches) = self, branches.count == 2 else { return nil }
        if branches[0] == .null { return branches[1] }
        if branches[1] == .null { return branches[0] }
        return nil
    }

    /// The short type name, e.g. `long`, `record manifest_entry`, `union`.
    public var typeName: String {
        switch self {
        case .primitive(let p, _): p.rawValue
        case .fixed(let f): "fixed \(f.name)"
        case .enumeration(let e): "enum \(e.name)"
        case .array: "array"
        case .map: "map"
        case .record(let r): "record \(r.name)"
        case .union: "union"
        }
    }

    /// True when a value of this schema may encode to zero bytes (null, empty record...).
    var canBeEmpty: Bool {
        switch self {
        case .primitive(let p, _): p == .null
        case .fixed(let f): f.size == 0
        case .enumeration(let e): e.symbols.count <= 1
        case .array, .map, .union: false
        case .record(let r): r.fields.allSatisfy { $0.type.canBeEmpty }
        }
    }
}

/// The eight Avro primitive types.
public enum AvroPrimitive: String, Sendable, Hashable, CaseIterable {
    /// Avro `null`.
    case null
    /// Avro `boolean`.
    case boolean
    /// Avro `int`.
    case int
    /// Avro `long`.
    case long
    /// Avro `float`.
    case float
    /// Avro `double`.
    case double
    /// Avro `bytes`.
    case bytes
    /// Avro `string`.
    case string
}

/// An Avro `fixed` type.
public struct AvroFixed: Sendable, Hashable {
    /// The (full) name.
    public var name: String
    /// The size in bytes.
    public var size: Int
    /// Other attributes, e.g. `logicalType: decimal`, `precision`, `scale`.
    public var properties: [String: JSONValue]

    /// Creates a fixed type.
    public init(name: String, size: Int, properties: [String: JSONValue] = [:]) {
        self.name = name
        self.size = size
        self.properties = properties
    }
}

/// An Avro `enum` type.
public struct AvroEnum: Sendable, Hashable {
    /// The (full) name.
    public var name: String
    /// The symbols, in order; a value is encoded as its index.
    public var symbols: [String]
    /// Other attributes.
    public var properties: [String: JSONValue]

    /// Creates an enum type.
    public init(name: String, symbols: [String], properties: [String: JSONValue] = [:]) {
        self.name = name
        self.symbols = symbols
        self.properties = properties
    }
}

/// An Avro `array` type.
public struct AvroArray: Sendable, Hashable {
    /// The item schema.
    public var items: AvroSchema
    /// Other attributes, e.g. Iceberg's `element-id` or `logicalType: map` for maps stored as arrays.
    public var properties: [String: JSONValue]

    /// Creates an array type.
    public init(items: AvroSchema, properties: [String: JSONValue] = [:]) {
        self.items = items
        self.properties = properties
    }
}

/// An Avro `map` type (string keys).
public struct AvroMap: Sendable, Hashable {
    /// The value schema.
    public var values: AvroSchema
    /// Other attributes, e.g. Iceberg's `key-id` and `value-id`.
    public var properties: [String: JSONValue]

    /// Creates a map type.
    public init(values: AvroSchema, properties: [String: JSONValue] = [:]) {
        self.values = values
        self.properties = properties
    }
}

/// An Avro `record` type.
public struct AvroRecord: Sendable, Hashable {
    /// The (full) name, e.g. `manifest_entry` or `org.example.Point`.
    public var name: String
    /// Documentation, if any.
    public var doc: String?
    /// The fields in encoding order.
    public var fields: [AvroField]
    /// Other attributes.
    public var properties: [String: JSONValue]

    /// Creates a record type.
    public init(name: String, doc: String? = nil, fields: [AvroField], properties: [String: JSONValue] = [:]) {
        self.name = name
        self.doc = doc
        self.fields = fields
        self.properties = properties
    }

    /// The field called `name`, if any.
    public func field(named name: String) -> AvroField? { fields.first { $0.name == name } }
}

/// One field of an Avro record.
public struct AvroField: Sendable, Hashable {
    /// The field name.
    public var name: String
    /// The field schema.
    public var type: AvroSchema
    /// Documentation, if any.
    public var doc: String?
    /// The default value as JSON, if any (`.null` is a real default of null).
    public var defaultValue: JSONValue?
    /// Other attributes, e.g. Iceberg's `field-id`.
    public var properties: [String: JSONValue]

    /// Creates a field; `fieldID` sets Iceberg's `field-id` attribute.
    public init(_ name: String, _ type: AvroSchema, fieldID: Int? = nil, doc: String? = nil,
                defaultValue: JSONValue? = nil, properties: [String: JSONValue] = [:]) {
        self.name = name
        self.type = type
        self.doc = doc
        self.defaultValue = defaultValue
        self.properties = properties
        if let fieldID { self.properties["field-id"] = .int(Int64(fieldID)) }
    }

    /// Iceberg's `field-id` attribute, if present.
    public var fieldID: Int? { properties["field-id"]?.intValue.map { Int($0) } }
}
