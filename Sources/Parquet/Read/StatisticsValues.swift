import Columnar
import Foundation

/// Decoded min/max/null statistics of one column chunk.
public struct ColumnStatistics: Sendable, Hashable {
    /// The smallest value, when recorded and decodable.
    public var min: Value?
    /// The largest value, when recorded and decodable.
    public var max: Value?
    /// The number of nulls, when recorded.
    public var nullCount: Int64?
    /// The number of distinct values, when recorded.
    public var distinctCount: Int64?
    /// The number of values including nulls (from the chunk metadata).
    public var valueCount: Int64
}

enum StatisticsValues {
    /// Decoded statistics of `meta` for `leaf`; min/max come from `min_value`/`max_value`, or from
    /// the legacy fields only for types whose legacy (signed) order is correct.
    static func decode(_ meta: ColumnMetaData, leaf: LeafColumn) -> ColumnStatistics {
        var out = ColumnStatistics(valueCount: meta.numValues)
        guard let s = meta.statistics else { return out }
        out.nullCount = s.nullCount
        out.distinctCount = s.distinctCount
        var lo = s.minValue, hi = s.maxValue
        if lo == nil || hi == nil {
            let legacyOK: Bool
            switch StatisticsOrder(leaf) {
            case .int32, .int64, .float, .double, .boolean:
                // Legacy INT32 stats of unsigned annotations were compared signed.
                if case .int64 = leaf.valueType, leaf.physicalType == .int32 { legacyOK = false } else { legacyOK = true }
            default: legacyOK = false
            }
            if legacyOK { lo = s.legacyMin; hi = s.legacyMax }
        }
        if let lo, let hi {
            out.min = value(lo, leaf: leaf)
            out.max = value(hi, leaf: leaf)
            if out.min == nil || out.max == nil { out.min = nil; out.max = nil }
        }
        return out
    }

    /// One PLAIN-encoded statistics value as a ``Value`` of the leaf's type.
    static func value(_ b: [UInt8], leaf: LeafColumn) -> Value? {
        func le<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard b.count == MemoryLayout<T>.size else { return nil }
            return StatisticsOrder.load(b, T.self)
        }
        switch (leaf.physicalType, leaf.valueType) {
        case (.boolean, _): return b.count == 1 ? .boolean(b[0] != 0) : nil
        case (.int32, .date): return le(Int32.self).map { .date($0) }
        case (.int32, .int64): return le(UInt32.self).map { .int64(Int64($0)) }
        case (.int32, .decimal(_, let scale)): return le(Int32.self).map { .decimal(Int128($0), scale: scale) }
        case (.int32, _): return le(Int32.self).map { .int32($0) }
        case (.int64, .timestamp(let unit, _)): return le(Int64.self).map { .timestamp($0, unit) }
        case (.int64, .decimal(_, let scale)): return le(Int64.self).map { .decimal(Int128($0), scale: scale) }
        case (.int64, _): return le(Int64.self).map { .int64($0) }
        case (.int96, _): return nil
        case (.float, _): return le(UInt32.self).map { .float(Float(bitPattern: $0)) }
        case (.double, _): return le(UInt64.self).map { .double(Double(bitPattern: $0)) }
        case (_, .decimal(_, let scale)):
            return bigEndianInteger(b).map { .decimal($0, scale: scale) }
        case (_, .string): return .string(String(decoding: b, as: UTF8.self))
        case (_, .uuid):
            guard b.count == 16 else { return nil }
            return .uuid(UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])))
        default: return .binary(b)
        }
    }

    /// A big-endian two's-complement integer of 1...16 bytes.
    static func bigEndianInteger(_ b: [UInt8]) -> Int128? {
        guard !b.isEmpty, b.count <= 16 else { return nil }
        var v: Int128 = b[0] >= 0x80 ? -1 : 0
        for byte in b { v = (v << 8) | Int128(byte) }
        return v
    }
}
