import Iceberg

extension MeshError {
    /// A warehouse (Iceberg) error as a mesh error: a lost commit race is a conflict, a missing
    /// table or snapshot is not found, anything else is a storage failure.
    static func warehouse(_ error: IcebergError, context: String? = nil) -> MeshError {
        let kind: Kind = switch error.kind {
        case .commitConflict, .alreadyExists: .conflict
        case .notFound: .notFound
        case .invalidOperation, .invalidSchema, .typeMismatch: .invalidInput
        default: .storage
        }
        return MeshError(kind, error.message, context: context ?? error.context)
    }
}
