/// FSE encoding tables (the mirror image of ``FSE/decodingTable(counts:accuracyLog:)``).
struct FSEEncoder {
    /// The table has `1 << accuracyLog` states.
    let accuracyLog: Int
    /// Encoder states `1 << accuracyLog ..< 2 << accuracyLog`, grouped by symbol.
    private var stateTable: [UInt16]
    /// Per symbol: the output bit count is `(state + deltaBits) >> 16`.
    private var deltaBits: [Int]
    /// Per symbol: offset of its group in `stateTable`.
    private var deltaState: [Int]

    /// Builds the encoder for normalized `counts` summing to `1 << accuracyLog`.
    init(counts: [Int16], accuracyLog: Int) {
        self.accuracyLog = accuracyLog
        let size = 1 << accuracyLog
        // Symbol spread identical to the decoder's.
        let decoding = FSE.decodingTable(counts: counts, accuracyLog: accuracyLog)
        var cumulative = [Int](repeating: 0, count: counts.count + 1)
        for (s, c) in counts.enumerated() { cumulative[s + 1] = cumulative[s] + (c == -1 ? 1 : Int(c)) }
        stateTable = [UInt16](repeating: 0, count: size)
        var next = cumulative
        for u in 0..<size {
            let s = Int(decoding.entries[u].symbol)
            stateTable[next[s]] = UInt16(size + u)
            next[s] += 1
        }
        deltaBits = [Int](repeating: 0, count: counts.count)
        deltaState = [Int](repeating: 0, count: counts.count)
        var total = 0
        for (s, c) in counts.enumerated() {
            switch c {
            case 0:
                deltaBits[s] = ((accuracyLog + 1) << 16) - size
            case -1, 1:
                deltaBits[s] = (accuracyLog << 16) - size
                deltaState[s] = total - 1
                total += 1
            default:
                let count = Int(c)
                let maxBitsOut = accuracyLog - (Int.bitWidth - 1 - (count - 1).leadingZeroBitCount)
                deltaBits[s] = (maxBitsOut << 16) - (count << maxBitsOut)
                deltaState[s] = total - count
                total += count
            }
        }
    }

    /// The state after encoding `symbol` first (no bits are written for it).
    func initialState(_ symbol: Int) -> Int {
        let bits = (deltaBits[symbol] + (1 << 15)) >> 16
        let value = (bits << 16) - deltaBits[symbol]
        return Int(stateTable[(value >> bits) + deltaState[symbol]])
    }

    /// Encodes `symbol` from `state`, writing the bits the decoder needs to come back.
    @inline(__always)
    func encode(_ state: inout Int, _ symbol: Int, into writer: inout BitWriter) {
        let bits = (state + deltaBits[symbol]) >> 16
        writer.write(state, bits)
        state = Int(stateTable[(state >> bits) + deltaState[symbol]])
    }

    /// Writes the final state (read first by the decoder).
    func flush(_ state: Int, into writer: inout BitWriter) {
        writer.write(state, accuracyLog)
    }

    /// Normalizes `histogram` (symbol counts) to a distribution summing to `1 << accuracyLog`,
    /// giving every present symbol at least 1.
    static func normalize(_ histogram: [Int], accuracyLog: Int) -> [Int16] {
        let size = 1 << accuracyLog
        let total = histogram.reduce(0, +)
        var counts = histogram.map { $0 == 0 ? 0 : max(1, $0 * size / total) }
        var sum = counts.reduce(0, +)
        while sum != size {
            guard let largest = counts.indices.max(by: { counts[$0] < counts[$1] }) else { break }
            if sum < size {
                counts[largest] += size - sum
                sum = size
            } else {
                let take = min(sum - size, counts[largest] - 1)
                counts[largest] -= take
                sum -= take
                if take == 0 { break }
            }
        }
        return counts.map { Int16($0) }
    }

    /// Writes an FSE table description for `counts` (the inverse of ``FSE/readCounts``).
    static func writeCounts(_ counts: [Int16], accuracyLog: Int) -> [UInt8] {
        var writer = BitWriter()
        writer.write(accuracyLog - 5, 4)
        var remaining = (1 << accuracyLog) + 1
        var threshold = 1 << accuracyLog
        var bitCount = accuracyLog + 1
        var symbol = 0
        var previousZero = false
        while remaining > 1 && symbol < counts.count {
            if previousZero {
                let start = symbol
                while symbol < counts.count && counts[symbol] == 0 { symbol += 1 }
                var run = symbol - start
                while run >= 3 {
                    writer.write(3, 2)
                    run -= 3
                }
                writer.write(run, 2)
            }
            let count = Int(counts[symbol])
            symbol += 1
            let value = count + 1
            let maxLow = 2 * threshold - 1 - remaining
            if value < maxLow {
                writer.write(value, bitCount - 1)
            } else if value >= threshold {
                writer.write(value + maxLow, bitCount)
            } else {
                writer.write(value, bitCount)
            }
            remaining -= abs(count)
            previousZero = count == 0
            while remaining < threshold {
                bitCount -= 1
                threshold >>= 1
            }
        }
        return writer.finish()
    }
}
