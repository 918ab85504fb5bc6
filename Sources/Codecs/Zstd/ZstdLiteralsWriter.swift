/// Writes the literals section of a compressed block: RLE, Huffman-coded (1 or 4 streams)
/// or raw, whichever is smallest.
enum ZstdLiteralsWriter {
    /// Literals shorter than this are stored raw (a Huffman table would not pay off).
    static let minimumHuffmanCount = 64

    /// The literals section for `literals`.
    static func section(_ literals: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let count = literals.count
        if count >= 4, let first = literals.first, literals.allSatisfy({ $0 == first }) {
            return header(type: 1, count: count) + [first]
        }
        if count >= minimumHuffmanCount, let huffman = huffmanSection(literals), huffman.count < count + 3 {
            return huffman
        }
        return header(type: 0, count: count) + Array(literals)
    }

    /// Raw/RLE section header (1-3 bytes).
    private static func header(type: Int, count: Int) -> [UInt8] {
        if count < 32 { return [UInt8(type | count << 3)] }
        if count < 4096 {
            let v = type | 1 << 2 | count << 4
            return [UInt8(v & 0xFF), UInt8(v >> 8)]
        }
        let v = type | 3 << 2 | count << 4
        return [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v >> 16)]
    }

    /// A Huffman-compressed section, or nil when the literals do not suit one.
    private static func huffmanSection(_ literals: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var histogram = [Int](repeating: 0, count: 256)
        for byte in literals { histogram[Int(byte)] += 1 }
        guard let encoder = HuffmanEncoder(histogram: histogram) else { return nil }
        guard encoder.cost(histogram) + 16 < literals.count, let tree = encoder.treeDescription() else { return nil }
        let count = literals.count
        var payload = tree
        let format: Int
        if count < 256 {
            payload += encoder.encodeStream(literals)
            format = 0
        } else {
            let segment = (count + 3) / 4
            var streams: [[UInt8]] = []
            for i in 0..<4 {
                let lower = min(count, i * segment), upper = i == 3 ? count : min(count, (i + 1) * segment)
                streams.append(encoder.encodeStream(UnsafeBufferPointer(rebasing: literals[lower..<upper])))
            }
            for stream in streams.prefix(3) {
                guard stream.count <= 0xFFFF else { return nil }
                payload += [UInt8(stream.count & 0xFF), UInt8(stream.count >> 8)]
            }
            for stream in streams { payload += stream }
            let largest = max(count, payload.count)
            format = largest < 1024 ? 1 : largest < 16384 ? 2 : 3
        }
        let sizeBits = [10, 10, 14, 18][format]
        let headerSize = [3, 3, 4, 5][format]
        guard count < 1 << sizeBits, payload.count < 1 << sizeBits else { return nil }
        let value = UInt64(2 | format << 2) | UInt64(count) << 4 | UInt64(payload.count) << UInt64(4 + sizeBits)
        var out = (0..<headerSize).map { UInt8(truncatingIfNeeded: value >> UInt64(8 * $0)) }
        out += payload
        return out
    }
}
