// PLACEHOLDER: replaced by the Snappy implementation (helper branch `codecs-deflate-snappy`).
/// Snappy block format.
public enum Snappy {
    /// Compresses `input`, appending a Snappy block to `output`.
    public static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) { fatalError("Snappy not implemented yet") }
    /// Decompresses a Snappy block, producing at most `limit` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(CodecError) -> [UInt8] {
        throw CodecError(.snappy, .unsupported, "not implemented yet")
    }
}
