import Avro

/// An Iceberg data type (table spec, "Schemas and Data Types").
public indirect enum IcebergType: Sendable, Hashable {
    /// True or false.
    case boolean
    /// 32-bit signed integer.
    case int
    /// 64-bit signed integer.
    case long
    /// 32-bit IEEE 754 float.
    case float
    /// 64-bit IEEE 754 double.
    case double
    /// Fixed-point decimal with precision ≤ 38.
    case decimal(precision: Int, scale: Int)
    /// Days since 1970-01-01.
    case date
    /// Microseconds since midnight.
    case time
    /// Microseconds since the epoch, without zone.
    case timestamp
    /// Microseconds since the epoch, UTC.
    case timestamptz
    /// Nanoseconds since the epoch, without zone (v3).
    case timestampNs
    /// Nanoseconds since the epoch, UTC (v3).
    case timestamptzNs
    /// UTF-8 text.
    case string
    /// A 16-byte UUID.
    case uuid
    /// Bytes of a fixed length.
    case fixed(Int)
    /// Arbitrary bytes.
    case binary
    /// A struct of named, id'd fields.
    case `struct`(StructType)
    /// A list with an id'd element.
    case list(ListType)
    /// A map with id'd key and value.
    case map(MapType)

    /// True for every type except struct, list and map.
    public var isPrimitive: Bool {
        switch self {
        case .struct, .list, .map: false
        default: true
        }
    }

    /// The canonical type string of a primitive (`"long"`, `"decimal(9,2)"`, `"fixed[16]"`);
    /// `struct`, `list` or `map` for nested types.
    public var name: String {
        switch self {
        case .boolean: "boolean"
        case .int: "int"
        case .long: "long"
        case .float: "float"
        case .double: "double"
        case .decimal(let p, let s): "decimal(\(p),\(s))"
        case .date: "date"
        case .time: "time"
        case .timestamp: "timestamp"
        case .timestamptz: "timestamptz"
        case .timestampNs: "timestamp_ns"
        case .timestamptzNs: "timestamptz_ns"
        case .string: "string"
        case .uuid: "uuid"
        case .fixed(let l): "fixed[\(l)]"
        case .binary: "binary"
        case .struct: "struct"
        case .list: "list"
        case .map: "map"
        }
    }

    /// Parses a primitive type string, accepting optional whitespace inside parameters
    /// (`decimal(9, 2)`), as the spec requires of readers.
    public static func primitive(named text: String) throws(IcebergError) -> IcebergType {
        let t = text.filter { !$0.isWhitespace }
        switch t {
        case "boolean": return .boolean
        case "int": return .int
        case "long": return .long
        case "float": return .float
        case "double": return .double
        case "date": return .date
        case "time": return .time
        case "timestamp": return .timestamp
        case "timestamptz": return .timestamptz
        case "timestamp_ns": return .timestampNs
        case "timestamptz_ns": return .timestamptzNs
        case "string": return .string
        case "uuid": return .uuid
        case "binary": return .binary
        default: break
        }
        if t.hasPrefix("fixed["), t.hasSuffix("]"), let l = Int(t.dropFirst(6).dropLast()), l >= 0 {
            return .fixed(l)
        }
        if t.hasPrefix("decimal("), t.hasSuffix(")") {
            let parts = t.dropFirst(8).dropLast().split(separator: ",", omittingEmptySubsequences: false)
            if parts.count == 2, let p = Int(parts[0]), let s = Int(parts[1]), p >= 1, p <= 38, s >= 0, s <= p {
                return .decimal(precision: p, scale: s)
            }
            throw IcebergError(.invalidSchema, "invalid decimal type '\(text)' (precision 1–38, 0 ≤ scale ≤ precision)")
        }
        throw IcebergError(.invalidSchema, "unknown Iceberg type '\(text)'")
    }
}

/// A named field of a struct, with its id, requiredness, type and optional defaults.
public struct NestedField: Sendable, Hashable {
    /// The field id, unique in the table schema.
    public var id: Int
    /// The field name.
    public var name: String
    /// Whether values may not be null.
    public var required: Bool
    /// The field type.
    public var type: IcebergType
    /// A comment.
    public var doc: String?
    /// The value readers use for rows written before the field existed (JSON single-value form).
    public var initialDefault: JSONValue?
    /// The value writers use when none is supplied (JSON single-value form).
    public var writeDefault: JSONValue?

    /// Creates a field.
    public init(id: Int, name: String, type: IcebergType, required: Bool = false, doc: String? = nil,
                initialDefault: JSONValue? = nil, writeDefault: JSONValue? = nil) {
        self.id = id
        self.name = name
        self.required = required
        self.type = type
        self.doc = doc
        self.initialDefault = initialDefault
        self.writeDefault = writeDefault
    }
}

/// The fields of a struct type.
public struct StructType: Sendable, Hashable {
    /// The fields in order.
    public var fields: [NestedField]

    /// Creates a struct type.
    public init(_ fields: [NestedField]) { self.fields = fields }

    /// The direct field with `id`, if any.
    public func field(id: Int) -> NestedField? { fields.first { $0.id == id } }
    /// The direct field called `name`, if any.
    public func field(named name: String) -> NestedField? { fields.first { $0.name == name } }
}

/// A list type: element id, requiredness and type.
public struct ListType: Sendable, Hashable {
    /// The element field id.
    public var elementID: Int
    /// Whether elements may not be null.
    public var elementRequired: Bool
    /// The element type.
    public var element: IcebergType

    /// Creates a list type.
    public init(elementID: Int, element: IcebergType, elementRequired: Bool = false) {
        self.elementID = elementID
        self.element = element
        self.elementRequired = elementRequired
    }
}

/// A map type: key and value ids and types; keys are always required.
public struct MapType: Sendable, Hashable {
    /// The key field id.
    public var keyID: Int
    /// The key type.
    public var key: IcebergType
    /// The value field id.
    public var valueID: Int
    /// The value type.
    public var value: IcebergType
    /// Whether values may not be null.
    public var valueRequired: Bool

    /// Creates a map type.
    public init(keyID: Int, key: IcebergType, valueID: Int, value: IcebergType, valueRequired: Bool = false) {
        self.keyID = keyID
        self.key = key
        self.valueID = valueID
        self.value = value
        self.valueRequired = valueRequired
    }
}
