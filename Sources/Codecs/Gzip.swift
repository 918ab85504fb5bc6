// PLACEHOLDER: replaced by the Gzip implementation (helper branch `codecs-deflate-snappy`).
/// Gzip block format.
public enum Gzip {
    /// Compresses `input`, appending a Gzip block to `output`.
    public static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) { fatalError("Gzip not implemented yet") }
    /// Decompresses a Gzip block, producing at most `limit` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(CodecError) -> [UInt8] {
        throw CodecError(.gzip, .unsupported, "not implemented yet")
    }
}
