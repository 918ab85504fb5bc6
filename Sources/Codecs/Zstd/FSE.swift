/// Finite State Entropy (tANS) tables as used by Zstandard (RFC 8878 §4.1).
enum FSE {
    /// One decoding state: the symbol it emits and how to reach the next state.
    struct Entry: Sendable {
        var symbol: UInt8
        var bitCount: UInt8
        var baseline: UInt16
    }

    /// A decoding table with `1 << accuracyLog` states.
    struct DecodingTable: Sendable {
        var accuracyLog: Int
        var entries: [Entry]
    }

    /// Reads an FSE table description (normalized counts) from `src[start..<end]`.
    ///
    /// Returns the counts (`-1` marks a "less than one" probability), the accuracy log and
    /// the number of bytes the description occupies.
    static func readCounts(
        _ src: UnsafePointer<UInt8>, start: Int, end: Int, maxSymbol: Int, maxAccuracyLog: Int, what: String
    ) throws(CodecError) -> (counts: [Int16], accuracyLog: Int, size: Int) {
        guard end > start else { throw Zstd.truncated("missing \(what) table description", at: start) }
        var reader = ForwardBitReader(src + start, count: end - start)
        let accuracyLog = reader.read(4) + 5
        guard accuracyLog <= maxAccuracyLog else {
            throw Zstd.corrupt("\(what) table accuracy log \(accuracyLog) exceeds \(maxAccuracyLog)", at: start)
        }
        var counts = [Int16](repeating: 0, count: maxSymbol + 1)
        var remaining = (1 << accuracyLog) + 1
        var threshold = 1 << accuracyLog
        var bitCount = accuracyLog + 1
        var symbol = 0
        var previousZero = false
        while remaining > 1 {
            if previousZero {
                var run = 0
                while true {
                    let flag = reader.read(2)
                    run += flag
                    if flag != 3 { break }
                    guard symbol + run <= maxSymbol + 1, reader.bytesConsumed <= end - start else {
                        throw Zstd.corrupt("\(what) table zero run passes symbol \(maxSymbol)", at: start + reader.bytesConsumed)
                    }
                }
                guard symbol + run <= maxSymbol else {
                    throw Zstd.corrupt("\(what) table zero run passes symbol \(maxSymbol)", at: start + reader.bytesConsumed)
                }
                symbol += run
            }
            guard symbol <= maxSymbol else {
                throw Zstd.corrupt("\(what) table describes symbols beyond \(maxSymbol)", at: start + reader.bytesConsumed)
            }
            let maxLow = 2 * threshold - 1 - remaining
            var value: Int
            let low = reader.peek(bitCount - 1)
            if low < maxLow {
                value = low
                _ = reader.read(bitCount - 1)
            } else {
                value = reader.read(bitCount)
                if value >= threshold { value -= maxLow }
            }
            let count = value - 1
            remaining -= abs(count)
            guard remaining >= 1 else {
                throw Zstd.corrupt("\(what) table probabilities exceed the table size", at: start + reader.bytesConsumed)
            }
            counts[symbol] = Int16(count)
            symbol += 1
            previousZero = count == 0
            while remaining < threshold {
                bitCount -= 1
                threshold >>= 1
            }
        }
        let size = reader.bytesConsumed
        guard size <= end - start else { throw Zstd.truncated("\(what) table description is cut short", at: end) }
        return (counts, accuracyLog, size)
    }

    /// Builds the decoding table for normalized `counts` summing to `1 << accuracyLog`.
    static func decodingTable(counts: [Int16], accuracyLog: Int) -> DecodingTable {
        let size = 1 << accuracyLog
        var entries = [Entry](repeating: Entry(symbol: 0, bitCount: 0, baseline: 0), count: size)
        var next = [Int](repeating: 0, count: counts.count)
        var high = size - 1
        for (s, c) in counts.enumerated() where c == -1 {
            entries[high].symbol = UInt8(s)
            high -= 1
            next[s] = 1
        }
        let step = (size >> 1) + (size >> 3) + 3
        let mask = size - 1
        var position = 0
        for (s, c) in counts.enumerated() where c > 0 {
            next[s] = Int(c)
            for _ in 0..<Int(c) {
                entries[position].symbol = UInt8(s)
                repeat { position = (position + step) & mask } while position > high
            }
        }
        for u in 0..<size {
            let s = Int(entries[u].symbol)
            let state = next[s]
            next[s] += 1
            let bits = accuracyLog - (Int.bitWidth - 1 - state.leadingZeroBitCount)
            entries[u].bitCount = UInt8(bits)
            entries[u].baseline = UInt16((state << bits) - size)
        }
        return DecodingTable(accuracyLog: accuracyLog, entries: entries)
    }

    /// A one-state table that always emits `symbol` (RLE mode).
    static func rleTable(symbol: UInt8) -> DecodingTable {
        DecodingTable(accuracyLog: 0, entries: [Entry(symbol: symbol, bitCount: 0, baseline: 0)])
    }
}
