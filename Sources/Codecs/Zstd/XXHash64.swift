/// The XXH64 hash (seed 0 by default), used for Zstandard content checksums.
enum XXHash64 {
    // The five XXH64 primes.
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always)
    private static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x &<< r) | (x &>> (64 &- r)) }

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ lane: UInt64) -> UInt64 {
        rotate(accumulator &+ lane &* prime2, 31) &* prime1
    }

    @inline(__always)
    private static func merge(_ hash: UInt64, _ accumulator: UInt64) -> UInt64 {
        (hash ^ round(0, accumulator)) &* prime1 &+ prime4
    }

    /// Hashes `data`.
    static func hash(_ data: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = data.count
        guard let base = data.baseAddress else { return finish(seed &+ prime5) }
        var p = 0
        var h: UInt64
        @inline(__always) func lane(_ at: Int) -> UInt64 { base.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }
        if count >= 32 {
            var v1 = seed &+ prime1 &+ prime2
            var v2 = seed &+ prime2
            var v3 = seed
            var v4 = seed &- prime1
            while p &+ 32 <= count {
                v1 = round(v1, lane(p))
                v2 = round(v2, lane(p &+ 8))
                v3 = round(v3, lane(p &+ 16))
                v4 = round(v4, lane(p &+ 24))
                p &+= 32
            }
            h = rotate(v1, 1) &+ rotate(v2, 7) &+ rotate(v3, 12) &+ rotate(v4, 18)
            h = merge(h, v1)
            h = merge(h, v2)
            h = merge(h, v3)
            h = merge(h, v4)
        } else {
            h = seed &+ prime5
        }
        h &+= UInt64(count)
        while p &+ 8 <= count {
            h ^= round(0, lane(p))
            h = rotate(h, 27) &* prime1 &+ prime4
            p &+= 8
        }
        if p &+ 4 <= count {
            h ^= UInt64(base.loadUnaligned(fromByteOffset: p, as: UInt32.self).littleEndian) &* prime1
            h = rotate(h, 23) &* prime2 &+ prime3
            p &+= 4
        }
        while p < count {
            h ^= UInt64(base.load(fromByteOffset: p, as: UInt8.self)) &* prime5
            h = rotate(h, 11) &* prime1
            p &+= 1
        }
        return finish(h)
    }

    @inline(__always)
    private static func finish(_ hash: UInt64) -> UInt64 {
        var h = hash
        h ^= h >> 33
        h &*= prime2
        h ^= h >> 29
        h &*= prime3
        h ^= h >> 32
        return h
    }
}
