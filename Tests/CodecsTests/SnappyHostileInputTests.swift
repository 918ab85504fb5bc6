import Testing
import Codecs

/// Specific malformed Snappy blocks, each of which must be rejected with the right kind.
@Suite("Snappy hostile input")
struct SnappyHostileInputTests {
    func failure(_ input: [UInt8], limit: Int) -> CodecError? {
        do {
            _ = try Snappy.decompress(input, limit: limit)
            return nil
        } catch {
            return error
        }
    }

    @Test("a preamble claiming 4 GB is refused before allocating")
    func hugePreamble() {
        let fourGB: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00, 0x61]
        #expect(failure(fourGB, limit: 1 << 20)?.kind == .outputTooLarge)
        // Even with no limit, seven bytes cannot expand to 4 GB: refused without allocating.
        #expect(failure(fourGB, limit: Int.max)?.kind == .truncated)
    }

    @Test("malformed preambles")
    func preambles() {
        #expect(failure([], limit: 10)?.kind == .truncated)
        #expect(failure([0x80], limit: 10)?.kind == .truncated)
        #expect(failure([0x80, 0x80, 0x80, 0x80, 0x80, 0x01], limit: 10)?.kind == .corrupt)
        #expect(failure([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], limit: Int.max)?.kind == .corrupt)
    }

    @Test("a preamble above the caller's limit")
    func preambleAboveLimit() {
        let compressed = Snappy.compress(TestData.text(1000, seed: 21))
        let error = failure(compressed, limit: 999)
        #expect(error?.kind == .outputTooLarge)
        #expect(error?.codec == .snappy)
    }

    @Test("copy offset 0 is corrupt, reported at its tag")
    func offsetZero() {
        let error = failure([5, 0x00, 0x61, 0x01, 0x00], limit: 5)
        #expect(error?.kind == .corrupt)
        #expect(error?.offset == 3)
    }

    @Test("copy offsets reaching before the output are corrupt")
    func offsetBeyondOutput() {
        let oneByteOffset = failure([6, 0x00, 0x61, 0x05, 0x02], limit: 6)
        #expect(oneByteOffset?.kind == .corrupt)
        #expect(oneByteOffset?.offset == 3)
        let atStart = failure([4, 0x0E, 0x01, 0x00], limit: 4)
        #expect(atStart?.kind == .corrupt)
        #expect(atStart?.offset == 1)
        let fourByteOffset = failure([5, 0x00, 0x61, 0x0F, 0x00, 0x00, 0x01, 0x00], limit: 5)
        #expect(fourByteOffset?.kind == .corrupt)
    }

    @Test("elements running past the end of the input are truncated")
    func truncatedElements() {
        let literal = failure([10, 0x24, 0x61, 0x62], limit: 10)
        #expect(literal?.kind == .truncated)
        #expect(literal?.offset == 1)
        #expect(failure([10, 0xF0], limit: 10)?.kind == .truncated)
        #expect(failure([10, 0xF8, 0x01, 0x00], limit: 10)?.kind == .truncated)
        #expect(failure([5, 0x00, 0x61, 0x0A, 0x01], limit: 5)?.kind == .truncated)
        #expect(failure([5, 0x00, 0x61, 0x05], limit: 5)?.kind == .truncated)
        #expect(failure([5, 0x00, 0x61, 0x0F, 0x01, 0x00, 0x00], limit: 5)?.kind == .truncated)
        // Fewer bytes than the preamble declares.
        #expect(failure([5, 0x04, 0x61, 0x62], limit: 5)?.kind == .truncated)
    }

    @Test("output beyond the preamble is too large")
    func outputBeyondPreamble() {
        #expect(failure([2, 0x08, 0x61, 0x62, 0x63], limit: 100)?.kind == .outputTooLarge)
        #expect(failure([5, 0x04, 0x61, 0x62, 0x05, 0x01], limit: 100)?.kind == .outputTooLarge)
        #expect(failure([0, 0x00, 0x61], limit: 100)?.kind == .outputTooLarge)
        // Through CompressionCodec, a preamble above the page's size is too large as well.
        let compressed = Snappy.compress(TestData.text(100, seed: 22))
        #expect(throws: CodecError.self) { try CompressionCodec.snappy.decompress(compressed, uncompressedSize: 99) }
    }
}
