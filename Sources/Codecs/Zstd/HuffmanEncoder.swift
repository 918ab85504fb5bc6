/// Builds length-limited Huffman codes for literals and writes Zstandard Huffman streams.
struct HuffmanEncoder {
    /// Code length per byte value (0 = absent).
    let lengths: [Int]
    /// Code per byte value, in the decoder's canonical order.
    let codes: [Int]
    /// Longest code length.
    let maxBits: Int
    /// Highest byte value present (its weight is implied by the others).
    let maxSymbol: Int

    /// Builds a code for `histogram` (256 counts) with at least two symbols present; nil otherwise.
    init?(histogram: [Int]) {
        var counts = histogram
        guard counts.filter({ $0 > 0 }).count >= 2 else { return nil }
        var lengths = Self.huffmanLengths(counts)
        while lengths.max()! > HuffmanTable.maxCodeLength {
            counts = counts.map { $0 == 0 ? 0 : ($0 + 1) / 2 }
            lengths = Self.huffmanLengths(counts)
        }
        let maxBits = lengths.max()!
        self.lengths = lengths
        self.maxBits = maxBits
        maxSymbol = lengths.lastIndex(where: { $0 > 0 })!
        // Canonical codes: the decoder fills its table by increasing weight (longest codes
        // first), then increasing symbol; a symbol's code is its first index >> (weight - 1).
        var codes = [Int](repeating: 0, count: 256)
        var next = 0
        for length in stride(from: maxBits, through: 1, by: -1) {
            let span = 1 << (maxBits - length)
            for symbol in 0..<256 where lengths[symbol] == length {
                codes[symbol] = next >> (maxBits - length)
                next += span
            }
        }
        self.codes = codes
    }

    /// Optimal (unlimited) Huffman code lengths by the two-queue method.
    private static func huffmanLengths(_ counts: [Int]) -> [Int] {
        let leaves = counts.indices.filter { counts[$0] > 0 }.sorted { (counts[$0], $0) < (counts[$1], $1) }
        var weight = leaves.map { counts[$0] }
        var parent = [Int](repeating: -1, count: 2 * leaves.count)
        var leafIndex = 0
        var internalIndex = leaves.count
        var nextInternal = leaves.count
        func takeSmallest() -> Int {
            if leafIndex < leaves.count && (internalIndex >= nextInternal || weight[leafIndex] <= weight[internalIndex]) {
                leafIndex += 1
                return leafIndex - 1
            }
            internalIndex += 1
            return internalIndex - 1
        }
        while nextInternal < 2 * leaves.count - 1 {
            let a = takeSmallest(), b = takeSmallest()
            weight.append(weight[a] + weight[b])
            parent[a] = nextInternal
            parent[b] = nextInternal
            nextInternal += 1
        }
        var depth = [Int](repeating: 0, count: nextInternal)
        if nextInternal >= 2 {
            for node in stride(from: nextInternal - 2, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        }
        var lengths = [Int](repeating: 0, count: counts.count)
        for (i, symbol) in leaves.enumerated() { lengths[symbol] = depth[i] }
        return lengths
    }

    /// The weight of `symbol` (0 when absent).
    func weight(_ symbol: Int) -> Int { lengths[symbol] == 0 ? 0 : maxBits + 1 - lengths[symbol] }

    /// The Huffman tree description, or nil if the weights cannot be described compactly.
    func treeDescription() -> [UInt8]? {
        let weights = (0..<maxSymbol).map { weight($0) }
        if let compressed = Self.compressWeights(weights) { return compressed }
        guard weights.count <= 128 else { return nil }
        var out: [UInt8] = [UInt8(127 + weights.count)]
        var i = 0
        while i < weights.count {
            let high = weights[i], low = i + 1 < weights.count ? weights[i + 1] : 0
            out.append(UInt8(high << 4 | low))
            i += 2
        }
        return out
    }

    /// FSE-compressed weights (header byte < 128), verified by decoding them back; nil if
    /// not smaller than the direct form or not representable.
    private static func compressWeights(_ weights: [Int]) -> [UInt8]? {
        guard weights.count >= 2 else { return nil }
        var histogram = [Int](repeating: 0, count: HuffmanTable.maxCodeLength + 1)
        for w in weights { histogram[w] += 1 }
        guard histogram.filter({ $0 > 0 }).count >= 2 else { return nil }
        let accuracyLog = 6
        let counts = FSEEncoder.normalize(Array(histogram[...histogram.lastIndex(where: { $0 > 0 })!]), accuracyLog: accuracyLog)
        let encoder = FSEEncoder(counts: counts, accuracyLog: accuracyLog)
        var writer = BitWriter()
        var index = weights.count
        var state1: Int, state2: Int
        if weights.count & 1 == 1 {
            index -= 1; state1 = encoder.initialState(weights[index])
            index -= 1; state2 = encoder.initialState(weights[index])
            index -= 1; encoder.encode(&state1, weights[index], into: &writer)
        } else {
            index -= 1; state2 = encoder.initialState(weights[index])
            index -= 1; state1 = encoder.initialState(weights[index])
        }
        while index > 0 {
            index -= 1; encoder.encode(&state2, weights[index], into: &writer)
            index -= 1; encoder.encode(&state1, weights[index], into: &writer)
        }
        encoder.flush(state2, into: &writer)
        encoder.flush(state1, into: &writer)
        let body = FSEEncoder.writeCounts(counts, accuracyLog: accuracyLog) + writer.close()
        guard body.count < 128, body.count < (weights.count + 1) / 2 else { return nil }
        let description = [UInt8(body.count)] + body
        // Guard against the end-of-stream ambiguity of two-state decoding: keep only
        // descriptions that decode back to exactly these weights.
        let readable = description.withUnsafeBufferPointer { p in
            (try? HuffmanTable.read(p.baseAddress!, start: 0, end: p.count))?.size == p.count
        }
        guard readable, decodedWeights(description) == weights else { return nil }
        return description
    }

    /// Decodes the explicit weights of a compressed description (for the round-trip check).
    private static func decodedWeights(_ description: [UInt8]) -> [Int]? {
        description.withUnsafeBufferPointer { p -> [Int]? in
            guard let weights = try? HuffmanTable.readCompressedWeights(p.baseAddress!, start: 1, end: p.count) else { return nil }
            return weights.map(Int.init)
        }
    }

    /// Encodes `data` as one Huffman stream (read backwards by the decoder).
    func encodeStream(_ data: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var writer = BitWriter(capacity: data.count)
        var i = data.count
        while i > 0 {
            i -= 1
            let symbol = Int(data[i])
            writer.write(codes[symbol], lengths[symbol])
        }
        return writer.close()
    }

    /// Bits needed to encode a symbol histogram with this code.
    func cost(_ histogram: [Int]) -> Int {
        var bits = 0
        for s in 0..<256 where histogram[s] > 0 { bits += histogram[s] * lengths[s] }
        return (bits + 7) / 8
    }
}
