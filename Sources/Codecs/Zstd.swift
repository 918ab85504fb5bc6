/// Zstandard compression (RFC 8878), implemented in pure Swift.
///
/// The decoder handles the complete format except dictionaries: any number of frames
/// (skippable frames are skipped), every frame header form, raw/RLE/compressed blocks,
/// Huffman literals and FSE-coded sequences, content checksums. The encoder writes one
/// frame with its content size and checksum, using RLE blocks for runs and compressed
/// blocks (hash-chain LZ77, Huffman literals, predefined FSE sequence codes).
public enum Zstd {
    /// The largest block the format allows (128 KiB).
    static let maxBlockSize = 128 * 1024

    /// Compresses `input` into one Zstandard frame, appending it to `output`.
    public static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        ZstdEncoder.compress(input, into: &output)
    }

    /// Decompresses every frame in `input`, producing at most `limit` bytes.
    ///
    /// Throws ``CodecError`` with kind `.corrupt` or `.truncated` (with the input offset)
    /// for malformed data, `.outputTooLarge` when the content would exceed `limit`,
    /// `.checksum` for a content checksum mismatch and `.unsupported` for frames that
    /// need a dictionary.
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(CodecError) -> [UInt8] {
        guard let base = input.baseAddress, input.count > 0 else { throw truncated("empty input", at: 0) }
        return try ZstdDecoder.decode(base.assumingMemoryBound(to: UInt8.self), count: input.count, limit: max(limit, 0)).0
    }

    /// A `.corrupt` error at `offset`.
    static func corrupt(_ message: String, at offset: Int) -> CodecError {
        CodecError(.zstd, .corrupt, message, offset: offset)
    }

    /// A `.truncated` error at `offset`.
    static func truncated(_ message: String, at offset: Int) -> CodecError {
        CodecError(.zstd, .truncated, message, offset: offset)
    }
}
