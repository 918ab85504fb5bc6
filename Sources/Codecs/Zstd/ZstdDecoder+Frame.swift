/// Frame and block parsing (RFC 8878 §3.1).
extension ZstdDecoder {
    /// Magic number of a Zstandard frame (little endian on the wire).
    static let frameMagic: UInt32 = 0xFD2F_B528
    /// Skippable frames use any of the 16 magic numbers `0x184D2A50...0x184D2A5F`.
    static let skippableMagicMask: UInt32 = 0xFFFF_FFF0
    static let skippableMagic: UInt32 = 0x184D_2A50

    /// Decodes (or skips) the frame starting at `start`; returns where the next one starts.
    mutating func decodeFrame(at start: Int) throws(CodecError) -> Int {
        guard srcCount - start >= 4 else { throw Zstd.truncated("incomplete frame magic number", at: start) }
        let magic = UInt32(readLittleEndian(start, size: 4))
        if magic & Self.skippableMagicMask == Self.skippableMagic {
            guard srcCount - start >= 8 else { throw Zstd.truncated("incomplete skippable frame header", at: start) }
            let size = readLittleEndian(start + 4, size: 4)
            guard size <= srcCount - start - 8 else { throw Zstd.truncated("skippable frame of \(size) bytes is cut short", at: start) }
            features.insert(.skippableFrame)
            return start + 8 + size
        }
        guard magic == Self.frameMagic else {
            throw Zstd.corrupt("not a Zstandard frame (magic number 0x\(String(magic, radix: 16)))", at: start)
        }
        var position = try readFrameHeader(at: start + 4)
        let hasChecksum = src[start + 4] & 0x04 != 0

        // Blocks.
        while true {
            guard srcCount - position >= 3 else { throw Zstd.truncated("incomplete block header", at: position) }
            let header = readLittleEndian(position, size: 3)
            let headerOffset = position
            position += 3
            let isLast = header & 1 != 0
            let type = (header >> 1) & 3
            let size = header >> 3
            guard size <= blockMaximum else {
                throw Zstd.corrupt("block size \(size) exceeds the maximum of \(blockMaximum)", at: headerOffset)
            }
            switch type {
            case 0:
                features.insert(.rawBlock)
                guard size <= srcCount - position else { throw Zstd.truncated("raw block is cut short", at: position) }
                try reserve(size, at: headerOffset)
                (output + outputCount).update(from: src + position, count: size)
                outputCount += size
                position += size
            case 1:
                features.insert(.rleBlock)
                guard position < srcCount else { throw Zstd.truncated("RLE block is cut short", at: position) }
                try reserve(size, at: headerOffset)
                (output + outputCount).update(repeating: src[position], count: size)
                outputCount += size
                position += 1
            case 2:
                features.insert(.compressedBlock)
                guard size <= srcCount - position else { throw Zstd.truncated("compressed block is cut short", at: position) }
                try decodeCompressedBlock(start: position, end: position + size)
                position += size
            default:
                throw Zstd.corrupt("reserved block type", at: headerOffset)
            }
            if isLast { break }
        }

        let produced = outputCount - frameStart
        if let expected = expectedContentSize, produced != expected {
            throw CodecError(.zstd, .sizeMismatch,
                             "frame decoded to \(produced) bytes but its header declares \(expected)", offset: start)
        }
        if hasChecksum {
            guard srcCount - position >= 4 else { throw Zstd.truncated("content checksum is cut short", at: position) }
            let stored = UInt32(readLittleEndian(position, size: 4))
            let actual = UInt32(truncatingIfNeeded: XXHash64.hash(UnsafeRawBufferPointer(start: output + frameStart, count: produced)))
            guard stored == actual else {
                throw CodecError(.zstd, .checksum,
                                 "content checksum mismatch: frame stores 0x\(String(stored, radix: 16)), data hashes to 0x\(String(actual, radix: 16))",
                                 offset: position)
            }
            position += 4
            features.insert(.contentChecksum)
        }
        return position
    }

    /// Parses the frame header after the magic number, resets per-frame state and returns
    /// the position of the first block.
    private mutating func readFrameHeader(at start: Int) throws(CodecError) -> Int {
        guard start < srcCount else { throw Zstd.truncated("missing frame header", at: start) }
        let descriptor = Int(src[start])
        let contentSizeFlag = descriptor >> 6
        let singleSegment = descriptor & 0x20 != 0
        guard descriptor & 0x08 == 0 else { throw Zstd.corrupt("reserved bit set in frame header", at: start) }
        let dictionaryIDSize = [0, 1, 2, 4][descriptor & 3]
        let contentSizeSize = [singleSegment ? 1 : 0, 2, 4, 8][contentSizeFlag]
        let headerSize = 1 + (singleSegment ? 0 : 1) + dictionaryIDSize + contentSizeSize
        guard srcCount - start >= headerSize else { throw Zstd.truncated("frame header is cut short", at: start) }
        var position = start + 1

        var window: UInt64 = 0
        if !singleSegment {
            let byte = Int(src[position])
            let log = 10 + (byte >> 3)
            let base: UInt64 = 1 << UInt64(log)
            window = base + (base / 8) * UInt64(byte & 7)
            features.insert(.windowDescriptor)
            position += 1
        }
        if dictionaryIDSize > 0 {
            let id = readLittleEndian(position, size: dictionaryIDSize)
            if id != 0 {
                throw CodecError(.zstd, .unsupported,
                                 "frame needs dictionary \(id); Zstandard dictionaries are not supported", offset: position)
            }
            position += dictionaryIDSize
        }
        var contentSize: UInt64?
        if contentSizeSize > 0 {
            var value: UInt64 = 0
            for i in 0..<contentSizeSize { value |= UInt64(src[position + i]) << UInt64(8 * i) }
            if contentSizeSize == 2 { value += 256 }
            contentSize = value
            guard value <= UInt64(limit - outputCount) else {
                throw CodecError(.zstd, .outputTooLarge,
                                 "frame declares \(value) bytes of content, more than the \(limit - outputCount) bytes allowed",
                                 offset: position)
            }
            position += contentSizeSize
        }
        if singleSegment { window = contentSize ?? 0 }
        if contentSize == nil { features.insert(.noContentSize) }

        frameStart = outputCount
        windowSize = Int(min(window, UInt64(Int.max)))
        blockMaximum = min(windowSize, Zstd.maxBlockSize)
        expectedContentSize = contentSize.map { Int($0) }
        huffman = nil
        literalLengthTable = nil
        matchLengthTable = nil
        offsetTable = nil
        repeatOffsets = (1, 4, 8)
        if let size = expectedContentSize { try reserve(size, at: start) }
        return position
    }
}
