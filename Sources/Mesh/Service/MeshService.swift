import Catalog
import Foundation
import Iceberg

/// The mesh's operations, shared by every front end (the `mesh` command now, the HTTP server
/// later): domains, principals, policies, product registration, publishing, versions, reads,
/// search.
///
/// A service holds the catalog store (every record and every Iceberg table pointer), the
/// warehouse (the object store holding the tables' files at `DOMAIN/PRODUCT[/TABLE]`), a clock
/// and the lock that serialises publishes of one product. It is a value: copies share the same
/// store, warehouse and locks.
///
/// Create one with ``initialize(directory:now:)`` or ``open(directory:now:)`` (the embedded mesh:
/// `DIR/catalog.sqlite` and `DIR/warehouse/`), or ``inMemory(now:)`` for tests.
public struct MeshService: Sendable {
    /// The catalog: domains, principals, products, versions, events, grants, audit, table pointers.
    public let store: any CatalogStore
    /// Where the Iceberg tables' files live.
    public let warehouse: any ObjectStore
    /// The clock every recorded time comes from (injectable for tests and the demo).
    public let now: @Sendable () -> Date
    /// The mesh's directory for an embedded mesh; nil for an in-memory one.
    public let directory: String?
    /// Serialises publishes of one product (across processes for an embedded mesh).
    let publishLocks: any PublishLocking

    /// The name of the local administrator principal every new mesh records.
    public static let administrator = "admin"
    /// The environment variable naming the acting principal when `--as` is not given.
    public static let principalVariable = "MESH_PRINCIPAL"

    /// Creates a service over an existing store and warehouse.
    ///
    /// - Parameters:
    ///   - directory: the embedded mesh's directory, whose `locks/` folder holds the publish
    ///     locks; nil keeps the locks in this process.
    public init(store: any CatalogStore, warehouse: any ObjectStore, directory: String? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.warehouse = warehouse
        self.directory = directory
        self.now = now
        if let directory {
            publishLocks = FileLocks(directory: URL(fileURLWithPath: directory).appendingPathComponent("locks").path)
        } else {
            publishLocks = ProcessLocks()
        }
    }

    /// A new, initialised mesh held in memory (a ``MemoryCatalogStore`` and a `MemoryStore`),
    /// for tests and scratch work.
    public static func inMemory(now: @escaping @Sendable () -> Date = { Date() }) throws(MeshError) -> MeshService {
        let service = MeshService(store: MemoryCatalogStore(), warehouse: MemoryStore(), now: now)
        try service.recordInitialSettings()
        return service
    }

    /// Records the administrator principal and the mesh settings of a new mesh.
    func recordInitialSettings() throws(MeshError) {
        let time = now()
        try write { t throws(CatalogError) in
            try t.setSetting("administrator", Self.administrator)
            try t.setSetting("created-at", Timestamp.iso(time))
            try t.setSetting("format-version", "1")
            try t.savePrincipal(Principal(name: Self.administrator, roles: [.admin], team: nil, createdAt: time))
            _ = try t.insertAudit(AuditEntry(time: time, principal: Self.administrator, action: "mesh.init", target: "mesh", allowed: true))
        }
    }

    // MARK: Store access with mesh errors

    /// Runs `body` in a read transaction, turning store errors into ``MeshError``s.
    func read<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(MeshError) -> T {
        do { return try store.read(body) } catch { throw MeshError(error) }
    }

    /// Runs `body` in a write transaction, turning store errors into ``MeshError``s.
    func write<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(MeshError) -> T {
        do { return try store.write(body) } catch { throw MeshError(error) }
    }
}

/// ISO-8601 text for recorded times.
enum Timestamp {
    /// `2026-11-22T06:50:00Z` (fractional seconds when present).
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        formatter.formatOptions = whole ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Parses ISO-8601 with or without fractional seconds, or a bare date (midnight UTC).
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
