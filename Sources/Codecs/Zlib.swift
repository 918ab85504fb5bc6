/// The zlib format (RFC 1950: deflate with a 2-byte header and an Adler-32 trailer) through
/// the system zlib.
public enum Zlib {
    /// Compresses `input` into a zlib stream at `level` (0 = stored ... 9 = smallest).
    /// - Precondition: `level` is in `0...9`.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int = Deflate.defaultLevel) -> [UInt8] {
        var output: [UInt8] = []
        DeflateStream.compress(input, level: level, container: .zlib, into: &output)
        return output
    }

    /// Compresses a byte array into a zlib stream at `level` (0...9).
    public static func compress(_ input: [UInt8], level: Int = Deflate.defaultLevel) -> [UInt8] {
        input.withUnsafeBytes { compress($0, level: level) }
    }

    /// Decompresses a zlib stream, producing at most `limit` bytes and verifying its checksum.
    /// - Throws: ``CodecError`` (codec `.gzip`, messages say "zlib"): `.outputTooLarge` past
    ///   `limit`, `.truncated`, `.checksum` for an Adler-32 mismatch, `.corrupt` otherwise.
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(CodecError) -> [UInt8] {
        try DeflateStream.decompress(input, limit: limit, container: .zlib, members: false)
    }

    /// Decompresses a zlib stream held in an array, producing at most `limit` bytes.
    public static func decompress(_ input: [UInt8], limit: Int) throws(CodecError) -> [UInt8] {
        var result: Result<[UInt8], CodecError> = .success([])
        input.withUnsafeBytes { bytes in
            result = Result { () throws(CodecError) -> [UInt8] in try decompress(bytes, limit: limit) }
        }
        return try result.get()
    }
}
