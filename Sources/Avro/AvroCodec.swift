/// A block compression codec of an Avro object container file (`avro.codec`).
public enum AvroCodec: String, Sendable, Hashable, CaseIterable {
    /// No compression.
    case null
    /// Raw DEFLATE (RFC 1951), no zlib header or checksum.
    case deflate
}
