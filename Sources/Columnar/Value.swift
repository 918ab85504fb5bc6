import Foundation

/// One cell, for row-at-a-time access, tests and printing.
///
/// Bulk code should read ``ColumnValues`` buffers directly; `Value` is the slow, convenient path.
public indirect enum Value: Sendable, Hashable {
    case null
    case boolean(Bool)
    case int32(Int32)
    case int64(Int64)
    case float(Float)
    case double(Double)
    case string(String)
    case binary([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    /// A count of `unit` since the epoch.
    case timestamp(Int64, TimeUnit)
    /// `unscaled × 10^-scale`.
    case decimal(Int128, scale: Int)
    case uuid(UUID)
    case list([Value])

    /// True for ``null``.
    public var isNull: Bool { if case .null = self { return true } else { return false } }
}

extension Value {
    /// The value as a `Double` when it is numeric (integers, floats, decimals, dates, timestamps).
    public var doubleValue: Double? {
        switch self {
        case .int32(let v): Double(v)
        case .int64(let v): Double(v)
        case .float(let v): Double(v)
        case .double(let v): v
        case .date(let v): Double(v)
        case .timestamp(let v, _): Double(v)
        case .decimal(let v, let scale): Double(v) / pow(10, Double(scale))
        default: nil
        }
    }

    /// The text of a ``string`` value.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
}
