/// The 64-bit hash every sketch in this module uses: xxHash64 (seed 0) over a value's bytes.
///
/// Fixed-width values are hashed through the 8-byte path of the same function, so an `int32`
/// and an `int64` holding the same number hash alike (a profile stays comparable when a column is
/// widened). Doubles are hashed by their bit pattern with `-0.0` folded onto `0.0`.
public enum Hash64 {
    @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    @usableFromInline static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    @usableFromInline static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inlinable @inline(__always)
    static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        let a = acc &+ input &* prime2
        return ((a << 31) | (a >> 33)) &* prime1
    }

    @inlinable @inline(__always)
    static func mergeRound(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        let a = acc ^ round(0, value)
        return a &* prime1 &+ prime4
    }

    @inlinable @inline(__always)
    static func avalanche(_ h0: UInt64) -> UInt64 {
        var h = h0
        h ^= h >> 33
        h = h &* prime2
        h ^= h >> 29
        h = h &* prime3
        h ^= h >> 32
        return h
    }

    /// The hash of an integer (as its 8 little-endian bytes).
    @inlinable @inline(__always)
    public static func hash(_ value: Int64) -> UInt64 {
        var h = prime5 &+ 8
        h ^= round(0, UInt64(bitPattern: value))
        h = ((h << 27) | (h >> 37)) &* prime1 &+ prime4
        return avalanche(h)
    }

    /// The hash of a double's bit pattern (`-0.0` hashes as `0.0`).
    @inlinable @inline(__always)
    public static func hash(_ value: Double) -> UInt64 {
        hash(Int64(bitPattern: (value == 0 ? 0.0 : value).bitPattern))
    }

    /// The xxHash64 of `bytes`.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return avalanche(prime5) }
        var p = 0
        var h: UInt64
        if n >= 32 {
            var v1 = prime1 &+ prime2
            var v2 = prime2
            var v3: UInt64 = 0
            var v4: UInt64 = 0 &- prime1
            while p + 32 <= n {
                v1 = round(v1, base.loadUnaligned(fromByteOffset: p, as: UInt64.self).littleEndian)
                v2 = round(v2, base.loadUnaligned(fromByteOffset: p + 8, as: UInt64.self).littleEndian)
                v3 = round(v3, base.loadUnaligned(fromByteOffset: p + 16, as: UInt64.self).littleEndian)
                v4 = round(v4, base.loadUnaligned(fromByteOffset: p + 24, as: UInt64.self).littleEndian)
                p += 32
            }
            h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
            h = mergeRound(h, v1)
            h = mergeRound(h, v2)
            h = mergeRound(h, v3)
            h = mergeRound(h, v4)
        } else {
            h = prime5
        }
        h = h &+ UInt64(n)
        while p + 8 <= n {
            h ^= round(0, base.loadUnaligned(fromByteOffset: p, as: UInt64.self).littleEndian)
            h = ((h << 27) | (h >> 37)) &* prime1 &+ prime4
            p += 8
        }
        if p + 4 <= n {
            h ^= UInt64(base.loadUnaligned(fromByteOffset: p, as: UInt32.self).littleEndian) &* prime1
            h = ((h << 23) | (h >> 41)) &* prime2 &+ prime3
            p += 4
        }
        while p < n {
            h ^= UInt64(base.load(fromByteOffset: p, as: UInt8.self)) &* prime5
            h = ((h << 11) | (h >> 53)) &* prime1
            p += 1
        }
        return avalanche(h)
    }

    /// The xxHash64 of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        let array = Array(bytes)
        return array.withUnsafeBytes { hash($0) }
    }
}
