/// The gzip format (RFC 1952) through the system zlib: Parquet's GZIP codec.
public enum Gzip {
    /// Compresses `input` into one gzip member at `level` (0...9, default 6), appending it to `output`.
    ///
    /// The header carries no file name and a zero modification time, so output is reproducible.
    /// - Precondition: `level` is in `0...9`.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int = Deflate.defaultLevel, into output: inout [UInt8]) {
        DeflateStream.compress(input, level: level, container: .gzip, into: &output)
    }

    /// Compresses a byte array into a new gzip member at `level` (0...9).
    public static func compress(_ input: [UInt8], level: Int = Deflate.defaultLevel) -> [UInt8] {
        var output: [UInt8] = []
        input.withUnsafeBytes { compress($0, level: level, into: &output) }
        return output
    }

    /// Decompresses gzip data, producing at most `limit` bytes.
    ///
    /// Accepts several concatenated members (their outputs are concatenated, as `gzip -d`
    /// does), zero padding after the last member, and zlib-wrapped data in place of gzip (as
    /// Arrow's reader does). The header's size field is never trusted: output stops at `limit`.
    /// - Throws: ``CodecError``: `.outputTooLarge` past `limit`, `.truncated`, `.checksum`
    ///   for a CRC-32 or length mismatch, `.corrupt` otherwise.
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(CodecError) -> [UInt8] {
        try DeflateStream.decompress(input, limit: limit, container: .zlibOrGzip, members: true)
    }

    /// Decompresses gzip data held in an array, producing at most `limit` bytes.
    public static func decompress(_ input: [UInt8], limit: Int) throws(CodecError) -> [UInt8] {
        var result: Result<[UInt8], CodecError> = .success([])
        input.withUnsafeBytes { bytes in
            result = Result { () throws(CodecError) -> [UInt8] in try decompress(bytes, limit: limit) }
        }
        return try result.get()
    }
}
