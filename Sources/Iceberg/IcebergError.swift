/// An error raised while reading, writing or interpreting Iceberg table metadata and manifests.
public struct IcebergError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// Table metadata JSON or a manifest is missing a required field or has a malformed one.
        public static let invalidMetadata = Kind(name: "invalidMetadata")
        /// A type string, schema or field is invalid.
        public static let invalidSchema = Kind(name: "invalidSchema")
        /// A partition or sort transform is unknown or not applicable to its source type.
        public static let invalidTransform = Kind(name: "invalidTransform")
        /// A value does not fit the Iceberg type it is used with.
        public static let typeMismatch = Kind(name: "typeMismatch")
        /// The table's format version is newer than this implementation supports.
        public static let unsupportedVersion = Kind(name: "unsupportedVersion")
        /// A type or feature this implementation cannot map (e.g. to `Columnar`).
        public static let unsupported = Kind(name: "unsupported")
        /// An Avro manifest or manifest list could not be decoded or encoded.
        public static let avro = Kind(name: "avro")
        /// An object store could not read, write, list or delete an object.
        public static let storage = Kind(name: "storage")
        /// An object, table, snapshot or ref does not exist.
        public static let notFound = Kind(name: "notFound")
        /// An object that must be created fresh already exists.
        public static let alreadyExists = Kind(name: "alreadyExists")
        /// Another writer committed first and the change cannot be re-applied on top of it.
        public static let commitConflict = Kind(name: "commitConflict")
        /// An operation's arguments do not fit the table (unknown column, incompatible schema change...).
        public static let invalidOperation = Kind(name: "invalidOperation")
        public var description: String { name }
    }

    /// The broad kind of failure.
    public let kind: Kind
    /// A message a person can act on.
    public let message: String
    /// Where: a JSON key path (`snapshots[2].summary`), a field name, or a file path.
    public let context: String?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, context: String? = nil) {
        self.kind = kind
        self.message = message
        self.context = context
    }

    public var description: String {
        "iceberg: \(message)" + (context.map { " (at \($0))" } ?? "")
    }
}
