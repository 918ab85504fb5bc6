import Testing
import Codecs

@Suite("Deflate, zlib and gzip")
struct DeflateTests {
    func failure(_ body: () throws(CodecError) -> [UInt8]) -> CodecError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("gzip round-trips every corpus input", arguments: TestData.corpus.indices)
    func gzipRoundTrip(_ index: Int) throws {
        let (name, input) = TestData.corpus[index]
        let compressed = Gzip.compress(input)
        #expect(Array(compressed.prefix(2)) == [0x1F, 0x8B], "\(name)")
        #expect(try Gzip.decompress(compressed, limit: input.count) == input, "\(name)")
        #expect(try CompressionCodec.gzip.decompress(compressed, uncompressedSize: input.count) == input, "\(name)")
    }

    @Test("raw deflate and zlib round-trip at every level", arguments: [0, 1, 6, 9])
    func deflateAndZlibLevels(_ level: Int) throws {
        for (name, input) in TestData.corpus where input.count <= 300_000 {
            let raw = Deflate.compress(input, level: level)
            #expect(try Deflate.decompress(raw, limit: input.count) == input, "\(name) level \(level)")
            let wrapped = Zlib.compress(input, level: level)
            #expect(wrapped.first == 0x78, "\(name)")
            #expect(try Zlib.decompress(wrapped, limit: input.count) == input, "\(name) level \(level)")
        }
    }

    @Test("compresses repetitive text well")
    func ratio() {
        let text = TestData.repetitive(1 << 20)
        #expect(Double(Gzip.compress(text).count) / Double(text.count) < 0.01)
        let prose = TestData.text(1 << 20, seed: 31)
        #expect(Double(Deflate.compress(prose).count) / Double(prose.count) < 0.5)
    }

    @Test("appends to existing output")
    func appends() throws {
        let input = TestData.text(10_000, seed: 32)
        var output: [UInt8] = [9, 9]
        input.withUnsafeBytes { Gzip.compress($0, into: &output) }
        #expect(Array(output.prefix(2)) == [9, 9])
        #expect(try Gzip.decompress(Array(output.dropFirst(2)), limit: input.count) == input)
    }

    @Test("gzip reads concatenated members, zero padding, and zlib data")
    func membersAndZlib() throws {
        let first = TestData.text(5_000, seed: 33), second = TestData.random(3_000, seed: 34)
        let members = Gzip.compress(first) + Gzip.compress([]) + Gzip.compress(second, level: 1)
        #expect(try Gzip.decompress(members, limit: 8_000) == first + second)
        #expect(try Gzip.decompress(members + [0, 0, 0, 0], limit: 8_000) == first + second)
        #expect(failure { () throws(CodecError) in try Gzip.decompress(members, limit: 7_999) }?.kind == .outputTooLarge)
        #expect(try Gzip.decompress(Zlib.compress(first), limit: 5_000) == first)
    }

    @Test("trailing garbage, truncation and bad checksums are reported")
    func corruption() throws {
        let input = TestData.text(20_000, seed: 35)
        let gzip = Gzip.compress(input)

        let garbage = failure { () throws(CodecError) in try Gzip.decompress(gzip + [1, 2, 3], limit: 1 << 20) }
        #expect(garbage?.kind == .corrupt)

        let truncated = failure { () throws(CodecError) in try Gzip.decompress(Array(gzip.dropLast(10)), limit: 1 << 20) }
        #expect(truncated?.kind == .truncated)
        #expect(truncated?.codec == .gzip)

        var badCRC = gzip
        badCRC[badCRC.count - 6] ^= 0x01
        #expect(failure { () throws(CodecError) in try Gzip.decompress(badCRC, limit: 1 << 20) }?.kind == .checksum)

        var badLength = gzip
        badLength[badLength.count - 2] ^= 0x01
        #expect(failure { () throws(CodecError) in try Gzip.decompress(badLength, limit: 1 << 20) }?.kind == .checksum)

        var badAdler = Zlib.compress(input)
        badAdler[badAdler.count - 1] ^= 0x01
        #expect(failure { () throws(CodecError) in try Zlib.decompress(badAdler, limit: 1 << 20) }?.kind == .checksum)

        var badHeader = gzip
        badHeader[0] = 0x1E
        let header = failure { () throws(CodecError) in try Gzip.decompress(badHeader, limit: 1 << 20) }
        #expect(header?.kind == .corrupt)
        #expect(header?.offset != nil)

        let raw = Deflate.compress(input)
        let rawError = failure { () throws(CodecError) in try Deflate.decompress(Array(raw.dropLast(3)), limit: 1 << 20) }
        #expect(rawError?.kind == .truncated)
        #expect(rawError?.message.contains("deflate") == true)

        #expect(failure { () throws(CodecError) in try Gzip.decompress([], limit: 10) }?.kind == .truncated)
        #expect(failure { () throws(CodecError) in try Deflate.decompress([0xFF, 0xFF], limit: 10) } != nil)
    }

    @Test("a gzip bomb stops at the limit")
    func bomb() throws {
        let zeros = [UInt8](repeating: 0, count: 10_000_000)
        let bomb = Gzip.compress(zeros, level: 9)
        #expect(bomb.count < 20_000)
        let error = failure { () throws(CodecError) in try Gzip.decompress(bomb, limit: 1_000_000) }
        #expect(error?.kind == .outputTooLarge)
        let rawBomb = Deflate.compress(zeros)
        #expect(failure { () throws(CodecError) in try Deflate.decompress(rawBomb, limit: 1_000_000) }?.kind == .outputTooLarge)
        // The exact limit is fine; one byte less is not.
        let small = Gzip.compress(TestData.repetitive(100_000))
        #expect(try Gzip.decompress(small, limit: 100_000).count == 100_000)
        #expect(failure { () throws(CodecError) in try Gzip.decompress(small, limit: 99_999) }?.kind == .outputTooLarge)
        #expect(failure { () throws(CodecError) in try Gzip.decompress(small, limit: 0) }?.kind == .outputTooLarge)
        // An empty member fits a zero limit.
        #expect(try Gzip.decompress(Gzip.compress([]), limit: 0) == [])
    }
}
