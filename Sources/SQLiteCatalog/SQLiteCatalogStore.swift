import Catalog
import Foundation
import GRDB
import Synchronization

/// The embedded mesh's ``CatalogStore``: one SQLite file (WAL mode) shared by every `mesh`
/// process and the server.
///
/// Writes run in `BEGIN IMMEDIATE` transactions, so two processes never interleave a
/// read-modify-write: the second waits (up to the busy timeout) for the first to commit. Reads
/// see a consistent snapshot and never wait for writers. The schema is created and upgraded by
/// versioned migrations when the store opens (see ``SQLiteCatalogStore/migrator``); a file written
/// by a newer release is refused rather than misread.
///
/// The Iceberg table pointers live in pyiceberg `SqlCatalog`'s own tables under the catalog name
/// ``icebergCatalogName``, so `SqlCatalog("mesh", uri="sqlite:///…/catalog.sqlite")` loads the
/// mesh's tables directly.
public final class SQLiteCatalogStore: CatalogStore {
    /// The catalog name under which table pointers are stored in `iceberg_tables`.
    public static let icebergCatalogName = "mesh"

    /// The database file's path (`:memory:` for an in-memory store).
    public let path: String
    private let writer: any DatabaseWriter
    /// Reads the change counter on a connection of its own, for changes by other processes;
    /// nil for an in-memory database, which only this store changes.
    private let probe: ChangeCounterProbe?
    /// The change counter as this store's own writes left it (read inside each write).
    private let ownChanges = Mutex<UInt64>(0)
    /// The probe's last answer and when it was read.
    private let probed = Mutex<(value: UInt64, at: UInt64)?>(nil)
    /// How long (ns) a probe's answer stands for changes made by other processes.
    static let probeInterval: UInt64 = 1_000_000

    /// Opens the catalog at `path`, creating the file and its schema when missing and applying
    /// any pending migrations.
    ///
    /// `busyTimeout` is how long a write waits for another process's write transaction to end
    /// before failing with ``CatalogError/Kind/storage``.
    public init(path: String, busyTimeout: Duration = .seconds(10)) throws(CatalogError) {
        self.path = path
        writer = try Self.openPool(path: path, busyTimeout: busyTimeout)
        try Self.migrate(writer, path: path)
        probe = try ChangeCounterProbe(path: path)
    }

    /// Opens the pool, retrying while another process holds the lock that switching a new file
    /// to WAL mode needs (SQLite does not call the busy handler for that), up to `busyTimeout`.
    private static func openPool(path: String, busyTimeout: Duration) throws(CatalogError) -> DatabasePool {
        let deadline = ContinuousClock.now + busyTimeout
        var pause = Duration.milliseconds(5)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout))
            } catch let error as DatabaseError where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED)
                && ContinuousClock.now + pause < deadline {
                Thread.sleep(forTimeInterval: Double(pause.components.attoseconds) / 1e18 + Double(pause.components.seconds))
                pause = min(pause * 2, .milliseconds(200))
            } catch {
                throw openError(error, path: path)
            }
        }
    }

    private init(inMemoryWith configuration: Configuration) throws(CatalogError) {
        path = ":memory:"
        probe = nil
        do {
            writer = try DatabaseQueue(configuration: configuration)
        } catch {
            throw Self.openError(error, path: path)
        }
        try Self.migrate(writer, path: path)
    }

    /// A fresh, empty store held in memory (tests, throwaway meshes), with the same schema and
    /// SQL as a file-backed one.
    public static func inMemory() throws(CatalogError) -> SQLiteCatalogStore {
        try SQLiteCatalogStore(inMemoryWith: configuration(busyTimeout: .seconds(10)))
    }

    /// Runs `body` in a read transaction: a consistent snapshot that never waits for writers.
    /// Changing anything inside it is a ``CatalogError/Kind/storage`` error.
    public func read<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(CatalogError) -> T {
        do {
            return try writer.read { db in try body(SQLiteTransaction(db: db, location: path)) }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw Self.catalogError(error, location: path)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: it waits (up to the busy timeout) for
    /// other writers, then commits all of its changes, or none when it throws. The body's own
    /// error is rethrown unchanged.
    public func write<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(CatalogError) -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                var counter: UInt64?
                try db.inTransaction(.immediate) {
                    result = try body(SQLiteTransaction(db: db, location: path))
                    counter = try UInt64.fetchOne(db, sql: "SELECT counter FROM catalog_changes WHERE id = 1")
                    return .commit
                }
                if let counter { ownChanges.withLock { $0 = max($0, counter) } }
                return result!
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw Self.catalogError(error, location: path)
        }
    }

    /// The `catalog_changes` counter, which every change to a catalog table but the audit log
    /// moves (see ``migrateV3(_:)``).
    ///
    /// This store's own writes show at once (each reads the counter before it commits); for a
    /// database file, another process's show within a millisecond (the counter is read on the
    /// probe's connection at most once per millisecond, so a busy server does not lock the
    /// database's shared memory on every lookup).
    public func changeStamp() throws(CatalogError) -> UInt64 {
        let own = ownChanges.withLock { $0 }
        guard let probe else { return own }
        let now = DispatchTime.now().uptimeNanoseconds
        if let last = probed.withLock({ $0 }), now &- last.at < Self.probeInterval { return max(last.value, own) }
        let value = try probe.value()
        probed.withLock { $0 = (value, now) }
        return max(value, own)
    }

    /// The identifiers of the migrations applied to this store's database, oldest first.
    public func appliedMigrations() throws(CatalogError) -> [String] {
        do {
            return try writer.read { db in try Self.migrator.appliedMigrations(db) }
        } catch {
            throw Self.catalogError(error, location: path)
        }
    }

    static func configuration(busyTimeout: Duration) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let seconds = Double(busyTimeout.components.seconds) + Double(busyTimeout.components.attoseconds) / 1e18
        configuration.busyMode = .timeout(seconds)
        configuration.label = "mesh-catalog"
        return configuration
    }

    private static func openError(_ error: any Error, path: String) -> CatalogError {
        let mapped = catalogError(error, location: path)
        return CatalogError(.storage, "cannot open the catalog database: \(mapped.message)", context: path)
    }
}
