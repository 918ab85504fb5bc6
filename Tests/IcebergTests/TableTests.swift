import Columnar
import Foundation
import Parquet
import Testing
@testable import Iceberg

/// Rows `(id, name, score)` with ids `ids`; every fifth name is null.
func sampleBatch(_ ids: Range<Int64>) throws -> RecordBatch {
    var b = RecordBatchBuilder(schema: sampleSchema)
    for i in ids {
        try b.append(row: [.int64(i), i % 5 == 0 ? .null : .string("n\(i % 3)"), .double(Double(i) / 2)])
    }
    return b.finish()
}

let sampleSchema = Schema([
    Field("id", .int64, nullable: false), Field("name", .string), Field("score", .double),
])

/// Every `id` a scan returns, sorted.
func ids(_ batches: [RecordBatch]) -> [Int64] {
    batches.flatMap { b in (0..<b.count).compactMap { i -> Int64? in
        if case .int64(let v) = b.column(named: "id")!.value(at: i) { return v }
        return nil
    } }.sorted()
}

@Suite("Table: create, append, scan")
struct TableTests {
    @Test(arguments: StoreKind.allCases)
    func createAppendAndScan(_ kind: StoreKind) throws {
        let store = try kind.make()
        var table = try Table.create(store: store, schema: sampleSchema)
        #expect(try TableScan(table: table).readAll().isEmpty)
        let s1 = try table.append([try sampleBatch(0..<100)])
        let s2 = try table.append([try sampleBatch(100..<150), try sampleBatch(150..<160)])
        #expect(s2.parentSnapshotID == s1.snapshotID)
        #expect(s2.sequenceNumber == 2)
        #expect(s2.summary["added-records"] == "60")
        #expect(s2.summary["total-records"] == "160")
        #expect(s2.summary["total-data-files"] == "2")
        #expect(ids(try TableScan(table: table).readAll()) == Array(0..<160))
        #expect(ids(try TableScan(table: table, version: .snapshot(s1.snapshotID)).readAll()) == Array(0..<100))

        // A reload through the committer sees the same table.
        let loaded = try Table.load(store: store)
        #expect(loaded.metadata == table.metadata)
        #expect(loaded.metadataLocation.hasSuffix(".metadata.json"))
        #expect(loaded.metadata.metadataLog.count == 2)
        #expect(Table.metadataVersion(loaded.metadataLocation) == 2)
    }

    @Test func manifestsCarryRealMetrics() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        try table.append([try sampleBatch(10..<30)])
        let files = try TableScan(table: table).planFiles()
        let file = try #require(files.first)
        #expect(files.count == 1)
        #expect(file.recordCount == 20)
        #expect(file.fileSizeInBytes == Int64(try table.store.size(table.store.key(of: file.filePath)!)))
        let nameID = table.metadata.currentSchema!.fields[1].id
        let idID = table.metadata.currentSchema!.fields[0].id
        #expect(file.nullValueCounts?[nameID] == 4)
        #expect(file.valueCounts?[nameID] == 20)
        #expect(try file.lowerBound(idID, type: .long) == .long(10))
        #expect(try file.upperBound(idID, type: .long) == .long(29))
        #expect(try file.lowerBound(nameID, type: .string) == .string("n0"))
        #expect((file.columnSizes?[idID] ?? 0) > 0)
    }

    @Test func filtersPruneFilesByBounds() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        for k in 0..<5 { try table.append([try sampleBatch(Int64(k * 100)..<Int64(k * 100 + 100))]) }
        func planned(_ p: FilterPredicate) throws -> Int { try TableScan(table: table, filter: p).planFiles().count }
        #expect(try planned(.equal("id", .int64(250))) == 1)
        #expect(try planned(.lessThan("id", .int64(100))) == 1)
        #expect(try planned(.lessThanOrEqual("id", .int64(100))) == 2)
        #expect(try planned(.greaterThan("id", .int64(399))) == 1)
        #expect(try planned(.between("id", .int64(150), .int64(250))) == 2)
        #expect(try planned(.isIn("id", [.int64(5), .int64(405)])) == 2)
        #expect(try planned(.and(.greaterThanOrEqual("id", .int64(100)), .lessThan("id", .int64(200)))) == 1)
        #expect(try planned(.or(.equal("id", .int64(1)), .equal("id", .int64(499)))) == 2)
        #expect(try planned(.equal("id", .int64(1000))) == 0)
        #expect(try planned(.isNull("name")) == 5)
        #expect(try planned(.not(.equal("id", .int64(1)))) == 5)
        let rows = ids(try TableScan(table: table, filter: .equal("id", .int64(250))).readAll())
        #expect(rows == [250])
        let error = #expect(throws: IcebergError.self) { try TableScan(table: table, filter: .equal("nope", .int64(1))) }
        #expect(error?.message.contains("nope") == true)
    }

    @Test func projectionReturnsColumnsInRequestedOrder() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        try table.append([try sampleBatch(0..<10)])
        let batches = try TableScan(table: table, columns: ["score", "id"]).readAll()
        #expect(batches.first?.schema.names == ["score", "id"])
        #expect(batches.first?.row(3) == [.double(1.5), .int64(3)])
        #expect(throws: IcebergError.self) { try TableScan(table: table, columns: ["missing"]) }
    }

    @Test func partitionedAppendsWriteOneFilePerPartitionAndPrune() throws {
        let schema = try IcebergSchema(sampleSchema)
        let nameID = schema.fields[1].id
        let spec = PartitionSpec(specID: 0, fields: [PartitionField(sourceID: nameID, fieldID: 1000, name: "name", transform: .identity)])
        let store = MemoryStore()
        var table = try Table.create(store: store, schema: schema, partitionSpec: spec)
        try table.append([try sampleBatch(0..<30)])
        let files = try TableScan(table: table).planFiles()
        #expect(Set(files.map { $0.partition }) == [[.string("n0")], [.string("n1")], [.string("n2")], [nil]])
        #expect(files.allSatisfy { $0.filePath.contains("/data/name=") })
        #expect(ids(try TableScan(table: table).readAll()) == Array(0..<30))
        #expect(try TableScan(table: table, filter: .equal("name", .string("n1"))).planFiles().count == 1)
        #expect(try TableScan(table: table, filter: .isNull("name")).planFiles().count == 1)
    }

    @Test func missingOptionalColumnsAreNullAndBadBatchesAreRejected() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        var b = RecordBatchBuilder(schema: Schema([Field("id", .int64, nullable: false)]))
        try b.append(row: [.int64(7)])
        try table.append([b.finish()])
        #expect(try TableScan(table: table).readAll().first?.row(0) == [.int64(7), .null, .null])
        var wrong = RecordBatchBuilder(schema: Schema([Field("id", .int32, nullable: false)]))
        try wrong.append(row: [.int32(1)])
        #expect(throws: IcebergError.self) { try table.append([wrong.finish()]) }
        var extra = RecordBatchBuilder(schema: Schema([Field("id", .int64), Field("other", .int64)]))
        try extra.append(row: [.int64(1), .int64(2)])
        #expect(throws: IcebergError.self) { try table.append([extra.finish()]) }
        var noID = RecordBatchBuilder(schema: Schema([Field("name", .string)]))
        try noID.append(row: [.string("x")])
        #expect(throws: IcebergError.self) { try table.append([noID.finish()]) }
    }

    @Test func timeTravelByTimestamp() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        let s1 = try table.append([try sampleBatch(0..<5)])
        Thread.sleep(forTimeInterval: 0.01)
        let s2 = try table.append([try sampleBatch(5..<9)])
        #expect(s2.timestampMs > s1.timestampMs)
        #expect(ids(try TableScan(table: table, version: .asOf(s1.timestampMs)).readAll()) == Array(0..<5))
        #expect(ids(try TableScan(table: table, version: .asOf(s2.timestampMs + 1000)).readAll()) == Array(0..<9))
        #expect(throws: IcebergError.self) { try TableScan(table: table, version: .asOf(s1.timestampMs - 1)) }
        #expect(throws: IcebergError.self) { try TableScan(table: table, version: .snapshot(42)) }
        #expect(throws: IcebergError.self) { try TableScan(table: table, version: .ref("nope")) }
    }

    @Test func createTwiceIsRefused() throws {
        let store = MemoryStore()
        _ = try Table.create(store: store, schema: sampleSchema)
        let error = #expect(throws: IcebergError.self) { try Table.create(store: store, schema: sampleSchema) }
        #expect(error?.kind == .alreadyExists)
    }
}
