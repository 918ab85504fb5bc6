/// An error raised while reading or writing a Parquet file.
///
/// Every failure on hostile or damaged input surfaces as a `ParquetError` naming the problem
/// and, where known, the byte offset, the column and the row group involved.
public struct ParquetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The file is not Parquet (bad magic) or is shorter than a Parquet file can be.
        public static let notParquet = Kind(name: "notParquet")
        /// The file or a structure inside it ends before it is complete.
        public static let truncated = Kind(name: "truncated")
        /// Thrift metadata (footer or page header) is malformed.
        public static let corruptMetadata = Kind(name: "corruptMetadata")
        /// Encoded page data is malformed (bad run, bad length, index out of range...).
        public static let corruptData = Kind(name: "corruptData")
        /// A declared size or count is beyond what the file or a sane limit allows.
        public static let limitExceeded = Kind(name: "limitExceeded")
        /// A valid feature this implementation does not support (encoding, codec, nesting...).
        public static let unsupported = Kind(name: "unsupported")
        /// The schema of the file or of the data written does not fit what was asked.
        public static let schemaMismatch = Kind(name: "schemaMismatch")
        /// A column name that the file does not have.
        public static let unknownColumn = Kind(name: "unknownColumn")
        /// Decompression failed (the codec error is in the message).
        public static let decompression = Kind(name: "decompression")
        /// Reading from the source or writing to the sink failed.
        public static let io = Kind(name: "io")
        /// The writer was used after it was closed, or with invalid options.
        public static let invalidUse = Kind(name: "invalidUse")
        /// The kind's name.
        public var description: String { name }
    }

    /// The broad kind of failure.
    public var kind: Kind
    /// A message a person can act on.
    public var message: String
    /// The absolute byte offset in the file (or in the structure being decoded) where the problem was found.
    public var offset: Int?
    /// The dotted path of the column involved.
    public var column: String?
    /// The index of the row group involved.
    public var rowGroup: Int?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, offset: Int? = nil, column: String? = nil, rowGroup: Int? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.column = column
        self.rowGroup = rowGroup
    }

    /// A copy with missing context filled in.
    func with(offset: Int? = nil, column: String? = nil, rowGroup: Int? = nil) -> ParquetError {
        var e = self
        if e.offset == nil { e.offset = offset }
        if e.column == nil { e.column = column }
        if e.rowGroup == nil { e.rowGroup = rowGroup }
        return e
    }

    /// The message followed by the column, row group and offset when known.
    public var description: String {
        var parts = [message]
        if let column { parts.append("column '\(column)'") }
        if let rowGroup { parts.append("row group \(rowGroup)") }
        if let offset { parts.append("byte \(offset)") }
        return parts.count == 1 ? message : "\(message) (" + parts.dropFirst().joined(separator: ", ") + ")"
    }
}
