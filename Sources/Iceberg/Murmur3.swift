/// The 32-bit Murmur3 hash, x86 variant, seed 0: the hash behind Iceberg's `bucket[N]` transform.
public enum Murmur3 {
    /// The hash of `bytes` as a signed 32-bit value (Java's `int`).
    public static func hash32(_ bytes: [UInt8], seed: UInt32 = 0) -> Int32 {
        let c1: UInt32 = 0xcc9e_2d51, c2: UInt32 = 0x1b87_3593
        var h = seed
        let blocks = bytes.count / 4
        for i in 0..<blocks {
            var k = UInt32(bytes[4 * i]) | UInt32(bytes[4 * i + 1]) << 8 | UInt32(bytes[4 * i + 2]) << 16 | UInt32(bytes[4 * i + 3]) << 24
            k = k &* c1
            k = (k << 15) | (k >> 17)
            k = k &* c2
            h ^= k
            h = (h << 13) | (h >> 19)
            h = h &* 5 &+ 0xe654_6b64
        }
        var k: UInt32 = 0
        let tail = blocks * 4
        switch bytes.count & 3 {
        case 3:
            k ^= UInt32(bytes[tail + 2]) << 16
            fallthrough
        case 2:
            k ^= UInt32(bytes[tail + 1]) << 8
            fallthrough
        case 1:
            k ^= UInt32(bytes[tail])
            k = k &* c1
            k = (k << 15) | (k >> 17)
            k = k &* c2
            h ^= k
        default: break
        }
        h ^= UInt32(truncatingIfNeeded: bytes.count)
        h ^= h >> 16
        h = h &* 0x85eb_ca6b
        h ^= h >> 13
        h = h &* 0xc2b2_ae35
        h ^= h >> 16
        return Int32(bitPattern: h)
    }

    /// Iceberg's hash of a value (spec Appendix B): ints, longs, dates, times and timestamps
    /// hash their value as an 8-byte little-endian long (nanosecond timestamps are first
    /// floored to microseconds); decimals their minimal big-endian unscaled bytes; strings
    /// their UTF-8; UUIDs, fixed and binary their bytes; booleans as `hashInt(0|1)`; floats
    /// and doubles the bits of the value as a double, with `-0.0` and NaN canonicalised.
    public static func hash(_ value: Literal) -> Int32 {
        func long(_ v: Int64) -> Int32 { hash32(withUnsafeBytes(of: v.littleEndian) { Array($0) }) }
        func double(_ d: Double) -> Int32 {
            let canonical: Double = d.isNaN ? .nan : (d == 0 ? 0.0 : d)
            let bits: UInt64 = d.isNaN ? 0x7ff8_0000_0000_0000 : canonical.bitPattern
            return long(Int64(bitPattern: bits))
        }
        switch value {
        case .int(let v), .date(let v): return long(Int64(v))
        case .long(let v), .time(let v), .timestamp(let v), .timestamptz(let v): return long(v)
        case .timestampNs(let v), .timestamptzNs(let v): return long(v.floorDiv(1000))
        case .boolean(let b): return long(b ? 1 : 0)
        case .float(let f): return double(Double(f))
        case .double(let d): return double(d)
        case .decimal(let u, _): return hash32(Literal.minimalBigEndian(u))
        case .string(let s): return hash32(Array(s.utf8))
        case .uuid(let b), .fixed(let b), .binary(let b): return hash32(b)
        }
    }
}
