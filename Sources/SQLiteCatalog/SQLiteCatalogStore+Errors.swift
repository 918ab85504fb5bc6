import Catalog
import GRDB

extension SQLiteCatalogStore {
    /// Translates a GRDB or SQLite failure into a ``CatalogError`` a user can act on.
    ///
    /// Constraint violations a transaction method can name (duplicates, missing references) are
    /// translated where they happen; this covers the rest.
    static func catalogError(_ error: any Error, location: String) -> CatalogError {
        if let error = error as? CatalogError { return error }
        guard let error = error as? DatabaseError else {
            return CatalogError(.storage, "the catalog database failed: \(error)", context: location)
        }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return CatalogError(
                .storage,
                "the catalog is locked by another process that has been writing for longer than the busy timeout; "
                    + "retry when the other mesh command has finished (\(detail))",
                context: location)
        case .SQLITE_READONLY:
            return CatalogError(
                .storage,
                "the catalog cannot be changed here: a read transaction, or a database file or directory without write permission (\(detail))",
                context: location)
        case .SQLITE_CONSTRAINT:
            if error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                return CatalogError(.invalid, "a record refers to a domain, product or event that does not exist (\(detail))", context: location)
            }
            if error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY || error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                return CatalogError(.alreadyExists, "a record with the same key already exists (\(detail))", context: location)
            }
            return CatalogError(.invalid, "a value breaks a catalog constraint (\(detail))", context: location)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return CatalogError(.storage, "the catalog file is damaged or is not a SQLite database; restore it from a backup (\(detail))", context: location)
        case .SQLITE_FULL:
            return CatalogError(.storage, "the disk holding the catalog is full; free some space and retry (\(detail))", context: location)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return CatalogError(.storage, "the catalog file cannot be opened: check that its directory exists and is writable (\(detail))", context: location)
        case .SQLITE_IOERR:
            return CatalogError(.storage, "reading or writing the catalog file failed (\(detail))", context: location)
        default:
            return CatalogError(.storage, "the catalog database failed: \(detail)", context: location)
        }
    }
}
