/// The resolution of a timestamp.
public enum TimeUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case milliseconds
    case microseconds
    case nanoseconds

    /// Units per second.
    public var perSecond: Int64 {
        switch self {
        case .milliseconds: 1_000
        case .microseconds: 1_000_000
        case .nanoseconds: 1_000_000_000
        }
    }
}

/// The logical type of a column.
///
/// Each logical type has one physical representation in memory (see ``ColumnValues``):
/// dates are `int32` days since 1970-01-01, timestamps are `int64` counts of their unit
/// since the Unix epoch, decimals are unscaled `Int128`, UUIDs are 16 fixed bytes.
public indirect enum DataType: Sendable, Hashable {
    case boolean
    case int32
    case int64
    case float
    case double
    /// UTF-8 text.
    case string
    /// Arbitrary bytes.
    case binary
    /// Bytes of a fixed width.
    case fixedBinary(width: Int)
    /// Days since 1970-01-01.
    case date
    /// An instant (`utc == true`) or a wall-clock time without zone (`utc == false`).
    case timestamp(unit: TimeUnit, utc: Bool)
    /// A fixed-point number `unscaled × 10^-scale`; precision at most 38.
    case decimal(precision: Int, scale: Int)
    /// A 16-byte RFC 4122 UUID.
    case uuid
    /// A variable-length list of values of one element type.
    case list(element: Field)

    /// True for every type except ``list(element:)``.
    public var isPrimitive: Bool {
        if case .list = self { return false }
        return true
    }

    /// A short human-readable name, e.g. `timestamp[us, UTC]` or `list<double>`.
    public var description: String {
        switch self {
        case .boolean: "boolean"
        case .int32: "int32"
        case .int64: "int64"
        case .float: "float"
        case .double: "double"
        case .string: "string"
        case .binary: "binary"
        case .fixedBinary(let w): "fixed[\(w)]"
        case .date: "date"
        case .timestamp(let unit, let utc):
            "timestamp[\(unit == .milliseconds ? "ms" : unit == .microseconds ? "us" : "ns")\(utc ? ", UTC" : "")]"
        case .decimal(let p, let s): "decimal(\(p),\(s))"
        case .uuid: "uuid"
        case .list(let element): "list<\(element.type.description)>"
        }
    }
}

extension DataType: CustomStringConvertible {}
