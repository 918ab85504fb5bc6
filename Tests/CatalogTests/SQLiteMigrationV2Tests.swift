import Catalog
import Foundation
import GRDB
@testable import SQLiteCatalog
import Testing

/// A catalog written by a release that only knew schema v1 opens, gains v2 and keeps its data.
@Suite("SQLiteCatalogStore: migration v2 (training sets and models)")
struct SQLiteMigrationV2Tests {
    @Test func aVersionOneCatalogIsUpgradedInPlace() throws {
        let path = Fixture.temporaryDatabase()
        do {
            var v1 = DatabaseMigrator()
            v1.registerMigration("v1-catalog") { db in try db.execute(sql: SQLiteCatalogStore.schemaV1) }
            let queue = try DatabaseQueue(path: path)
            try v1.migrate(queue)
            try queue.write { db in
                try db.execute(sql: "INSERT INTO domains(name, owner, description, created_at) VALUES ('payments', 'payments-team', '', 0)")
            }
        }
        let store = try SQLiteCatalogStore(path: path)
        #expect(try store.appliedMigrations() == ["v1-catalog", "v2-training-sets-and-models", "v3-change-counter"])
        #expect(try read(store) { tx throws(CatalogError) in try tx.domain("payments") }?.owner == "payments-team")
        let set = TrainingSetModelConformanceTests.trainingSet("loan_risk")
        try write(store) { tx throws(CatalogError) in try tx.insertTrainingSet(set) }
        #expect(try read(store) { tx throws(CatalogError) in try tx.trainingSet("loan_risk") } == set)
        let indexes = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lineage_edges' ORDER BY name")
        }
        #expect(indexes.contains("lineage_by_upstream"))
    }
}
