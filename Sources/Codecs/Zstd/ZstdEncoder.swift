/// Writes Zstandard frames: single-segment header with content size, RLE blocks for runs,
/// compressed blocks (LZ77 sequences with predefined FSE codes, Huffman or raw literals),
/// raw blocks when compression does not pay, and an XXH64 content checksum.
enum ZstdEncoder {
    /// Compresses `input` into one frame appended to `output`.
    static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        let count = input.count
        output += [0x28, 0xB5, 0x2F, 0xFD]
        // Frame header: single segment, checksum, smallest content size field.
        if count < 256 {
            output += [0x24, UInt8(count)]
        } else if count < 65536 + 256 {
            output += [0x64, UInt8((count - 256) & 0xFF), UInt8((count - 256) >> 8)]
        } else if UInt64(count) <= UInt64(UInt32.max) {
            output.append(0xA4)
            withUnsafeBytes(of: UInt32(count).littleEndian) { output += $0 }
        } else {
            output.append(0xE4)
            withUnsafeBytes(of: UInt64(count).littleEndian) { output += $0 }
        }
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self), count > 0 else {
            output += blockHeader(last: true, type: 0, size: 0)
            appendChecksum(input, to: &output)
            return
        }
        var matcher = ZstdMatcher(inputSize: count)
        var repeats = (1, 4, 8)
        var start = 0
        while start < count {
            let end = min(count, start + Zstd.maxBlockSize)
            let last = end == count
            let block = UnsafeBufferPointer(start: base + start, count: end - start)
            if let byte = block.first, block.allSatisfy({ $0 == byte }) {
                output += blockHeader(last: last, type: 1, size: block.count)
                output.append(byte)
            } else if let (compressed, newRepeats) = compressBlock(base, start: start, end: end, matcher: &matcher, repeats: repeats),
                      compressed.count < block.count {
                output += blockHeader(last: last, type: 2, size: compressed.count)
                output += compressed
                repeats = newRepeats
            } else {
                output += blockHeader(last: last, type: 0, size: block.count)
                output += block
            }
            start = end
        }
        appendChecksum(input, to: &output)
    }

    private static func appendChecksum(_ input: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        let checksum = UInt32(truncatingIfNeeded: XXHash64.hash(input))
        withUnsafeBytes(of: checksum.littleEndian) { output += $0 }
    }

    static func blockHeader(last: Bool, type: Int, size: Int) -> [UInt8] {
        let v = size << 3 | type << 1 | (last ? 1 : 0)
        return [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v >> 16)]
    }

    /// The body of a compressed block for `input[start..<end]` and the repeat offsets after
    /// it, or nil if not representable.
    private static func compressBlock(
        _ input: UnsafePointer<UInt8>, start: Int, end: Int, matcher: inout ZstdMatcher, repeats: (Int, Int, Int)
    ) -> ([UInt8], (Int, Int, Int))? {
        let (sequences, lastLiterals) = matcher.sequences(input, start: start, end: end)
        var literals: [UInt8] = []
        literals.reserveCapacity(end - start)
        var p = start
        for s in sequences {
            literals.append(contentsOf: UnsafeBufferPointer(start: input + p, count: s.literalLength))
            p += s.literalLength + s.matchLength
        }
        literals.append(contentsOf: UnsafeBufferPointer(start: input + p, count: lastLiterals))
        var body = literals.withUnsafeBufferPointer { ZstdLiteralsWriter.section($0) }
        var repeats = repeats
        body += ZstdSequencesWriter.section(sequences, repeats: &repeats)
        return body.count <= Zstd.maxBlockSize ? (body, repeats) : nil
    }
}
