import Catalog
import Foundation
import GRDB
@testable import SQLiteCatalog
import Testing

/// ``CatalogStore/changeStamp()``: what caches of catalog reads compare to stay current.
@Suite("CatalogStore: change stamps")
struct ChangeStampTests {
    @Test(arguments: StoreKind.allCases)
    func theStampMovesWithEveryCatalogWrite(kind: StoreKind) throws {
        let store = try kind.make()
        let before = try store.changeStamp()
        #expect(try store.changeStamp() == before, "reading the stamp changes nothing")
        try write(store) { tx throws(CatalogError) in try tx.insertDomain(Fixture.domain("payments")) }
        let afterDomain = try store.changeStamp()
        #expect(afterDomain != before)
        try write(store) { tx throws(CatalogError) in try tx.setSetting("colour", "blue") }
        #expect(try store.changeStamp() != afterDomain)
    }

    @Test(arguments: [StoreKind.sqliteFile, .sqliteInMemory])
    func auditEntriesDoNotMoveTheStamp(kind: StoreKind) throws {
        let store = try kind.make()
        try write(store) { tx throws(CatalogError) in try tx.insertDomain(Fixture.domain("payments")) }
        let before = try store.changeStamp()
        for i in 0..<3 {
            _ = try write(store) { tx throws(CatalogError) in
                try tx.insertAudit(AuditEntry(time: Fixture.t(Double(i)), principal: "carl", action: "catalog.load", target: "payments.transactions", allowed: true))
            }
        }
        #expect(try store.changeStamp() == before)
    }

    /// Another process's commit (here a second store and a plain SQLite connection on the same
    /// file) shows once the probe interval has passed.
    @Test func anotherConnectionsCommitMovesTheStamp() throws {
        let path = Fixture.temporaryDatabase()
        let server = try SQLiteCatalogStore(path: path)
        let cli = try SQLiteCatalogStore(path: path)
        let before = try server.changeStamp()
        try write(cli) { tx throws(CatalogError) in try tx.insertDomain(Fixture.domain("fraud")) }
        Thread.sleep(forTimeInterval: Double(SQLiteCatalogStore.probeInterval) / 1e9 * 3)
        let afterCLI = try server.changeStamp()
        #expect(afterCLI != before)

        // An engine committing a table pointer through pyiceberg's SqlCatalog tables.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO iceberg_tables (catalog_name, table_namespace, table_name, metadata_location, previous_metadata_location)
                VALUES ('mesh', 'fraud', 'scores', 'file:///tmp/v1.metadata.json', NULL)
                """)
        }
        Thread.sleep(forTimeInterval: Double(SQLiteCatalogStore.probeInterval) / 1e9 * 3)
        #expect(try server.changeStamp() != afterCLI)
    }

    /// Every catalog table but the uncounted ones carries the three counting triggers, so a
    /// table added by a later migration cannot be forgotten.
    @Test func everyCatalogTableIsCounted() throws {
        let path = Fixture.temporaryDatabase()
        _ = try SQLiteCatalogStore(path: path)
        let (tables, triggers) = try DatabaseQueue(path: path).read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'"),
             Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        }
        let counted = tables.filter { !SQLiteCatalogStore.uncountedTables.contains($0) }
        #expect(counted.contains("products") && counted.contains("iceberg_tables") && counted.contains("training_sets"))
        for table in counted {
            for event in ["insert", "update", "delete"] {
                #expect(triggers.contains("count_\(table)_\(event)"), "no \(event) trigger on \(table)")
            }
        }
    }
}
