import Columnar
import Foundation
import Parquet
import Testing
@testable import Iceberg

@Suite("Partition pruning")
struct PartitionPruningTests {
    static let eventSchema = Schema([Field("id", .int64, nullable: false), Field("day", .date, nullable: false)])

    func events(_ ids: Range<Int64>) throws -> RecordBatch {
        var b = RecordBatchBuilder(schema: Self.eventSchema)
        for i in ids { try b.append(row: [.int64(i), .date(Int32(20_000 + i / 10))]) }
        return b.finish()
    }

    @Test func bucketPartitionsPruneEqualityButNotRanges() throws {
        let schema = try IcebergSchema(Self.eventSchema)
        let spec = PartitionSpec(fields: [PartitionField(sourceID: schema.fields[0].id, fieldID: 1000, name: "id_bucket", transform: .bucket(8))])
        var table = try Table.create(store: MemoryStore(), schema: schema, partitionSpec: spec)
        try table.append([try events(0..<200)])
        let all = try TableScan(table: table).planFiles()
        #expect(all.count == 8)
        let target = try #require(try Transform.bucket(8).apply(.long(42)))
        let hit = try TableScan(table: table, filter: .equal("id", .int64(42))).planFiles()
        #expect(hit.count == 1)
        #expect(hit.first?.partition == [target])
        #expect(try TableScan(table: table, filter: .isIn("id", [.int64(42), .int64(43)])).planFiles().count <= 2)
        // Every bucket holds ids up to 199, so a range says nothing about buckets (bounds still apply).
        #expect(try TableScan(table: table, filter: .lessThan("id", .int64(1000))).planFiles().count == 8)
    }

    @Test func dayPartitionsPruneRangesAndSkipWholeManifests() throws {
        let schema = try IcebergSchema(Self.eventSchema)
        let spec = PartitionSpec(fields: [PartitionField(sourceID: schema.fields[1].id, fieldID: 1000, name: "day_day", transform: .day)])
        let store = MemoryStore()
        var table = try Table.create(store: store, schema: schema, partitionSpec: spec)
        try table.append([try events(0..<30)])     // days 20000...20002, one manifest
        try table.append([try events(100..<120)])  // days 20010, 20011, another manifest
        #expect(try TableScan(table: table).planFiles().count == 5)
        #expect(try TableScan(table: table, filter: .equal("day", .date(20_001))).planFiles().count == 1)
        #expect(try TableScan(table: table, filter: .greaterThanOrEqual("day", .date(20_010))).planFiles().count == 2)
        #expect(try TableScan(table: table, filter: .lessThan("day", .date(20_001))).planFiles().count == 1)
        // The first append's manifest is never opened for a filter on later days: delete it and plan.
        let first = try #require(try table.manifestFiles(table.metadata.currentSnapshot).first { $0.addedRowsCount == 30 })
        try store.delete(try table.key(first.manifestPath))
        #expect(try TableScan(table: table, filter: .greaterThan("day", .date(20_005))).planFiles().count == 2)
        #expect(throws: IcebergError.self) { try TableScan(table: table).planFiles() }
    }
}
