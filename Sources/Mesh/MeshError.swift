import Catalog

/// An error raised by the mesh service layer.
///
/// Every error names what was wrong and where (`context`: a file and row/column, a product,
/// a field), and maps to an HTTP status for the server (``httpStatus``).
public struct MeshError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// The HTTP status the server answers with.
        public let httpStatus: Int

        init(name: String, httpStatus: Int) {
            self.name = name
            self.httpStatus = httpStatus
        }
        /// Bad input: a malformed file, a value that does not fit, a bad name or option.
        public static let invalidInput = Kind(name: "invalidInput", httpStatus: 400)
        /// The caller is not known (no or bad token).
        public static let unauthenticated = Kind(name: "unauthenticated", httpStatus: 401)
        /// The caller may not do this (no grant, wrong role, purpose not allowed).
        public static let forbidden = Kind(name: "forbidden", httpStatus: 403)
        /// A domain, product, version, table or mesh that does not exist.
        public static let notFound = Kind(name: "notFound", httpStatus: 404)
        /// Something with that name already exists, or a concurrent change won.
        public static let conflict = Kind(name: "conflict", httpStatus: 409)
        /// The input is larger than allowed.
        public static let tooLarge = Kind(name: "tooLarge", httpStatus: 413)
        /// The input's columns do not match the contract (a required column missing, an
        /// undeclared column, a column of an incompatible type): schema drift, which a publish
        /// records as a rejection and alerts on.
        public static let schemaMismatch = Kind(name: "schemaMismatch", httpStatus: 422)
        /// The checks or policies rejected it (a publish, a contract, a policy bundle).
        public static let rejected = Kind(name: "rejected", httpStatus: 422)
        /// The mesh's storage failed (catalog or warehouse).
        public static let storage = Kind(name: "storage", httpStatus: 500)
        public var description: String { name }

        /// Every kind the mesh raises, for turning a wire `code` back into its kind.
        public static let all: [Kind] = [.invalidInput, .unauthenticated, .forbidden, .notFound, .conflict, .tooLarge,
                                         .schemaMismatch, .rejected, .storage, .unreachable]

        /// The kind whose ``description`` is `description` (an error's wire `code`); nil when unknown.
        public init?(description: String) {
            guard let kind = Self.all.first(where: { $0.name == description }) else { return nil }
            self = kind
        }
    }

    /// The broad kind of failure.
    public let kind: Kind
    /// A one-line message a person can act on.
    public let message: String
    /// Where: a file with row/column, a product id, a field.
    public let context: String?
    /// Failed checks or decisions, one line each, when the error is a rejection.
    public let details: [String]

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, context: String? = nil, details: [String] = []) {
        self.kind = kind
        self.message = message
        self.context = context
        self.details = details
    }

    /// Wraps a catalog store error.
    public init(_ error: CatalogError) {
        let kind: Kind = switch error.kind {
        case .notFound: .notFound
        case .alreadyExists, .conflict: .conflict
        case .invalid: .invalidInput
        default: .storage
        }
        self.init(kind, error.message, context: error.context)
    }

    /// The HTTP status the server answers with.
    public var httpStatus: Int { kind.httpStatus }

    public var description: String { context.map { "\($0): \(message)" } ?? message }
}
