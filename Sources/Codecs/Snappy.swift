/// The Snappy block format (the raw format Parquet uses, not the Snappy framing format).
///
/// A block is the uncompressed length as a little-endian base-128 varint followed by a
/// sequence of elements: literal runs, and copies of earlier output (LZ77 back-references)
/// with 1-, 2- or 4-byte offsets. See `format_description.txt` of the reference implementation.
public enum Snappy {
    /// The largest input a Snappy block can describe: its length preamble is a 32-bit value.
    public static let maxInputLength = Int(UInt32.max)

    /// The most bytes ``compress(_:into:)`` can write for an input of `inputLength` bytes.
    public static func maxCompressedLength(_ inputLength: Int) -> Int {
        32 + inputLength + inputLength / 6
    }

    /// Compresses `input`, appending one Snappy block to `output`.
    ///
    /// The input is compressed in independent 64 KiB fragments with a hash table of 4-byte
    /// sequences, as the reference implementation does, so the output decodes with any Snappy
    /// reader (python-snappy, cramjam, Arrow, parquet-mr).
    /// - Precondition: `input.count <= Snappy.maxInputLength`.
    public static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        precondition(input.count <= maxInputLength, "Snappy cannot describe an input of \(input.count) bytes")
        let source = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        output.appendWriting(maxCount: maxCompressedLength(input.count)) { destination in
            SnappyCompressor.compress(source, count: input.count, into: destination)
        }
    }

    /// Compresses `input` into a new Snappy block.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        input.withUnsafeBytes { compress($0, into: &output) }
        return output
    }

    /// Decompresses one Snappy block, producing at most `limit` bytes.
    ///
    /// Every element is validated. Output is allocated once, sized by the block's preamble
    /// after checking it against `limit` and against what the input could possibly expand to
    /// (at most 64 bytes per 3 input bytes), so a lying preamble cannot force a large allocation.
    /// - Throws: ``CodecError`` — `.outputTooLarge` when the preamble exceeds `limit` or the
    ///   elements exceed the preamble; `.truncated` when the input ends early (inside the
    ///   preamble, a literal or a copy, or before the declared length is reached); `.corrupt`
    ///   for malformed preambles and for copies with offset 0 or reaching before the start of
    ///   the output (with `offset` at the element's tag byte).
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(CodecError) -> [UInt8] {
        try SnappyDecompressor.decompress(input, limit: limit)
    }

    /// Decompresses a Snappy block held in an array, producing at most `limit` bytes.
    public static func decompress(_ input: [UInt8], limit: Int) throws(CodecError) -> [UInt8] {
        var result: Result<[UInt8], CodecError> = .success([])
        input.withUnsafeBytes { bytes in
            result = Result { () throws(CodecError) -> [UInt8] in try decompress(bytes, limit: limit) }
        }
        return try result.get()
    }

    /// The uncompressed length a Snappy block declares in its preamble, without decoding it.
    /// - Throws: ``CodecError`` when the preamble is truncated or malformed.
    public static func uncompressedLength(_ input: UnsafeRawBufferPointer) throws(CodecError) -> Int {
        try SnappyDecompressor.readPreamble(input).length
    }
}
