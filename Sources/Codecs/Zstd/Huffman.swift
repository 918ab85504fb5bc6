/// Huffman decoding of Zstandard literals (RFC 8878 §4.2).
struct HuffmanTable: Sendable {
    /// Longest code length, 1...11; the table has `1 << maxBits` entries.
    var maxBits: Int
    /// Indexed by the next `maxBits` bits: symbol in the low byte, code length in the high byte.
    var entries: [UInt16]

    /// Longest Huffman code the format allows (RFC 8878 §4.2.1).
    static let maxCodeLength = 11

    /// Reads a Huffman tree description at `src[start..<end]`; returns the table and its size in bytes.
    static func read(_ src: UnsafePointer<UInt8>, start: Int, end: Int) throws(CodecError) -> (table: HuffmanTable, size: Int) {
        guard start < end else { throw Zstd.truncated("missing Huffman tree description", at: start) }
        let header = Int(src[start])
        var weights: [UInt8]
        let size: Int
        if header < 128 {
            size = 1 + header
            guard start + size <= end else { throw Zstd.truncated("Huffman weights are cut short", at: end) }
            weights = try readCompressedWeights(src, start: start + 1, end: start + size)
        } else {
            let count = header - 127
            size = 1 + (count + 1) / 2
            guard start + size <= end else { throw Zstd.truncated("Huffman weights are cut short", at: end) }
            weights = [UInt8](repeating: 0, count: count)
            for i in 0..<count {
                let byte = src[start + 1 + i / 2]
                weights[i] = i & 1 == 0 ? byte >> 4 : byte & 15
            }
        }
        return (try build(weights: weights, offset: start), size)
    }

    /// Decodes FSE-compressed weights (two interleaved states over one backward stream).
    static func readCompressedWeights(_ src: UnsafePointer<UInt8>, start: Int, end: Int) throws(CodecError) -> [UInt8] {
        guard end > start else { throw Zstd.corrupt("empty compressed Huffman weights", at: start) }
        let (counts, log, used) = try FSE.readCounts(src, start: start, end: end, maxSymbol: maxCodeLength,
                                                     maxAccuracyLog: 6, what: "Huffman weight")
        let table = FSE.decodingTable(counts: counts, accuracyLog: log).entries
        var reader = try ReverseBitReader(src + start + used, count: end - start - used, offset: start + used)
        var state1 = reader.read(log)
        var state2 = reader.read(log)
        reader.reload()
        guard !reader.isOverflowed else { throw Zstd.corrupt("Huffman weight stream too short", at: start + used) }
        var weights: [UInt8] = []
        weights.reserveCapacity(255)
        while true {
            guard weights.count < 254 else { throw Zstd.corrupt("too many Huffman weights", at: start) }
            let e1 = table[state1]
            weights.append(e1.symbol)
            state1 = Int(e1.baseline) + reader.read(Int(e1.bitCount))
            reader.reload()
            if reader.isOverflowed {
                weights.append(table[state2].symbol)
                break
            }
            let e2 = table[state2]
            weights.append(e2.symbol)
            state2 = Int(e2.baseline) + reader.read(Int(e2.bitCount))
            reader.reload()
            if reader.isOverflowed {
                weights.append(table[state1].symbol)
                break
            }
        }
        return weights
    }

    /// Builds the decoding table from explicit weights (the last symbol's weight is implied).
    static func build(weights explicit: [UInt8], offset: Int) throws(CodecError) -> HuffmanTable {
        var sum = 0
        for w in explicit {
            guard w <= maxCodeLength else { throw Zstd.corrupt("Huffman weight \(w) exceeds \(maxCodeLength)", at: offset) }
            if w > 0 { sum += 1 << (Int(w) - 1) }
        }
        guard sum > 0 else { throw Zstd.corrupt("Huffman weights are all zero", at: offset) }
        let maxBits = Int.bitWidth - sum.leadingZeroBitCount
        guard maxBits <= maxCodeLength else { throw Zstd.corrupt("Huffman code length \(maxBits) exceeds \(maxCodeLength)", at: offset) }
        let rest = (1 << maxBits) - sum
        guard rest > 0, rest & (rest - 1) == 0 else { throw Zstd.corrupt("Huffman weights do not form a complete code", at: offset) }
        var weights = explicit
        weights.append(UInt8(Int.bitWidth - rest.leadingZeroBitCount))
        guard weights.count <= 256 else { throw Zstd.corrupt("too many Huffman weights", at: offset) }
        var entries = [UInt16](repeating: 0, count: 1 << maxBits)
        var next = 0
        for w in 1...maxBits {
            let length = UInt16(maxBits + 1 - w)
            let span = 1 << (w - 1)
            for (symbol, sw) in weights.enumerated() where Int(sw) == w {
                let entry = UInt16(symbol) | length << 8
                for i in next..<(next + span) { entries[i] = entry }
                next += span
            }
        }
        return HuffmanTable(maxBits: maxBits, entries: entries)
    }

    /// Decodes exactly `count` symbols from the stream `src[0..<size]` into `dst`.
    func decode(_ src: UnsafePointer<UInt8>, size: Int, offset: Int, into dst: UnsafeMutablePointer<UInt8>, count: Int) throws(CodecError) {
        var reader = try ReverseBitReader(src, count: size, offset: offset)
        let shift = UInt64(64 - maxBits)
        entries.withUnsafeBufferPointer { table in
            let t = table.baseAddress!
            var i = 0
            @inline(__always) func step() {
                let e = t[Int(truncatingIfNeeded: (reader.container &<< UInt64(truncatingIfNeeded: reader.consumed)) &>> shift)]
                dst[i] = UInt8(truncatingIfNeeded: e)
                reader.consumed &+= Int(e &>> 8)
                i &+= 1
            }
            while i &+ 4 <= count {
                reader.reload()
                step(); step(); step(); step()
            }
            while i < count {
                reader.reload()
                step()
            }
        }
        guard reader.isFinished else {
            throw Zstd.corrupt("Huffman stream does not end with its last literal", at: offset)
        }
    }
}
