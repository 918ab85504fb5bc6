import Foundation

/// Comparison of ``Value``s across compatible kinds (for filters, statistics and pruning).
public enum ValueOrder {
    /// Negative, zero or positive when `a` sorts before, equal to or after `b`; `nil` when the
    /// kinds are not comparable or a value is NaN or null.
    public static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.string(let x), .string(let y)): return bytes(Array(x.utf8), Array(y.utf8))
        case (.binary(let x), .binary(let y)): return bytes(x, y)
        case (.uuid(let x), .uuid(let y)): return bytes(uuidBytes(x), uuidBytes(y))
        case (.date(let x), .date(let y)): return cmp(x, y)
        case (.timestamp(let x, let ux), .timestamp(let y, let uy)): return compareTimestamps(x, ux, y, uy)
        case (.decimal(let x, let sx), .decimal(let y, let sy)): return compareDecimals(x, sx, y, sy)
        default: break
        }
        if let x = integer(a), let y = integer(b) { return compareDecimals(x.0, x.1, y.0, y.1) }
        guard let x = number(a), let y = number(b), !x.isNaN, !y.isNaN else { return nil }
        return cmp(x, y)
    }

    static func cmp<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }

    /// Unsigned lexicographic comparison of byte strings.
    static func bytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in bytes(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) } }
    }

    /// Unsigned lexicographic comparison of raw byte ranges.
    @inlinable
    public static func bytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = Swift.min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return a.count < b.count ? -1 : a.count > b.count ? 1 : 0
    }

    static func uuidBytes(_ u: UUID) -> [UInt8] { withUnsafeBytes(of: u.uuid) { Array($0) } }

    /// Integers and decimals as (unscaled, scale).
    static func integer(_ v: Value) -> (Int128, Int)? {
        switch v {
        case .int32(let x): (Int128(x), 0)
        case .int64(let x): (Int128(x), 0)
        case .decimal(let x, let s): (x, s)
        default: nil
        }
    }

    static func number(_ v: Value) -> Double? {
        switch v {
        case .int32, .int64, .float, .double, .decimal: v.doubleValue
        default: nil
        }
    }

    static func compareDecimals(_ x: Int128, _ sx: Int, _ y: Int128, _ sy: Int) -> Int {
        if sx == sy { return cmp(x, y) }
        let (small, big) = sx < sy ? ((x, sx), (y, sy)) : ((y, sy), (x, sx))
        var scaled = small.0
        var overflow = false
        for _ in 0..<(big.1 - small.1) {
            let r = scaled.multipliedReportingOverflow(by: 10)
            if r.overflow { overflow = true; break }
            scaled = r.partialValue
        }
        let result: Int
        if overflow {
            result = small.0 < 0 ? -1 : 1
        } else {
            result = cmp(scaled, big.0)
        }
        return sx < sy ? result : -result
    }

    static func compareTimestamps(_ x: Int64, _ ux: TimeUnit, _ y: Int64, _ uy: TimeUnit) -> Int {
        // Compare in the finer unit, exactly, in 128-bit arithmetic.
        let fx = Int128(x) * Int128(1_000_000_000 / ux.perSecond)
        let fy = Int128(y) * Int128(1_000_000_000 / uy.perSecond)
        return cmp(fx, fy)
    }
}
