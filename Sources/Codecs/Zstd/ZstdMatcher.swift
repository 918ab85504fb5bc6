/// A greedy hash-chain LZ77 match finder for the encoder.
struct ZstdMatcher {
    /// One LZ77 step: `literalLength` literals, then `matchLength` bytes from `offset` back.
    struct Sequence {
        var literalLength: Int
        var matchLength: Int
        var offset: Int
    }

    static let minimumMatch = 4
    static let maxHashLog = 16
    static let maxWindowLog = 18
    static let chainDepth = 8
    static let chainDepthAfterRepeat = 2

    /// Bits of the hash (table size `1 << hashLog`).
    private let hashLog: Int
    /// Bits of the match window; the chain is a ring of `1 << windowLog` positions.
    private let windowLog: Int
    /// Most recent position per hash.
    private var head: [Int]
    /// Distance back to the previous position with the same hash (0: none), per position
    /// modulo the window; 32-bit to halve the cache footprint of chain walks.
    private var chain: [UInt32]
    /// Positions below this are already in the hash tables.
    private var inserted = 0
    /// Offset of the previous match, tried first (repeat offsets are cheap to encode).
    private var lastOffset = 0

    /// A matcher for an input of `inputSize` bytes (tables sized to it, windows up to 256 KiB:
    /// larger ones gained under 0.5% on text while chain walks left the cache).
    init(inputSize: Int) {
        let bits = Int.bitWidth - max(inputSize - 1, 1).leadingZeroBitCount
        hashLog = min(Self.maxHashLog, max(8, bits))
        windowLog = min(Self.maxWindowLog, max(8, bits))
        head = [Int](repeating: -1, count: 1 << hashLog)
        chain = [UInt32](repeating: 0, count: 1 << windowLog)
    }

    /// Length of the common prefix of `a` and `b`, at most `limit`.
    @inline(__always)
    private static func commonLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, limit: Int) -> Int {
        var n = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while n &+ 8 <= limit {
            let x = ra.loadUnaligned(fromByteOffset: n, as: UInt64.self).littleEndian
                ^ rb.loadUnaligned(fromByteOffset: n, as: UInt64.self).littleEndian
            if x != 0 { return n &+ x.trailingZeroBitCount &>> 3 }
            n &+= 8
        }
        while n < limit && a[n] == b[n] { n &+= 1 }
        return n
    }

    @inline(__always)
    private static func hash(_ p: UnsafePointer<UInt8>, bits: Int) -> Int {
        let v = UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
        return Int(truncatingIfNeeded: (v &* 2_654_435_761) >> UInt32(32 - bits))
    }

    /// Finds sequences covering `input[start..<end]` (matches may reach back before `start`);
    /// returns them and the number of trailing literals.
    mutating func sequences(_ input: UnsafePointer<UInt8>, start: Int, end: Int) -> (sequences: [Sequence], lastLiterals: Int) {
        var result: [Sequence] = []
        let windowMask = (1 << windowLog) - 1
        let maxDistance = (1 << windowLog) - 1
        let hashLog = hashLog
        let hashEnd = end - Self.minimumMatch  // last position whose 4 bytes lie inside the block
        var anchor = start
        var p = start
        var misses = 0
        head.withUnsafeMutableBufferPointer { headBuffer in
            chain.withUnsafeMutableBufferPointer { chainBuffer in
                let head = headBuffer.baseAddress!, chain = chainBuffer.baseAddress!
                @inline(__always) func insert(_ q: Int) {
                    let h = Self.hash(input + q, bits: hashLog)
                    let previous = head[h]
                    chain[q & windowMask] = previous < 0 || q - previous > maxDistance ? 0 : UInt32(q - previous)
                    head[h] = q
                }
                while inserted < start && inserted <= hashEnd {
                    insert(inserted)
                    inserted += 1
                }
                while p <= hashEnd {
                    var bestLength = 0
                    var bestOffset = 0
                    var candidate = head[Self.hash(input + p, bits: hashLog)]
                    var depth = Self.chainDepth
                    let limit = end - p
                    if lastOffset > 0 && lastOffset <= p {
                        let length = Self.commonLength(input + p - lastOffset, input + p, limit: limit)
                        if length >= Self.minimumMatch {
                            bestLength = length
                            bestOffset = lastOffset
                            // A repeat match is cheap to encode: only look a little further.
                            depth = min(depth, Self.chainDepthAfterRepeat)
                        }
                    }
                    while candidate >= 0 && depth > 0 && p - candidate <= maxDistance && bestLength < limit {
                        if input[candidate + bestLength] == input[p + bestLength] {
                            let length = Self.commonLength(input + candidate, input + p, limit: limit)
                            if length > bestLength {
                                bestLength = length
                                bestOffset = p - candidate
                                if length == limit { break }
                            }
                        }
                        let delta = Int(chain[candidate & windowMask])
                        if delta == 0 { break }
                        candidate -= delta
                        depth -= 1
                    }
                    if bestLength >= Self.minimumMatch {
                        result.append(Sequence(literalLength: p - anchor, matchLength: bestLength, offset: bestOffset))
                        lastOffset = bestOffset
                        let matchEnd = p + bestLength
                        var q = p
                        while q < matchEnd && q <= hashEnd {
                            insert(q)
                            q += 1
                        }
                        p = matchEnd
                        anchor = p
                        misses = 0
                    } else {
                        insert(p)
                        misses += 1
                        let step = 1 + (misses >> 6)
                        var q = p + 1
                        while q < p + step && q <= hashEnd {
                            insert(q)
                            q += 1
                        }
                        p += step
                    }
                }
                inserted = max(inserted, min(p, hashEnd + 1))
            }
        }
        return (result, end - anchor)
    }
}
