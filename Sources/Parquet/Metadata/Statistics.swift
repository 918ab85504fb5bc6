/// Encoded statistics of a column chunk or page (the Thrift `Statistics` struct).
///
/// Values are in the column's PLAIN encoding (without length prefix for byte arrays); use
/// ``ParquetFileReader/columnStatistics(rowGroup:column:)`` for decoded ``Value``s.
public struct Statistics: Sendable, Hashable {
    /// Legacy maximum (signed comparison; trustworthy only for numeric types).
    public var legacyMax: [UInt8]?
    /// Legacy minimum (signed comparison; trustworthy only for numeric types).
    public var legacyMin: [UInt8]?
    /// The number of nulls.
    public var nullCount: Int64?
    /// The number of distinct values, when the writer counted them.
    public var distinctCount: Int64?
    /// The maximum under the column's sort order.
    public var maxValue: [UInt8]?
    /// The minimum under the column's sort order.
    public var minValue: [UInt8]?
    /// Whether ``maxValue`` is exact (not truncated).
    public var isMaxValueExact: Bool?
    /// Whether ``minValue`` is exact (not truncated).
    public var isMinValueExact: Bool?

    /// Creates statistics.
    public init(nullCount: Int64? = nil, distinctCount: Int64? = nil, minValue: [UInt8]? = nil, maxValue: [UInt8]? = nil) {
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.minValue = minValue
        self.maxValue = maxValue
    }
}

extension Statistics {
    static func read(_ r: inout CompactReader, _ t: CompactType) throws(ParquetError) -> Statistics {
        try r.enterStruct(t)
        var s = Statistics()
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1: s.legacyMax = try r.readBinary(t)
            case 2: s.legacyMin = try r.readBinary(t)
            case 3: s.nullCount = try r.readI64(t)
            case 4: s.distinctCount = try r.readI64(t)
            case 5: s.maxValue = try r.readBinary(t)
            case 6: s.minValue = try r.readBinary(t)
            case 7: s.isMaxValueExact = try r.readBool(t)
            case 8: s.isMinValueExact = try r.readBool(t)
            default: return false
            }
            return true
        }
        return s
    }

    func write(_ w: inout CompactWriter, _ id: Int16) {
        w.structure(id) { w in
            if let legacyMax { w.binary(1, legacyMax) }
            if let legacyMin { w.binary(2, legacyMin) }
            if let nullCount { w.i64(3, nullCount) }
            if let distinctCount { w.i64(4, distinctCount) }
            if let maxValue { w.binary(5, maxValue) }
            if let minValue { w.binary(6, minValue) }
            if let isMaxValueExact { w.bool(7, isMaxValueExact) }
            if let isMinValueExact { w.bool(8, isMinValueExact) }
        }
    }
}
