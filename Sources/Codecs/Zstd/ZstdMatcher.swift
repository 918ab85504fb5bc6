/// A greedy hash-chain LZ77 match finder for the encoder.
struct ZstdMatcher {
    /// One LZ77 step: `literalLength` literals, then `matchLength` bytes from `offset` back.
    struct Sequence {
        var literalLength: Int
        var matchLength: Int
        var offset: Int
    }

    static let minimumMatch = 4
    static let hashLog = 16
    static let windowLog = 20
    static let chainDepth = 16

    private var head: [Int32]
    private var chain: [Int32]
    /// Positions below this are already in the hash tables.
    private var inserted = 0

    init() {
        head = [Int32](repeating: -1, count: 1 << Self.hashLog)
        chain = [Int32](repeating: -1, count: 1 << Self.windowLog)
    }

    @inline(__always)
    private static func hash(_ p: UnsafePointer<UInt8>) -> Int {
        let v = UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
        return Int(truncatingIfNeeded: (v &* 2_654_435_761) >> UInt32(32 - hashLog))
    }

    /// Finds sequences covering `input[start..<end]` (matches may reach back before `start`);
    /// returns them and the number of trailing literals.
    mutating func sequences(_ input: UnsafePointer<UInt8>, start: Int, end: Int) -> (sequences: [Sequence], lastLiterals: Int) {
        var result: [Sequence] = []
        let windowMask = (1 << Self.windowLog) - 1
        let maxDistance = (1 << Self.windowLog) - 1
        let hashEnd = end - Self.minimumMatch  // last position whose 4 bytes lie inside the block
        var anchor = start
        var p = start
        var misses = 0
        head.withUnsafeMutableBufferPointer { headBuffer in
            chain.withUnsafeMutableBufferPointer { chainBuffer in
                let head = headBuffer.baseAddress!, chain = chainBuffer.baseAddress!
                @inline(__always) func insert(_ q: Int) {
                    let h = Self.hash(input + q)
                    chain[q & windowMask] = head[h]
                    head[h] = Int32(q)
                }
                while inserted < start && inserted <= hashEnd {
                    insert(inserted)
                    inserted += 1
                }
                while p <= hashEnd {
                    var bestLength = 0
                    var bestOffset = 0
                    var candidate = Int(head[Self.hash(input + p)])
                    var depth = Self.chainDepth
                    let limit = end - p
                    while candidate >= 0 && depth > 0 && p - candidate <= maxDistance {
                        if input[candidate + bestLength] == input[p + bestLength] || bestLength == 0 {
                            var length = 0
                            while length < limit && input[candidate + length] == input[p + length] { length += 1 }
                            if length > bestLength {
                                bestLength = length
                                bestOffset = p - candidate
                                if length == limit { break }
                            }
                        }
                        let next = Int(chain[candidate & windowMask])
                        if next >= candidate { break }
                        candidate = next
                        depth -= 1
                    }
                    if bestLength >= Self.minimumMatch {
                        result.append(Sequence(literalLength: p - anchor, matchLength: bestLength, offset: bestOffset))
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
