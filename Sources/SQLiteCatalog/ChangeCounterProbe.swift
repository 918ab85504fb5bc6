import Catalog
import GRDBSQLite
import Synchronization

/// Answers ``SQLiteCatalogStore/changeStamp()`` for a database file: the `catalog_changes`
/// counter (moved by triggers on every catalog table but the audit log, whichever connection or
/// process writes), read on a connection of its own with a prepared statement. One short read
/// transaction, with no dispatch queue or pool in between, so a cache can afford to ask on every
/// request.
final class ChangeCounterProbe: Sendable {
    /// The connection and its prepared statement, used by one thread at a time.
    private struct Connection: @unchecked Sendable {
        var database: OpaquePointer?
        var statement: OpaquePointer?
    }

    private let connection: Mutex<Connection>
    private let path: String

    /// Opens a read-only connection to the database at `path`.
    init(path: String) throws(CatalogError) {
        self.path = path
        var database: OpaquePointer?
        var statement: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &database, flags, nil) == SQLITE_OK,
              sqlite3_prepare_v2(database, "SELECT counter FROM catalog_changes WHERE id = 1", -1, &statement, nil) == SQLITE_OK else {
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_finalize(statement)
            sqlite3_close_v2(database)
            throw CatalogError(.storage, "cannot open the catalog to watch it for changes: \(message)", context: path)
        }
        sqlite3_busy_timeout(database, 1000)
        connection = Mutex(Connection(database: database, statement: statement))
    }

    deinit {
        connection.withLock { c in
            sqlite3_finalize(c.statement)
            sqlite3_close_v2(c.database)
        }
    }

    /// The change counter now.
    func value() throws(CatalogError) -> UInt64 {
        let result: Result<UInt64, CatalogError> = connection.withLock { c in
            defer { sqlite3_reset(c.statement) }
            guard sqlite3_step(c.statement) == SQLITE_ROW else {
                return .failure(CatalogError(.storage, "cannot read the catalog's change counter: \(String(cString: sqlite3_errmsg(c.database)))", context: path))
            }
            return .success(UInt64(bitPattern: sqlite3_column_int64(c.statement, 0)))
        }
        return try result.get()
    }
}
