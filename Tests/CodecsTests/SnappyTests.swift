import Testing
import Codecs

@Suite("Snappy block format")
struct SnappyTests {
    @Test("round-trips every corpus input", arguments: TestData.corpus.indices)
    func roundTrip(_ index: Int) throws {
        let (name, input) = TestData.corpus[index]
        let compressed = Snappy.compress(input)
        #expect(compressed.count <= Snappy.maxCompressedLength(input.count), "\(name)")
        let restored = try Snappy.decompress(compressed, limit: input.count)
        #expect(restored == input, "\(name)")
        let declared = try compressed.withUnsafeBytes { try Snappy.uncompressedLength($0) }
        #expect(declared == input.count, "\(name)")
    }

    @Test("compresses repetitive data and text, barely expands random data")
    func ratios() throws {
        let repetitive = TestData.repetitive(1 << 20)
        let repetitiveRatio = Double(Snappy.compress(repetitive).count) / Double(repetitive.count)
        #expect(repetitiveRatio < 0.1)

        let text = TestData.text(1 << 20, seed: 11)
        let textRatio = Double(Snappy.compress(text).count) / Double(text.count)
        #expect(textRatio < 0.7)

        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        #expect(Snappy.compress(zeros).count < zeros.count / 20)

        let random = TestData.random(1 << 20, seed: 12)
        let randomRatio = Double(Snappy.compress(random).count) / Double(random.count)
        #expect(randomRatio < 1.001)
    }

    @Test("appends to existing output and goes through CompressionCodec")
    func appendsAndCodecAPI() throws {
        let input = TestData.text(70_000, seed: 13)
        var output: [UInt8] = [1, 2, 3]
        input.withUnsafeBytes { Snappy.compress($0, into: &output) }
        #expect(Array(output.prefix(3)) == [1, 2, 3])
        #expect(try Snappy.decompress(Array(output.dropFirst(3)), limit: input.count) == input)

        let viaCodec = CompressionCodec.snappy.compress(input)
        #expect(try CompressionCodec.snappy.decompress(viaCodec, uncompressedSize: input.count) == input)
    }

    @Test("a preamble declaring more than 64 KiB in fragments decodes whole")
    func manyFragments() throws {
        // Ten fragments whose content repeats across fragment boundaries.
        let input = TestData.repetitive(10 * 65_536 + 123)
        let compressed = Snappy.compress(input)
        #expect(try Snappy.decompress(compressed, limit: input.count) == input)
    }

    @Test("decodes hand-built element sequences")
    func handBuiltStreams() throws {
        let hello: [UInt8] = [5, 0x10] + Array("hello".utf8)
        #expect(try Snappy.decompress(hello, limit: 5) == Array("hello".utf8))

        // Literal "ab", then a 1-byte-offset copy of length 8 at distance 2 (overlapping).
        let overlap: [UInt8] = [10, 0x04, 0x61, 0x62, 0x11, 0x02]
        #expect(try Snappy.decompress(overlap, limit: 10) == Array("ababababab".utf8))

        // Literal "abc", then a 2-byte-offset copy and a 4-byte-offset copy of length 3.
        let twoAndFour: [UInt8] = [9, 0x08, 0x61, 0x62, 0x63, 0x0A, 0x03, 0x00, 0x0B, 0x06, 0x00, 0x00, 0x00]
        #expect(try Snappy.decompress(twoAndFour, limit: 9) == Array("abcabcabc".utf8))

        // A 100-byte literal with a 1-byte length, and a 300-byte one with a 2-byte length.
        let hundred = TestData.random(100, seed: 14)
        #expect(try Snappy.decompress([100, 0xF0, 99] + hundred, limit: 100) == hundred)
        let threeHundred = TestData.random(300, seed: 15)
        #expect(try Snappy.decompress([0xAC, 0x02, 0xF4, 0x2B, 0x01] + threeHundred, limit: 300) == threeHundred)

        // A long run built from a 1-byte pattern: 1 literal + copy of 64 at distance 1.
        let run: [UInt8] = [65, 0x00, 0x7A, 0xFE, 0x01, 0x00]
        #expect(try Snappy.decompress(run, limit: 65) == [UInt8](repeating: 0x7A, count: 65))
    }

    @Test("well-compressed output does not keep a worst-case-sized buffer")
    func compactOutput() {
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        let snappy = Snappy.compress(zeros)
        #expect(snappy.capacity < 2 * snappy.count + 64)
        let gzip = Gzip.compress(zeros)
        #expect(gzip.capacity < 2 * gzip.count + 64)
    }

    @Test("the empty input compresses to a single zero preamble")
    func emptyInput() throws {
        #expect(Snappy.compress([]) == [0])
        #expect(try Snappy.decompress([0], limit: 0) == [])
    }

    @Test("matches at the edges of each copy element's range round-trip",
          arguments: [1, 2, 7, 8, 9, 2047, 2048, 2049, 65_000])
    func copyElementEdges(_ offset: Int) throws {
        for length in [4, 5, 11, 12, 13, 60, 63, 64, 65, 66, 67, 68, 69, 127, 128, 129, 1000] {
            // `offset` random bytes, a run repeating them for `length` bytes, random tail.
            var input = TestData.random(offset, seed: UInt64(offset))
            for _ in 0..<length { input.append(input[input.count - offset]) }
            input += TestData.random(20, seed: UInt64(length))
            let compressed = Snappy.compress(input)
            #expect(try Snappy.decompress(compressed, limit: input.count) == input, "offset \(offset) length \(length)")
        }
    }
}
