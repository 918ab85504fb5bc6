/// An error raised while compressing or decompressing.
public struct CodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The compressed stream is malformed (bad header, bad block, bad back-reference...).
        public static let corrupt = Kind(name: "corrupt")
        /// The stream ends before it is complete.
        public static let truncated = Kind(name: "truncated")
        /// The output would exceed the declared/allowed size (possible decompression bomb).
        public static let outputTooLarge = Kind(name: "outputTooLarge")
        /// The output is smaller than the size the container declared.
        public static let sizeMismatch = Kind(name: "sizeMismatch")
        /// A feature of the format this implementation does not support.
        public static let unsupported = Kind(name: "unsupported")
        /// A checksum does not match.
        public static let checksum = Kind(name: "checksum")
        public var description: String { name }
    }

    /// The codec that failed.
    public let codec: CompressionCodec
    /// The broad kind of failure.
    public let kind: Kind
    /// A message naming what was wrong.
    public let message: String
    /// The byte offset within the compressed input where the problem was found, if known.
    public let offset: Int?

    /// Creates an error.
    public init(_ codec: CompressionCodec, _ kind: Kind, _ message: String, offset: Int? = nil) {
        self.codec = codec
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    public var description: String {
        "\(codec.rawValue): \(message)" + (offset.map { " (at compressed byte \($0))" } ?? "")
    }
}
