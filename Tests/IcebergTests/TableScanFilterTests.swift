import Columnar
import Foundation
import Testing
@testable import Iceberg

@Suite("TableScan: exact row filtering")
struct TableScanFilterTests {
    /// A table with ids 0..<100 in one file and 100..<200 in another (every fifth name null).
    func twoFileTable() throws -> Table {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        try table.append([try sampleBatch(0..<100)])
        try table.append([try sampleBatch(100..<200)])
        return table
    }

    /// The ids `filter` selects, computed row by row from `sampleBatch`'s definition.
    func expected(_ range: Range<Int64>, _ keep: (Int64, String?, Double) -> Bool) -> [Int64] {
        range.filter { i in keep(i, i % 5 == 0 ? nil : "n\(i % 3)", Double(i) / 2) }
    }

    @Test func rowsOfSurvivingFilesAreFilteredExactly() throws {
        let table = try twoFileTable()
        let filter = FilterPredicate.or(.between("id", .int64(95), .int64(104)), .equal("id", .int64(150)))
        let scan = try TableScan(table: table, filter: filter)
        #expect(try scan.planFiles().count == 2)
        #expect(ids(try scan.readAll()) == [95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 150])
        #expect(try scan.readAll().allSatisfy { $0.count > 0 })
    }

    @Test func filterOnANonProjectedColumnIsReadAndDropped() throws {
        let table = try twoFileTable()
        let filter = FilterPredicate.and(.equal("name", .string("n1")), .greaterThanOrEqual("score", .double(90)))
        let batches = try TableScan(table: table, columns: ["id"], filter: filter).readAll()
        #expect(batches.allSatisfy { $0.schema.names == ["id"] && $0.columns.count == 1 })
        #expect(ids(batches) == expected(0..<200) { _, name, score in name == "n1" && score >= 90 })
        // A projection that includes part of the filter keeps its own order.
        let mixed = try TableScan(table: table, columns: ["score", "id"], filter: filter).readAll()
        #expect(mixed.first?.schema.names == ["score", "id"])
        #expect(ids(mixed) == ids(batches))
    }

    @Test func nullsFollowThreeValuedLogic() throws {
        let table = try twoFileTable()
        func selected(_ filter: FilterPredicate) throws -> [Int64] { ids(try TableScan(table: table, columns: ["id"], filter: filter).readAll()) }
        #expect(try selected(.isNull("name")) == expected(0..<200) { _, name, _ in name == nil })
        // `name != 'n1'` is unknown for null names, so they are not returned, nor by its negation.
        #expect(try selected(.notEqual("name", .string("n1"))) == expected(0..<200) { _, name, _ in name != nil && name != "n1" })
        #expect(try selected(.not(.notEqual("name", .string("n1")))) == expected(0..<200) { _, name, _ in name == "n1" })
        // `unknown OR true` is true.
        #expect(try selected(.or(.equal("name", .string("n2")), .lessThan("id", .int64(11)))) ==
            expected(0..<200) { id, name, _ in name == "n2" || id < 11 })
    }

    @Test func aFilterThatPrunesEverythingReturnsNoRows() throws {
        let table = try twoFileTable()
        let scan = try TableScan(table: table, filter: .greaterThan("id", .int64(10_000)))
        #expect(try scan.planFiles().isEmpty)
        #expect(try scan.readAll().isEmpty)
        // A filter the bounds cannot rule out but no row matches: files are read, nothing returned.
        let none = try TableScan(table: table, filter: .and(.equal("name", .string("n0")), .equal("id", .int64(1))))
        #expect(try none.planFiles().count == 1)
        #expect(try none.readAll().isEmpty)
    }

    @Test func timeTravelWithAFilter() throws {
        var table = try twoFileTable()
        let second = try #require(table.metadata.currentSnapshot)
        try table.tag("v2")
        try table.overwrite([try sampleBatch(500..<520)])
        let filter = FilterPredicate.isIn("id", [.int64(3), .int64(150), .int64(510)])
        #expect(ids(try TableScan(table: table, filter: filter).readAll()) == [510])
        #expect(ids(try TableScan(table: table, version: .snapshot(second.snapshotID), filter: filter).readAll()) == [3, 150])
        #expect(ids(try TableScan(table: table, version: .ref("v2"), columns: ["id"], filter: filter).readAll()) == [3, 150])
        let first = try #require(second.parentSnapshotID)
        #expect(ids(try TableScan(table: table, version: .snapshot(first), filter: filter).readAll()) == [3])
    }

    @Test func filtersUseTheSchemaOfTheScannedVersion() throws {
        var table = try twoFileTable()
        let before = try #require(table.metadata.currentSnapshot)
        try table.updateSchema([.renameColumn("name", to: "label"), .addColumn(name: "extra", type: .long)])
        // Old files have no `extra`: it reads as null, so `extra IS NULL` holds for every old row.
        #expect(ids(try TableScan(table: table, columns: ["id"], filter: .isNull("extra")).readAll()) == Array(0..<200))
        #expect(try TableScan(table: table, columns: ["id"], filter: .equal("extra", .int64(1))).readAll().isEmpty)
        // The renamed column is matched by field id.
        #expect(ids(try TableScan(table: table, columns: ["id"], filter: .equal("label", .string("n0"))).readAll()) ==
            expected(0..<200) { _, name, _ in name == "n0" })
        // The old snapshot is read in its own schema, where the column is still `name`.
        #expect(ids(try TableScan(table: table, version: .snapshot(before.snapshotID), columns: ["id"], filter: .equal("name", .string("n0"))).readAll()) ==
            expected(0..<200) { _, name, _ in name == "n0" })
        #expect(throws: IcebergError.self) { try TableScan(table: table, filter: .equal("name", .string("n0"))) }
    }
}
