#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sort order used for min/max statistics of a leaf column, over PLAIN-encoded values.
enum StatisticsOrder: Sendable {
    case boolean, int32, int64, float, double
    /// Unsigned lexicographic bytes (strings, binary, uuid, fixed).
    case unsignedBytes
    /// Big-endian two's-complement integers of one width (decimal FIXED_LEN_BYTE_ARRAY).
    case signedBigEndian
    /// No defined order (INT96): statistics are not written.
    case undefined

    /// The order of a leaf column.
    init(_ leaf: LeafColumn) {
        switch leaf.physicalType {
        case .boolean: self = .boolean
        case .int32: self = .int32
        case .int64: self = .int64
        case .float: self = .float
        case .double: self = .double
        case .int96: self = .undefined
        case .byteArray, .fixedLenByteArray:
            if case .decimal = leaf.valueType { self = .signedBigEndian } else { self = .unsignedBytes }
        }
    }

    /// Compares two PLAIN-encoded values; negative, zero or positive.
    func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        switch self {
        case .boolean: return Int(a.first ?? 0) - Int(b.first ?? 0)
        case .int32: return Self.cmp(Self.load(a, Int32.self), Self.load(b, Int32.self))
        case .int64: return Self.cmp(Self.load(a, Int64.self), Self.load(b, Int64.self))
        case .float: return Self.cmp(Float(bitPattern: Self.load(a, UInt32.self)), Float(bitPattern: Self.load(b, UInt32.self)))
        case .double: return Self.cmp(Double(bitPattern: Self.load(a, UInt64.self)), Double(bitPattern: Self.load(b, UInt64.self)))
        case .unsignedBytes, .undefined: return Self.compareBytes(a, b)
        case .signedBigEndian:
            if a.count != b.count || a.isEmpty { return Self.compareBytes(a, b) }
            let sa = a[0] ^ 0x80, sb = b[0] ^ 0x80
            if sa != sb { return sa < sb ? -1 : 1 }
            return Self.compareBytes(Array(a.dropFirst()), Array(b.dropFirst()))
        }
    }

    @inline(__always) static func cmp<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }

    static func load<T: FixedWidthInteger>(_ bytes: [UInt8], _: T.Type) -> T {
        var v: T = 0
        for (i, b) in bytes.prefix(MemoryLayout<T>.size).enumerated() { v |= T(truncatingIfNeeded: b) << (8 * i) }
        return v
    }

    /// Unsigned lexicographic comparison.
    static func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let n = min(a.count, b.count)
        let c = a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in n == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, n) } }
        if c != 0 { return Int(c) }
        return a.count - b.count
    }
}

/// Running min/max/null statistics over PLAIN-encoded values.
struct StatisticsAccumulator {
    let order: StatisticsOrder
    var min: [UInt8]?
    var max: [UInt8]?
    var nullCount: Int64 = 0

    init(order: StatisticsOrder) { self.order = order }

    /// Merges a candidate minimum and maximum.
    mutating func merge(min candidateMin: [UInt8]?, max candidateMax: [UInt8]?) {
        if let m = candidateMin, min == nil || order.compare(m, min!) < 0 { min = m }
        if let m = candidateMax, max == nil || order.compare(m, max!) > 0 { max = m }
    }

    /// Merges another accumulator.
    mutating func merge(_ other: StatisticsAccumulator) {
        merge(min: other.min, max: other.max)
        nullCount += other.nullCount
    }

    /// The Thrift statistics (floating-point zeros widened as the format requires).
    func statistics() -> Statistics {
        var s = Statistics(nullCount: nullCount)
        guard order != .undefined else { return s }
        var lo = min, hi = max
        if order == .float, let l = lo, let h = hi {
            if Float(bitPattern: StatisticsOrder.load(l, UInt32.self)) == 0 { lo = Self.bytes(of: (-0.0 as Float).bitPattern) }
            if Float(bitPattern: StatisticsOrder.load(h, UInt32.self)) == 0 { hi = Self.bytes(of: (0.0 as Float).bitPattern) }
        }
        if order == .double, let l = lo, let h = hi {
            if Double(bitPattern: StatisticsOrder.load(l, UInt64.self)) == 0 { lo = Self.bytes(of: (-0.0 as Double).bitPattern) }
            if Double(bitPattern: StatisticsOrder.load(h, UInt64.self)) == 0 { hi = Self.bytes(of: (0.0 as Double).bitPattern) }
        }
        s.minValue = lo
        s.maxValue = hi
        if lo != nil { s.isMinValueExact = true; s.isMaxValueExact = true }
        return s
    }

    static func bytes<T: FixedWidthInteger>(of v: T) -> [UInt8] {
        withUnsafeBytes(of: v.littleEndian) { Array($0) }
    }
}
