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
    /// Parsed contracts, policy bundles and table metadata, shared by copies of the service.
    let parsed = ParsedRecordCache()
    /// Batches the audit entries of concurrent catalog loads into shared transactions.
    let auditBatches: AuditGroupCommit
    /// The hot lookups' answers, kept while the catalog does not change.
    let lookups: CatalogReadCache

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
        auditBatches = AuditGroupCommit(store: store)
        lookups = CatalogReadCache(store: store)
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

    /// `make`'s answer, kept until anything in the catalog changes (by any process sharing it):
    /// for a front end's rendering of catalog state, such as the server's encoded JSON of a
    /// product, which would otherwise be rebuilt for every request. `key` names what `make`
    /// renders; `make` must depend on nothing but the catalog.
    public func memoized<T: Sendable>(_ key: String, _ make: () throws(MeshError) -> T) throws(MeshError) -> T {
        try lookups.value(.rendering, key, load: make)
    }

    /// Runs `body` in a read transaction, turning store errors into ``MeshError``s.
    func read<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(MeshError) -> T {
        do { return try store.read(body) } catch { throw MeshError(error) }
    }

    /// Runs `body` in a write transaction, turning store errors into ``MeshError``s.
    func write<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(MeshError) -> T {
        do { return try store.write(body) } catch { throw MeshError(error) }
    }
}

/// ISO-8601 text for recorded times, shared by the front ends (query parameters, options).
public enum Timestamp {
    /// `2026-11-22T06:50:00Z` (milliseconds when the instant has a fraction of a second).
    ///
    /// Computed arithmetically (proleptic Gregorian, UTC): creating an `ISO8601DateFormatter`
    /// per call costs an ICU formatter each time, which dominated generating the demo's data.
    public static func iso(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let millis = Int(((totalMillis % 1000) + 1000) % 1000)
        let seconds = (totalMillis - Int64(millis)) / 1000
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
        text += pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if millis != 0 { text += "." + pad(Int64(millis), 3) }
        return text + "Z"
    }

    /// Parses ISO-8601 with or without fractional seconds, or a bare date (midnight UTC).
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
