/// A decoded Avro datum: the generic, schema-independent tree.
///
/// Unions are transparent: a value of a `["null", "long"]` field is `.null` or `.long(_)`;
/// the writer picks the first branch that matches the value.
public indirect enum AvroValue: Sendable, Hashable {
    /// Avro `null`.
    case null
    /// A `boolean`.
    case boolean(Bool)
    /// A 32-bit `int` (also `date`).
    case int(Int32)
    /// A 64-bit `long` (also timestamps and times).
    case long(Int64)
    /// A 32-bit `float`.
    case float(Float)
    /// A 64-bit `double`.
    case double(Double)
    /// A `bytes` value.
    case bytes([UInt8])
    /// A UTF-8 `string`.
    case string(String)
    /// The bytes of a `fixed` value.
    case fixed([UInt8])
    /// An enum symbol.
    case enumeration(String)
    /// An `array` (also Iceberg maps stored as arrays of key/value records).
    case array([AvroValue])
    /// Map entries in encoded order.
    case map([AvroMapEntry])
    /// Field values by field name; a field missing when writing takes its schema default.
    case record([String: AvroValue])

    /// The field called `name` of a record, or `nil`.
    public subscript(field: String) -> AvroValue? {
        guard case .record(let fields) = self else { return nil }
        return fields[field]
    }

    /// True for `.null`.
    public var isNull: Bool { self == .null }
    /// The integer value of an `int` or `long`.
    public var int64Value: Int64? {
        switch self {
        case .int(let v): Int64(v)
        case .long(let v): v
        default: nil
        }
    }
    /// The text of a `string`.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The bytes of a `bytes` or `fixed`.
    public var bytesValue: [UInt8]? {
        switch self {
        case .bytes(let b), .fixed(let b): b
        default: nil
        }
    }
    /// The elements of an `array`.
    public var arrayValue: [AvroValue]? { if case .array(let a) = self { a } else { nil } }
    /// The Boolean of a `boolean`.
    public var boolValue: Bool? { if case .boolean(let b) = self { b } else { nil } }
}

/// One entry of an Avro `map`.
public struct AvroMapEntry: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: AvroValue

    /// Creates an entry.
    public init(_ key: String, _ value: AvroValue) {
        self.key = key
        self.value = value
    }
}
