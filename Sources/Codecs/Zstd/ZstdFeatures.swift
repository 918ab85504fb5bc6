/// Format features met while decoding; tests use it to prove fixtures cover the format.
struct ZstdFeatures: OptionSet, Sendable, Hashable {
    let rawValue: UInt32

    static let skippableFrame = ZstdFeatures(rawValue: 1 << 0)
    static let contentChecksum = ZstdFeatures(rawValue: 1 << 1)
    static let noContentSize = ZstdFeatures(rawValue: 1 << 2)
    static let rawBlock = ZstdFeatures(rawValue: 1 << 3)
    static let rleBlock = ZstdFeatures(rawValue: 1 << 4)
    static let compressedBlock = ZstdFeatures(rawValue: 1 << 5)
    static let rawLiterals = ZstdFeatures(rawValue: 1 << 6)
    static let rleLiterals = ZstdFeatures(rawValue: 1 << 7)
    static let huffmanOneStream = ZstdFeatures(rawValue: 1 << 8)
    static let huffmanFourStreams = ZstdFeatures(rawValue: 1 << 9)
    static let treelessLiterals = ZstdFeatures(rawValue: 1 << 10)
    static let compressedWeights = ZstdFeatures(rawValue: 1 << 11)
    static let directWeights = ZstdFeatures(rawValue: 1 << 12)
    static let predefinedTable = ZstdFeatures(rawValue: 1 << 13)
    static let rleTable = ZstdFeatures(rawValue: 1 << 14)
    static let compressedTable = ZstdFeatures(rawValue: 1 << 15)
    static let repeatTable = ZstdFeatures(rawValue: 1 << 16)
    static let repeatOffset = ZstdFeatures(rawValue: 1 << 17)
    static let noSequences = ZstdFeatures(rawValue: 1 << 18)
    static let windowDescriptor = ZstdFeatures(rawValue: 1 << 19)
}

extension Zstd {
    /// Decompresses like ``decompress(_:limit:)`` and also reports the format features met.
    static func decompressReportingFeatures(_ input: UnsafeRawBufferPointer, limit: Int) throws(CodecError) -> ([UInt8], ZstdFeatures) {
        guard let base = input.baseAddress, input.count > 0 else { throw truncated("empty input", at: 0) }
        return try ZstdDecoder.decode(base.assumingMemoryBound(to: UInt8.self), count: input.count, limit: max(limit, 0))
    }
}
