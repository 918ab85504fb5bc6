/// An error raised while building or reshaping columnar data.
public struct ColumnarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in broad strokes; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// A value does not fit the column's type.
        public static let typeMismatch = Kind(name: "typeMismatch")
        /// A null was given for a non-nullable column.
        public static let nullInRequiredColumn = Kind(name: "nullInRequiredColumn")
        /// Columns of different lengths, or a row of the wrong width.
        public static let lengthMismatch = Kind(name: "lengthMismatch")
        /// A column name that the schema does not have.
        public static let unknownColumn = Kind(name: "unknownColumn")
        /// A filter expression that is malformed, names an unknown column or compares a column
        /// with a value it cannot hold; the message names the 1-based character position.
        public static let invalidFilter = Kind(name: "invalidFilter")
        public var description: String { name }
    }

    /// The broad kind of failure.
    public let kind: Kind
    /// A message a person can act on, naming the column involved.
    public let message: String
    /// For a filter expression, the 1-based character position the error points at (the
    /// message names it too); nil otherwise.
    public let position: Int?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, position: Int? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    public var description: String { message }
}
