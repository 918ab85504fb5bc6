/// Decodes a sequence of Zstandard frames (RFC 8878) into one output buffer.
///
/// The decoder owns two manually managed buffers (output and literals); create it with
/// ``withDecoder(_:count:limit:_:)`` which releases them. Every length, offset and table
/// read from the input is validated before use.
struct ZstdDecoder {
    /// The whole compressed input.
    let src: UnsafePointer<UInt8>
    /// Size of the compressed input.
    let srcCount: Int
    /// Never produce more than this many bytes in total.
    let limit: Int

    /// Decompressed bytes; `outputCount` are initialized, `outputCapacity` allocated.
    var output: UnsafeMutablePointer<UInt8>
    var outputCount = 0
    var outputCapacity: Int
    /// Scratch for literals decoded from RLE or Huffman sections.
    let literalBuffer: UnsafeMutablePointer<UInt8>
    /// Size of `literalBuffer`: a block's literals never exceed 128 KiB nor the output limit.
    let literalCapacity: Int

    // Per-frame state.
    /// Where the current frame's output starts in `output`.
    var frameStart = 0
    /// Largest back-reference distance the current frame allows.
    var windowSize = 0
    /// Largest block (compressed or regenerated) the current frame allows.
    var blockMaximum = Zstd.maxBlockSize
    /// The content size the current frame's header declares, if any.
    var expectedContentSize: Int?
    /// The last Huffman table, for treeless literals.
    var huffman: HuffmanTable?
    /// The last sequence tables, for repeat mode.
    var literalLengthTable: SequenceCode.Table?
    var matchLengthTable: SequenceCode.Table?
    var offsetTable: SequenceCode.Table?
    /// Format features met so far (for tests).
    var features: ZstdFeatures = []
    /// The three repeat offsets.
    var repeatOffsets = (1, 4, 8)

    /// False when `output` belongs to the caller (fixed capacity, never reallocated).
    let ownsOutput: Bool

    /// A decoder writing into `output` (caller-owned, `capacity` bytes) or, if nil, into a
    /// buffer of its own that grows up to `limit`.
    private init(src: UnsafePointer<UInt8>, count: Int, limit: Int, output external: UnsafeMutablePointer<UInt8>?, capacity: Int) {
        self.src = src
        self.srcCount = count
        self.limit = limit
        if let external {
            output = external
            outputCapacity = capacity
            ownsOutput = false
        } else {
            output = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
            outputCapacity = 0
            ownsOutput = true
        }
        literalCapacity = min(Zstd.maxBlockSize, limit)
        literalBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(literalCapacity, 1))
    }

    /// Decodes every frame of `src[0..<count]` into a new array of at most `limit` bytes.
    ///
    /// When every frame declares its content size (the common case) the array is allocated
    /// once at its final size and decoded into in place; otherwise the decoder grows its own
    /// buffer geometrically (never past `limit`) and copies the result out.
    static func decode(_ src: UnsafePointer<UInt8>, count: Int, limit: Int) throws(CodecError) -> ([UInt8], ZstdFeatures) {
        if let exact = declaredSize(src, count: count), exact <= limit {
            var failure: CodecError?
            var features: ZstdFeatures = []
            let result = [UInt8](unsafeUninitializedCapacity: max(exact, 1)) { buffer, initialized in
                var decoder = ZstdDecoder(src: src, count: count, limit: exact, output: buffer.baseAddress!, capacity: exact)
                defer { decoder.literalBuffer.deallocate() }
                do throws(CodecError) {
                    try decoder.decodeAll()
                    initialized = decoder.outputCount
                } catch {
                    failure = error
                    initialized = 0
                }
                features = decoder.features
            }
            if let failure { throw failure }
            return (result, features)
        }
        var decoder = ZstdDecoder(src: src, count: count, limit: limit, output: nil, capacity: 0)
        defer {
            decoder.output.deallocate()
            decoder.literalBuffer.deallocate()
        }
        try decoder.decodeAll()
        return (Array(UnsafeBufferPointer(start: decoder.output, count: decoder.outputCount)), decoder.features)
    }

    /// The most output the current frame may reach: its declared end, else `limit`.
    var frameLimit: Int { expectedContentSize.map { frameStart + $0 } ?? limit }

    /// The error for output that would pass ``frameLimit``.
    func overrunError(at offset: Int) -> CodecError {
        if let expected = expectedContentSize {
            return Zstd.corrupt("frame content exceeds the \(expected) bytes its header declares", at: offset)
        }
        return CodecError(.zstd, .outputTooLarge, "output would exceed the \(limit)-byte limit", offset: offset)
    }

    /// Makes room for `extra` more output bytes, failing when that would pass ``frameLimit``.
    mutating func reserve(_ extra: Int, at offset: Int) throws(CodecError) {
        let needed = outputCount + extra
        guard needed <= frameLimit else { throw overrunError(at: offset) }
        guard needed > outputCapacity else { return }
        guard ownsOutput else { throw overrunError(at: offset) }
        let newCapacity = max(needed, min(limit, outputCapacity * 2))
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(newCapacity, 1))
        grown.update(from: output, count: outputCount)
        output.deallocate()
        output = grown
        outputCapacity = newCapacity
    }

    /// Decodes every frame in the input.
    mutating func decodeAll() throws(CodecError) {
        var position = 0
        guard srcCount > 0 else { throw Zstd.truncated("empty input", at: 0) }
        while position < srcCount {
            position = try decodeFrame(at: position)
        }
    }

    /// Reads a little-endian value of `size` bytes (≤ 8) at `position` (bounds checked by the caller).
    func readLittleEndian(_ position: Int, size: Int) -> Int {
        var value: UInt64 = 0
        for i in 0..<size { value |= UInt64(src[position + i]) << UInt64(8 * i) }
        return Int(truncatingIfNeeded: value)
    }

    /// The total content size when every frame declares one and the frame and block
    /// headers are well formed; nil otherwise (the full decoder then reports any error).
    static func declaredSize(_ src: UnsafePointer<UInt8>, count: Int) -> Int? {
        func value(_ at: Int, _ size: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<size { v |= UInt64(src[at + i]) << UInt64(8 * i) }
            return v
        }
        var position = 0
        var total: UInt64 = 0
        while position < count {
            guard count - position >= 8 else { return nil }
            let magic = UInt32(value(position, 4))
            if magic & skippableMagicMask == skippableMagic {
                let size = Int(value(position + 4, 4))
                guard size <= count - position - 8 else { return nil }
                position += 8 + size
                continue
            }
            guard magic == frameMagic else { return nil }
            let descriptor = Int(src[position + 4])
            let singleSegment = descriptor & 0x20 != 0
            let contentSizeSize = [singleSegment ? 1 : 0, 2, 4, 8][descriptor >> 6]
            let headerSize = 1 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][descriptor & 3] + contentSizeSize
            guard contentSizeSize > 0, count - position - 4 >= headerSize else { return nil }
            var size = value(position + 4 + headerSize - contentSizeSize, contentSizeSize)
            if contentSizeSize == 2 { size += 256 }
            guard size <= UInt64(Int.max / 2) - total else { return nil }
            total += size
            var block = position + 4 + headerSize
            while true {
                guard count - block >= 3 else { return nil }
                let header = Int(value(block, 3))
                let type = (header >> 1) & 3
                guard type != 3 else { return nil }
                block += 3 + (type == 1 ? 1 : header >> 3)
                guard block <= count else { return nil }
                if header & 1 != 0 { break }
            }
            position = block + (descriptor & 0x04 != 0 ? 4 : 0)
        }
        return position == count ? Int(total) : nil
    }
}
