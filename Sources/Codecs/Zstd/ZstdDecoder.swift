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

    private init(src: UnsafePointer<UInt8>, count: Int, limit: Int) {
        self.src = src
        self.srcCount = count
        self.limit = limit
        outputCapacity = 0
        output = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        literalBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Zstd.maxBlockSize)
    }

    /// Runs `body` with a fresh decoder over `src[0..<count]`, then frees its buffers.
    static func withDecoder<R>(
        _ src: UnsafePointer<UInt8>, count: Int, limit: Int, _ body: (inout ZstdDecoder) throws(CodecError) -> R
    ) throws(CodecError) -> R {
        var decoder = ZstdDecoder(src: src, count: count, limit: limit)
        defer {
            decoder.output.deallocate()
            decoder.literalBuffer.deallocate()
        }
        return try body(&decoder)
    }

    /// The decompressed bytes so far, as an array.
    var result: [UInt8] { Array(UnsafeBufferPointer(start: output, count: outputCount)) }

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
}
