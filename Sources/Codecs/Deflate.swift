/// Raw deflate (RFC 1951) through the system zlib: no header, no checksum.
///
/// This is Apache Avro's "deflate" codec (used by Iceberg manifest files).
public enum Deflate {
    /// The compression level used when none is given (zlib's default).
    public static let defaultLevel = 6

    /// Compresses `input` into a raw deflate stream at `level` (0 = stored ... 9 = smallest).
    /// - Precondition: `level` is in `0...9`.
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int = defaultLevel) -> [UInt8] {
        var output: [UInt8] = []
        DeflateStream.compress(input, level: level, container: .raw, into: &output)
        return output
    }

    /// Compresses a byte array into a raw deflate stream at `level` (0...9).
    public static func compress(_ input: [UInt8], level: Int = defaultLevel) -> [UInt8] {
        input.withUnsafeBytes { compress($0, level: level) }
    }

    /// Decompresses a raw deflate stream, producing at most `limit` bytes.
    /// - Throws: ``CodecError`` (codec `.gzip`, messages say "deflate"): `.outputTooLarge`
    ///   past `limit`, `.truncated` when the stream is incomplete, `.corrupt` for bad data or
    ///   bytes after the end of the stream.
    public static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(CodecError) -> [UInt8] {
        try DeflateStream.decompress(input, limit: limit, container: .raw, members: false)
    }

    /// Decompresses a raw deflate stream held in an array, producing at most `limit` bytes.
    public static func decompress(_ input: [UInt8], limit: Int) throws(CodecError) -> [UInt8] {
        var result: Result<[UInt8], CodecError> = .success([])
        input.withUnsafeBytes { bytes in
            result = Result { () throws(CodecError) -> [UInt8] in try decompress(bytes, limit: limit) }
        }
        return try result.get()
    }
}
