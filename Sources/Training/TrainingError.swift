/// An error raised while reading a training-set spec or building a training set.
public struct TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The spec is malformed or inconsistent (with the YAML path in `context`).
        public static let invalidSpec = Kind(name: "invalidSpec")
        /// A column named by the spec is missing or has the wrong type.
        public static let schema = Kind(name: "schema")
        /// A leakage check failed (future feature rows, entities in two splits, split boundaries).
        public static let leakage = Kind(name: "leakage")
        public var description: String { name }
    }

    /// The broad kind of failure.
    public let kind: Kind
    /// A message naming what was wrong.
    public let message: String
    /// Where: a spec path (`features[1].columns`), a source and column.
    public let context: String?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, context: String? = nil) {
        self.kind = kind
        self.message = message
        self.context = context
    }

    public var description: String { context.map { "\($0): \(message)" } ?? message }
}
