import Catalog
import Foundation
import SQLiteCatalog
import Testing
import TestSupport

/// The store implementations every conformance test runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// ``MemoryCatalogStore``: the reference semantics.
    case memory
    /// ``SQLiteCatalogStore`` on a fresh file (a WAL-mode pool, as the embedded mesh uses it).
    case sqliteFile
    /// ``SQLiteCatalogStore/inMemory()``.
    case sqliteInMemory

    var testDescription: String { rawValue }

    /// A fresh, empty store of this kind.
    func make() throws -> any CatalogStore {
        switch self {
        case .memory: MemoryCatalogStore()
        case .sqliteFile: try SQLiteCatalogStore(path: Fixture.temporaryDatabase())
        case .sqliteInMemory: try SQLiteCatalogStore.inMemory()
        }
    }
}

/// Records and helpers shared by the catalog tests.
enum Fixture {
    /// A date with a sub-microsecond fraction, so a store that rounds dates fails equality.
    static let t0 = Date(timeIntervalSinceReferenceDate: 815_000_123.123_456_789)

    /// `t0` plus `seconds`.
    static func t(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    /// A path for a new database file in a fresh temporary directory.
    static func temporaryDatabase() -> String {
        Interop.temporaryDirectory("catalog").appendingPathComponent("catalog.sqlite").path
    }

    static func domain(_ name: String, owner: String? = nil) -> Domain {
        Domain(name: name, owner: owner ?? "\(name)-team", description: "The \(name) domain", createdAt: t(1))
    }

    /// A product whose domain is the part of `id` before the first dot.
    static func product(_ id: String, tags: [String] = ["pii", "daily"]) -> Product {
        let domain = String(id.prefix { $0 != "." })
        return Product(id: id, domain: domain, name: String(id.dropFirst(domain.count + 1)), description: "Product \(id)",
                       owner: "\(domain)-team", status: "active", tags: tags, tables: [id], contractVersion: "1.0.0",
                       createdAt: t(2), updatedAt: t(3))
    }

    static func version(_ productID: String, _ n: Int, eventTime: Date? = nil) -> ProductVersion {
        ProductVersion(productID: productID, version: n, tag: "v\(n)", snapshots: [productID: Int64(1_000 + n), productID + ".extra": -7],
                       rowCount: Int64(n * 100), addedRows: 100, mode: n == 1 ? "overwrite" : "append", contractVersion: "1.0.0",
                       publishedAt: t(Double(10 + n)), publishedBy: "alice", newestEventTime: eventTime,
                       statistics: #"{"rows":\#(n * 100)}"#, checks: #"[{"name":"not_null","passed":true}]"#,
                       inputs: n > 1 ? [VersionRef(productID: "customers.profiles", version: n - 1)] : [])
    }

    static func event(_ kind: String, productID: String?, at seconds: Double) -> MeshEvent {
        MeshEvent(time: t(seconds), kind: kind, severity: "warning", productID: productID, version: 1, message: "\(kind) happened",
                  detail: #"{"why":"test"}"#)
    }

    /// Creates the domains and products named (domains from the products' ids too).
    static func seed(_ store: any CatalogStore, products: [String] = []) throws {
        try store.write { tx throws(CatalogError) in
            for domain in Set(products.map { String($0.prefix { $0 != "." }) }).sorted() { try tx.insertDomain(Fixture.domain(domain)) }
            for id in products { try tx.insertProduct(Fixture.product(id)) }
        }
    }
}

/// Runs `body` in a write transaction of `store`.
@discardableResult
func write<T>(_ store: any CatalogStore, _ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(CatalogError) -> T {
    try store.write(body)
}

/// Runs `body` in a read transaction of `store`.
func read<T>(_ store: any CatalogStore, _ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(CatalogError) -> T {
    try store.read(body)
}

/// The error `body` throws, if it throws a ``CatalogError``.
func catalogError(_ body: () throws(CatalogError) -> Void) -> CatalogError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
