/// An error raised while reading or writing Avro data, schemas or container files.
public struct AvroError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The input ends before a complete value, header or block.
        public static let truncated = Kind(name: "truncated")
        /// The bytes are not a valid encoding (bad varint, bad magic, bad sync marker, bad union index...).
        public static let corrupt = Kind(name: "corrupt")
        /// A schema (JSON) is malformed or refers to an unknown type.
        public static let invalidSchema = Kind(name: "invalidSchema")
        /// JSON text could not be parsed.
        public static let invalidJSON = Kind(name: "invalidJSON")
        /// A value does not match the schema it is written with.
        public static let typeMismatch = Kind(name: "typeMismatch")
        /// A declared count or size exceeds what the input can hold or the configured limit.
        public static let limitExceeded = Kind(name: "limitExceeded")
        /// A codec or feature this implementation does not support.
        public static let unsupported = Kind(name: "unsupported")
        /// A block failed to decompress.
        public static let codec = Kind(name: "codec")
        public var description: String { name }
    }

    /// The broad kind of failure.
    public let kind: Kind
    /// A message naming what was wrong.
    public let message: String
    /// The byte offset in the input where the problem was found, if known.
    public let offset: Int?
    /// The path of the value inside the schema (e.g. `data_file.lower_bounds[3].key`), if known.
    public let path: String?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, offset: Int? = nil, path: String? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.path = path
    }

    /// A copy whose path is prefixed with `component` (used while unwinding nested values).
    func under(_ component: String) -> AvroError {
        AvroError(kind, message, offset: offset, path: path.map { "\(component).\($0)" } ?? component)
    }

    public var description: String {
        var text = "avro: \(message)"
        if let path { text += " (at \(path))" }
        if let offset { text += " (byte \(offset))" }
        return text
    }
}
