import Testing
@testable import Codecs

/// Unit tests of the entropy coders in isolation: bit streams, FSE and Huffman.
@Suite("Zstd entropy coding")
struct ZstdEntropyTests {
    @Test("backward bit reader returns values written forwards, last written first")
    func bitStreams() throws {
        var rng = SplitMix64(seed: 11)
        let values = (0..<500).map { _ -> (Int, Int) in
            let bits = Int(rng.next() % 26)
            return (Int(rng.next() & ((1 << UInt64(bits)) - 1)), bits)
        }
        var writer = BitWriter()
        for (v, n) in values { writer.write(v, n) }
        let bytes = writer.close()
        try bytes.withUnsafeBufferPointer { p in
            var reader = try ReverseBitReader(p.baseAddress!, count: p.count, offset: 0)
            for (v, n) in values.reversed() {
                reader.reload()
                #expect(reader.read(n) == v)
            }
            reader.reload()
            #expect(reader.isFinished)
        }
    }

    @Test("a bitstream whose last byte is zero is corrupt")
    func missingMarker() {
        #expect(throws: CodecError.self) {
            try [UInt8]([0x12, 0x00]).withUnsafeBufferPointer { try ReverseBitReader($0.baseAddress!, count: 2, offset: 0) }
        }
    }

    @Test("FSE: block-specific tables encode and decode random symbol runs", arguments: [5, 6, 9])
    func fseRoundTrip(accuracyLog: Int) throws {
        var rng = SplitMix64(seed: UInt64(accuracyLog))
        var histogram = [Int](repeating: 0, count: 30)
        let symbols = (0..<2000).map { _ -> Int in
            let s = min(29, Int((rng.next() % 1000).trailingZeroBitCount) * 3 + Int(rng.next() % 3))
            histogram[s] += 1
            return s
        }
        let counts = FSEEncoder.normalize(histogram, accuracyLog: accuracyLog)
        #expect(counts.reduce(0) { $0 + Int($1) } == 1 << accuracyLog)
        let encoder = FSEEncoder(counts: counts, accuracyLog: accuracyLog)
        var writer = BitWriter()
        var state = encoder.initialState(symbols.last!)
        for s in symbols.dropLast().reversed() { encoder.encode(&state, s, into: &writer) }
        encoder.flush(state, into: &writer)
        let bytes = writer.close()
        // Decode with the table read back from its description.
        let description = FSEEncoder.writeCounts(counts, accuracyLog: accuracyLog)
        let (read, log, _) = try description.withUnsafeBufferPointer {
            try FSE.readCounts($0.baseAddress!, start: 0, end: $0.count, maxSymbol: 31, maxAccuracyLog: 9, what: "test")
        }
        let table = FSE.decodingTable(counts: read, accuracyLog: log).entries
        try bytes.withUnsafeBufferPointer { p in
            var reader = try ReverseBitReader(p.baseAddress!, count: p.count, offset: 0)
            var decoderState = reader.read(log)
            for (i, expected) in symbols.enumerated() {
                let e = table[decoderState]
                #expect(Int(e.symbol) == expected)
                if i < symbols.count - 1 {
                    reader.reload()
                    decoderState = Int(e.baseline) + reader.read(Int(e.bitCount))
                }
            }
            reader.reload()
            #expect(reader.isFinished)
        }
    }

    @Test("Huffman: codes are length-limited, canonical, and decode through the tree description")
    func huffmanRoundTrip() throws {
        // A very skewed (Fibonacci-like) histogram forces length limiting.
        var histogram = [Int](repeating: 0, count: 256)
        var a = 1, b = 1
        for s in 0..<30 {
            histogram[s * 7] = a
            (a, b) = (b, a + b)
        }
        histogram[255] = 3
        let encoder = try #require(HuffmanEncoder(histogram: histogram))
        #expect(encoder.maxBits <= 11)
        var rng = SplitMix64(seed: 5)
        let present = histogram.indices.filter { histogram[$0] > 0 }
        let data = (0..<5000).map { _ in UInt8(present[Int(rng.next() % UInt64(present.count))]) }
        let description = try #require(encoder.treeDescription())
        let stream = data.withUnsafeBufferPointer { encoder.encodeStream($0) }
        let (table, size) = try description.withUnsafeBufferPointer { try HuffmanTable.read($0.baseAddress!, start: 0, end: $0.count) }
        #expect(size == description.count)
        var decoded = [UInt8](repeating: 0, count: data.count)
        try stream.withUnsafeBufferPointer { s in
            try decoded.withUnsafeMutableBufferPointer { d in
                try table.decode(s.baseAddress!, size: s.count, offset: 0, into: d.baseAddress!, count: d.count)
            }
        }
        #expect(decoded == data)
    }

    @Test("Huffman weights that do not form a complete code are corrupt")
    func incompleteWeights() {
        // Weights 3 and 1 sum to 4 + 1 = 5 units of 8: the rest, 3, is not a power of two.
        #expect(throws: CodecError.self) { try HuffmanTable.build(weights: [3, 1], offset: 0) }
        #expect(throws: CodecError.self) { try HuffmanTable.build(weights: [0, 0], offset: 0) }
        #expect(throws: CodecError.self) { try HuffmanTable.build(weights: [12, 1], offset: 0) }
    }
}
