/// The wrapper around a deflate (RFC 1951) bit stream.
enum DeflateContainer: Sendable {
    /// Bare deflate data (RFC 1951), as in Avro's "deflate" codec and ZIP entries.
    case raw
    /// The zlib wrapper (RFC 1950): 2-byte header, Adler-32 trailer.
    case zlib
    /// The gzip wrapper (RFC 1952): 10-byte-plus header, CRC-32 and length trailer.
    case gzip
    /// Either zlib or gzip, detected from the header (decoding only).
    case zlibOrGzip

    /// The `windowBits` argument selecting this wrapper in zlib, with a 32 KiB window.
    var windowBits: Int32 {
        switch self {
        case .raw: -15
        case .zlib: 15
        case .gzip: 15 + 16
        case .zlibOrGzip: 15 + 32
        }
    }

    /// The format's name in messages.
    var name: String {
        switch self {
        case .raw: "deflate"
        case .zlib: "zlib"
        case .gzip, .zlibOrGzip: "gzip"
        }
    }
}
