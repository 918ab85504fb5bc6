import Columnar
import Foundation
import Testing
@testable import Iceberg

@Suite("Schema evolution and incremental scans")
struct SchemaEvolutionTests {
    @Test func evolvedColumnsReadOldFilesByFieldID() throws {
        let schema = Schema([Field("id", .int32, nullable: false), Field("label", .string), Field("x", .float, nullable: false)])
        var table = try Table.create(store: MemoryStore(), schema: schema)
        var b = RecordBatchBuilder(schema: schema)
        try b.append(row: [.int32(1), .string("a"), .float(0.5)])
        let s1 = try table.append([b.finish()])
        let evolved = try table.updateSchema([
            .renameColumn("label", to: "name"), .widenColumn("id", to: .long), .widenColumn("x", to: .double),
            .makeOptional("x"), .addColumn(name: "extra", type: .string),
        ])
        #expect(evolved.schemaID == 1)
        #expect(evolved.fields.map(\.name) == ["id", "name", "x", "extra"])
        #expect(table.metadata.lastColumnID == 4)
        var n = RecordBatchBuilder(schema: try evolved.columnarSchema())
        try n.append(row: [.int64(2), .null, .null, .string("e")])
        try table.append([n.finish()])
        let rows = try TableScan(table: table).readAll().flatMap { b in (0..<b.count).map { b.row($0) } }
        #expect(Set(rows.map { $0.description }) == Set([
            [Value.int64(1), .string("a"), .double(0.5), .null], [.int64(2), .null, .null, .string("e")],
        ].map { $0.description }))
        // Time travel returns the old snapshot in its own schema.
        let old = try TableScan(table: table, version: .snapshot(s1.snapshotID)).readAll()
        #expect(old.first?.schema.names == ["id", "label", "x"])
        // Filters use the current names.
        #expect(try TableScan(table: table, filter: .equal("id", .int64(2))).planFiles().count == 1)
    }

    @Test func incompatibleChangesAreRejected() throws {
        var table = try Table.create(store: MemoryStore(), schema: Schema([Field("id", .int64, nullable: false), Field("s", .string)]),
                                     identifierFieldNames: ["id"])
        let cases: [SchemaChange] = [
            .widenColumn("id", to: .int), .widenColumn("s", to: .long), .renameColumn("s", to: "id"),
            .renameColumn("missing", to: "x"), .addColumn(name: "s", type: .string), .makeOptional("id"),
        ]
        for change in cases {
            let error = #expect(throws: IcebergError.self, "\(change)") { try table.updateSchema([change]) }
            #expect(error?.kind == .invalidOperation)
        }
        #expect(table.metadata.schemas.count == 1)
    }

    @Test func incrementalScanReturnsOnlyAppendsInRange() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        let s1 = try table.append([try sampleBatch(0..<5)])
        let s2 = try table.append([try sampleBatch(5..<8)])
        try table.append([try sampleBatch(8..<10)])
        var all = try TableScan.appendedRows(table: table, from: s1.snapshotID)
        #expect(ids(try all.collect()) == Array(5..<10))
        var one = try TableScan.appendedRows(table: table, from: s1.snapshotID, to: s2.snapshotID)
        #expect(ids(try one.collect()) == Array(5..<8))
        #expect(try TableScan.appendedFiles(table: table, from: s2.snapshotID, to: s2.snapshotID).isEmpty)
        #expect(throws: IcebergError.self) { try TableScan.appendedFiles(table: table, from: 99, to: s2.snapshotID) }
    }
}
