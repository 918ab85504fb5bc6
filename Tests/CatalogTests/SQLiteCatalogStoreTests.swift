import Catalog
import Foundation
import GRDB
import SQLiteCatalog
import Testing

/// What only the SQLite store has: a file, its migrations, referential checks and the
/// pyiceberg-compatible pointer tables.
@Suite("SQLiteCatalogStore: file, migrations, references, pyiceberg layout")
struct SQLiteCatalogStoreTests {
    @Test func migrationsAreRecordedAndReopeningIsIdempotent() throws {
        let path = Fixture.temporaryDatabase()
        do {
            let store = try SQLiteCatalogStore(path: path)
            #expect(try store.appliedMigrations() == ["v1-catalog", "v2-training-sets-and-models", "v3-change-counter"])
            try Fixture.seed(store, products: ["payments.transactions"])
        }
        let reopened = try SQLiteCatalogStore(path: path)
        let again = try SQLiteCatalogStore(path: path)
        #expect(try reopened.appliedMigrations() == ["v1-catalog", "v2-training-sets-and-models", "v3-change-counter"])
        #expect(try again.read { tx throws(CatalogError) in try tx.product("payments.transactions") } == Fixture.product("payments.transactions"))
        let journal = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func aDatabaseFromANewerReleaseIsRefused() throws {
        let path = Fixture.temporaryDatabase()
        _ = try SQLiteCatalogStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v2-from-the-future')")
        }
        let error = catalogError { () throws(CatalogError) in _ = try SQLiteCatalogStore(path: path) }
        #expect(error?.kind == .storage)
        #expect(error?.message.contains("newer Meshwork release") == true)
        #expect(error?.message.contains("v2-from-the-future") == true)
        #expect(error?.context == path)
    }

    @Test func unopenableFilesAreStorageErrors() throws {
        let missingDirectory = catalogError { () throws(CatalogError) in _ = try SQLiteCatalogStore(path: "/nonexistent-\(UUID())/catalog.sqlite") }
        #expect(missingDirectory?.kind == .storage)
        let path = Fixture.temporaryDatabase()
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: path))
        let garbage = catalogError { () throws(CatalogError) in _ = try SQLiteCatalogStore(path: path) }
        #expect(garbage?.kind == .storage)
        #expect(garbage?.message.contains("not a SQLite database") == true)
    }

    @Test func recordsReferringToMissingParentsAreInvalid() throws {
        let store = try SQLiteCatalogStore.inMemory()
        let product = catalogError { () throws(CatalogError) in
            try store.write { tx throws(CatalogError) in try tx.insertProduct(Fixture.product("marketing.campaigns")) }
        }
        #expect(product?.kind == .invalid)
        #expect(product?.message.contains("domain 'marketing'") == true)
        let version = catalogError { () throws(CatalogError) in
            try store.write { tx throws(CatalogError) in try tx.insertVersion(Fixture.version("payments.transactions", 1)) }
        }
        #expect(version?.kind == .invalid)
        #expect(version?.message.contains("payments.transactions") == true)
        let delivery = catalogError { () throws(CatalogError) in
            try store.write { tx throws(CatalogError) in
                _ = try tx.insertDelivery(Delivery(eventID: 77, recipient: "ml", role: "consumer", channel: .feed, status: .delivered))
            }
        }
        #expect(delivery?.kind == .invalid)
        #expect(delivery?.message.contains("event 77") == true)
    }

    @Test func aTableIdentifierNeedsANamespace() throws {
        let store = try SQLiteCatalogStore.inMemory()
        for identifier in ["transactions", ".transactions", "payments."] {
            let error = catalogError { () throws(CatalogError) in
                try store.write { tx throws(CatalogError) in try tx.swapTableMetadata(identifier, expected: nil, new: "/w/m.json") }
            }
            #expect(error?.kind == .invalid, "\(identifier)")
        }
    }

    @Test func theFullTextIndexStaysInStepWithItsDocuments() throws {
        let path = Fixture.temporaryDatabase()
        let store = try SQLiteCatalogStore(path: path)
        for round in 0..<3 {
            try store.write { tx throws(CatalogError) in
                for i in 0..<20 {
                    try tx.index(SearchDocument(kind: i % 2 == 0 ? .product : .glossaryTerm, key: "k\(i % 7)",
                                                title: "Title \(round) \(i)", body: "round\(round) body \(i) café"))
                }
            }
        }
        _ = catalogError { () throws(CatalogError) in
            try store.write { tx throws(CatalogError) in
                try tx.index(SearchDocument(kind: .product, key: "k1", title: "rolled back", body: "rolledback"))
                throw CatalogError(.invalid, "abandon")
            }
        }
        try DatabaseQueue(path: path).write { db in
            // FTS5 compares its index with the content table and fails on any difference.
            try db.execute(sql: "INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM search_documents") == 14)
        }
        try store.read { tx throws(CatalogError) in
            #expect(try tx.search("round2", limit: 50).count == 14)
            #expect(try tx.search("round0", limit: 50).isEmpty)
            #expect(try tx.search("rolledback", limit: 50).isEmpty)
            // Diacritics are folded: "cafe" finds "café".
            #expect(try tx.search("cafe", limit: 50).count == 14)
        }
    }

    @Test func pointersAreStoredInPyicebergSqlCatalogTables() throws {
        let path = Fixture.temporaryDatabase()
        let store = try SQLiteCatalogStore(path: path)
        try store.write { tx throws(CatalogError) in
            try tx.swapTableMetadata("payments.transactions", expected: nil, new: "/w/t/m0.json")
            try tx.swapTableMetadata("payments.refunds.payouts", expected: nil, new: "/w/p/m0.json")
        }
        try store.write { tx throws(CatalogError) in try tx.swapTableMetadata("payments.transactions", expected: "/w/t/m0.json", new: "/w/t/m1.json") }

        try DatabaseQueue(path: path).read { db in
            let columns = try db.columns(in: "iceberg_tables").map(\.name)
            #expect(columns == ["catalog_name", "table_namespace", "table_name", "metadata_location", "previous_metadata_location", "iceberg_type"])
            #expect(try db.primaryKey("iceberg_tables").columns == ["catalog_name", "table_namespace", "table_name"])
            #expect(try db.primaryKey("iceberg_namespace_properties").columns == ["catalog_name", "namespace", "property_key"])
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM iceberg_tables ORDER BY table_namespace, table_name")
            #expect(rows == [
                ["catalog_name": "mesh", "table_namespace": "payments", "table_name": "transactions", "metadata_location": "/w/t/m1.json",
                 "previous_metadata_location": "/w/t/m0.json", "iceberg_type": "TABLE"],
                ["catalog_name": "mesh", "table_namespace": "payments.refunds", "table_name": "payouts", "metadata_location": "/w/p/m0.json",
                 "previous_metadata_location": nil, "iceberg_type": "TABLE"],
            ])
            let namespaces = try Row.fetchAll(db, sql: "SELECT * FROM iceberg_namespace_properties ORDER BY namespace")
            #expect(namespaces == [
                ["catalog_name": "mesh", "namespace": "payments", "property_key": "exists", "property_value": "true"],
                ["catalog_name": "mesh", "namespace": "payments.refunds", "property_key": "exists", "property_value": "true"],
            ])
        }
    }

    @Test func viewsAndOtherCatalogsInTheSharedTablesAreNotTables() throws {
        let path = Fixture.temporaryDatabase()
        let store = try SQLiteCatalogStore(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO iceberg_tables VALUES ('mesh', 'payments', 'daily_view', '/w/v.json', NULL, 'VIEW');
                INSERT INTO iceberg_tables VALUES ('other', 'payments', 'transactions', '/x/m.json', NULL, 'TABLE');
                INSERT INTO iceberg_tables VALUES ('mesh', 'payments', 'legacy', '/w/l.json', NULL, NULL);
                """)
        }
        try store.read { tx throws(CatalogError) in
            #expect(try tx.tables(namespace: nil) == ["payments.legacy"])
            #expect(try tx.tableMetadataLocation("payments.daily_view") == nil)
            #expect(try tx.tableMetadataLocation("payments.transactions") == nil)
        }
    }
}
