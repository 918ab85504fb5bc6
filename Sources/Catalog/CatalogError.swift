/// An error raised by a catalog store.
public struct CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The record asked for does not exist.
        public static let notFound = Kind(name: "notFound")
        /// A record with the same key already exists.
        public static let alreadyExists = Kind(name: "alreadyExists")
        /// A conditional update lost to a concurrent writer; nothing was changed.
        public static let conflict = Kind(name: "conflict")
        /// A value cannot be stored (bad name, bad reference, out of range).
        public static let invalid = Kind(name: "invalid")
        /// The store is unreadable, locked for too long, or from a newer release.
        public static let storage = Kind(name: "storage")
        public var description: String { name }
    }

    /// The broad kind of failure.
    public let kind: Kind
    /// A message naming what was wrong.
    public let message: String
    /// The record or table the failure concerns (`payments.transactions`, `subscription 4`...).
    public let context: String?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, context: String? = nil) {
        self.kind = kind
        self.message = message
        self.context = context
    }

    public var description: String { context.map { "\($0): \(message)" } ?? message }
}
