/// An error raised while profiling data or evaluating quality checks.
public struct QualityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// Two profiles or sketches cannot be combined (different columns, types or parameters).
        public static let incompatibleMerge = Kind(name: "incompatibleMerge")
        /// A batch does not match the schema the profiler was created for.
        public static let schemaMismatch = Kind(name: "schemaMismatch")
        /// A parameter is out of its allowed range (sketch precision, quantile, threshold...).
        public static let invalidParameter = Kind(name: "invalidParameter")
        /// A stored profile could not be decoded.
        public static let corruptProfile = Kind(name: "corruptProfile")
        /// A rule refers to a column the data does not have.
        public static let unknownColumn = Kind(name: "unknownColumn")
        /// A rule cannot be evaluated as written (bad pattern, unsupported metric...).
        public static let invalidRule = Kind(name: "invalidRule")
        public var description: String { name }
    }

    /// The broad kind of failure.
    public let kind: Kind
    /// A message a person can act on.
    public let message: String
    /// The column involved, if any.
    public let column: String?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, column: String? = nil) {
        self.kind = kind
        self.message = message
        self.column = column
    }

    public var description: String {
        (column.map { "column '\($0)': " } ?? "") + message
    }
}
