// PLACEHOLDER: replaced by the Zstd implementation (helper branch `codecs-zstd`).
/// Zstd block format.
public enum Zstd {
    /// Compresses `input`, appending a Zstd block to `output`.
    public static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) { fatalError("Zstd not implemented yet") }
    /// Decompresses a Zstd block, producing at most `limit` bytes.
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(CodecError) -> [UInt8] {
        throw CodecError(.zstd, .unsupported, "not implemented yet")
    }
}
