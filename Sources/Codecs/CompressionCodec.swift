/// The block compression codecs Meshwork reads and writes (the Parquet set).
public enum CompressionCodec: String, Sendable, Hashable, CaseIterable, Codable {
    case uncompressed
    case snappy
    case gzip
    case zstd

    /// Compresses `input`, appending to `output`.
    public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        switch self {
        case .uncompressed: output.append(contentsOf: input)
        case .snappy: Snappy.compress(input, into: &output)
        case .gzip: Gzip.compress(input, into: &output)
        case .zstd: Zstd.compress(input, into: &output)
        }
    }

    /// Compresses `input` into a new array.
    public func compress(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        input.withUnsafeBytes { compress($0, into: &out) }
        return out
    }

    /// Decompresses `input`, which the container says expands to exactly `uncompressedSize` bytes.
    ///
    /// Never allocates more than `uncompressedSize` bytes of output: a stream that would
    /// expand further is rejected as ``CodecError/Kind/outputTooLarge`` (decompression bomb),
    /// one that expands to less as ``CodecError/Kind/sizeMismatch``.
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(CodecError) -> [UInt8] {
        guard uncompressedSize >= 0 else {
            throw CodecError(self, .corrupt, "negative uncompressed size \(uncompressedSize)")
        }
        let out: [UInt8]
        switch self {
        case .uncompressed:
            guard input.count == uncompressedSize else {
                throw CodecError(self, .sizeMismatch, "stored \(input.count) bytes, expected \(uncompressedSize)")
            }
            return Array(input)
        case .snappy: out = try Snappy.decompress(input, limit: uncompressedSize)
        case .gzip: out = try Gzip.decompress(input, limit: uncompressedSize)
        case .zstd: out = try Zstd.decompress(input, limit: uncompressedSize)
        }
        guard out.count == uncompressedSize else {
            throw CodecError(self, .sizeMismatch, "decompressed to \(out.count) bytes, expected \(uncompressedSize)")
        }
        return out
    }

    /// Decompresses `input` into `output`, replacing its contents, with the checks of
    /// ``decompress(_:uncompressedSize:)``. Snappy reuses `output`'s storage, so a loop over
    /// pages keeps one buffer (and touches fresh memory only once); other codecs allocate.
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int, into output: inout [UInt8]) throws(CodecError) {
        guard self == .snappy, uncompressedSize >= 0 else {
            output = try decompress(input, uncompressedSize: uncompressedSize)
            return
        }
        try SnappyDecompressor.decompress(input, limit: uncompressedSize, into: &output)
        guard output.count == uncompressedSize else {
            throw CodecError(self, .sizeMismatch, "decompressed to \(output.count) bytes, expected \(uncompressedSize)")
        }
    }

    /// Decompresses a byte array (convenience).
    public func decompress(_ input: [UInt8], uncompressedSize: Int) throws(CodecError) -> [UInt8] {
        var result: Result<[UInt8], CodecError> = .success([])
        input.withUnsafeBytes { p in
            result = Result { () throws(CodecError) -> [UInt8] in try decompress(p, uncompressedSize: uncompressedSize) }
        }
        return try result.get()
    }
}
