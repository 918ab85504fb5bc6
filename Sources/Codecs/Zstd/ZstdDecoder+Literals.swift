/// The literals section of a compressed block (RFC 8878 §3.1.1.3.1).
extension ZstdDecoder {
    /// Decoded literals: where they are, how many, and how many input bytes the section used.
    struct Literals {
        var bytes: UnsafePointer<UInt8>
        var count: Int
        var sectionSize: Int
    }

    /// Reads the literals section at `src[start..<end]`.
    mutating func readLiterals(start: Int, end: Int) throws(CodecError) -> Literals {
        guard start < end else { throw Zstd.truncated("missing literals section", at: start) }
        let b0 = Int(src[start])
        let type = b0 & 3
        let format = (b0 >> 2) & 3
        if type < 2 {
            let headerSize = [1, 2, 1, 3][format]
            guard end - start >= headerSize else { throw Zstd.truncated("literals header is cut short", at: start) }
            let count: Int
            switch format {
            case 1: count = (b0 >> 4) + (Int(src[start + 1]) << 4)
            case 3: count = (b0 >> 4) + (Int(src[start + 1]) << 4) + (Int(src[start + 2]) << 12)
            default: count = b0 >> 3
            }
            try checkLiteralCount(count, at: start)
            let body = start + headerSize
            features.insert(type == 0 ? .rawLiterals : .rleLiterals)
            if type == 0 {
                guard end - body >= count else { throw Zstd.truncated("raw literals are cut short", at: body) }
                return Literals(bytes: src + body, count: count, sectionSize: headerSize + count)
            }
            guard body < end else { throw Zstd.truncated("RLE literals byte is missing", at: body) }
            literalBuffer.update(repeating: src[body], count: count)
            return Literals(bytes: UnsafePointer(literalBuffer), count: count, sectionSize: headerSize + 1)
        }

        let headerSize = [3, 3, 4, 5][format]
        let sizeBits = [10, 10, 14, 18][format]
        guard end - start >= headerSize else { throw Zstd.truncated("literals header is cut short", at: start) }
        let header = readLittleEndian(start, size: headerSize)
        let mask = (1 << sizeBits) - 1
        let count = (header >> 4) & mask
        let compressedSize = (header >> (4 + sizeBits)) & mask
        try checkLiteralCount(count, at: start)
        var position = start + headerSize
        let sectionEnd = position + compressedSize
        guard sectionEnd <= end else { throw Zstd.truncated("compressed literals are cut short", at: position) }
        if type == 2 {
            let (table, size) = try HuffmanTable.read(src, start: position, end: sectionEnd)
            huffman = table
            features.insert(src[position] < 128 ? .compressedWeights : .directWeights)
            position += size
        }
        guard let table = huffman else {
            throw Zstd.corrupt("treeless literals but no earlier Huffman table in this frame", at: start)
        }
        features.insert(type == 3 ? .treelessLiterals : [])
        features.insert(format == 0 ? .huffmanOneStream : .huffmanFourStreams)
        if format == 0 {
            try table.decode(src + position, size: sectionEnd - position, offset: position, into: literalBuffer, count: count)
        } else {
            guard sectionEnd - position >= 6 else { throw Zstd.truncated("literals jump table is cut short", at: position) }
            let size1 = readLittleEndian(position, size: 2)
            let size2 = readLittleEndian(position + 2, size: 2)
            let size3 = readLittleEndian(position + 4, size: 2)
            position += 6
            let size4 = sectionEnd - position - size1 - size2 - size3
            guard size4 >= 0 else { throw Zstd.corrupt("literals jump table points past the section", at: position - 6) }
            let segment = (count + 3) / 4
            let last = count - 3 * segment
            guard last >= 0 else { throw Zstd.corrupt("\(count) literals cannot be split into 4 streams", at: start) }
            try table.decode(src + position, size: size1, offset: position, into: literalBuffer, count: segment)
            position += size1
            try table.decode(src + position, size: size2, offset: position, into: literalBuffer + segment, count: segment)
            position += size2
            try table.decode(src + position, size: size3, offset: position, into: literalBuffer + 2 * segment, count: segment)
            position += size3
            try table.decode(src + position, size: size4, offset: position, into: literalBuffer + 3 * segment, count: last)
        }
        return Literals(bytes: UnsafePointer(literalBuffer), count: count, sectionSize: headerSize + compressedSize)
    }

    /// Literals become output: more than the block or the output may hold is an error.
    private func checkLiteralCount(_ count: Int, at offset: Int) throws(CodecError) {
        guard count > min(blockMaximum, frameLimit - outputCount) else { return }
        if count > blockMaximum {
            throw Zstd.corrupt("literals section of \(count) bytes exceeds the \(blockMaximum)-byte block maximum", at: offset)
        }
        throw overrunError(at: offset)
    }
}
