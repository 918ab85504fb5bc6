import Columnar
import Foundation
import Testing
@testable import Iceberg

@Suite("Table operations")
struct OperationsTests {
    func partitioned() throws -> Table {
        let schema = try IcebergSchema(sampleSchema)
        let spec = PartitionSpec(specID: 0, fields: [PartitionField(sourceID: schema.fields[1].id, fieldID: 1000, name: "name", transform: .identity)])
        return try Table.create(store: MemoryStore(), schema: schema, partitionSpec: spec)
    }

    @Test func overwriteReplacesEverything() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        let s1 = try table.append([try sampleBatch(0..<10)])
        try table.append([try sampleBatch(10..<20)])
        let s3 = try table.overwrite([try sampleBatch(100..<105)])
        #expect(s3.operation == .overwrite)
        #expect(s3.summary["deleted-data-files"] == "2")
        #expect(s3.summary["total-records"] == "5")
        #expect(s3.summary["total-data-files"] == "1")
        #expect(ids(try TableScan(table: table).readAll()) == Array(100..<105))
        #expect(ids(try TableScan(table: table, version: .snapshot(s1.snapshotID)).readAll()) == Array(0..<10))
    }

    @Test func overwriteByPartitionKeepsOtherPartitions() throws {
        var table = try partitioned()
        try table.append([try sampleBatch(0..<30)])
        var b = RecordBatchBuilder(schema: sampleSchema)
        try b.append(row: [.int64(1000), .string("n1"), .double(0)])
        try table.overwritePartitions([b.finish()])
        let rows = ids(try TableScan(table: table).readAll())
        let expected: [Int64] = (Array(Int64(0)..<30).filter { $0 % 5 == 0 || $0 % 3 != 1 }) + [1000]
        #expect(rows == expected.sorted())
        try table.overwrite([], partitions: [[.string("n2")]])
        #expect(ids(try TableScan(table: table).readAll()) == (Array(0..<30).filter { $0 % 5 == 0 || $0 % 3 == 0 } + [1000]).sorted())
    }

    @Test func aConcurrentCommitFailsAnOverwrite() throws {
        let store = MemoryStore()
        var a = try Table.create(store: store, schema: sampleSchema)
        try a.append([try sampleBatch(0..<5)])
        var b = try Table.load(store: store)
        try a.append([try sampleBatch(5..<10)])
        let error = #expect(throws: IcebergError.self) { try b.overwrite([try sampleBatch(50..<51)]) }
        #expect(error?.kind == .commitConflict)
        #expect(error?.message.contains("retry") == true)
        let fresh = try Table.load(store: store)
        #expect(ids(try TableScan(table: fresh).readAll()) == Array(0..<10))
        // The failed overwrite's data file was removed again.
        #expect(try store.list(prefix: "data/").count == 2)
    }

    @Test func deleteFilesRemovesOnlySelectedFiles() throws {
        var table = try partitioned()
        try table.append([try sampleBatch(0..<30)])
        let s = try table.deleteFiles { $0.partition == [.string("n0")] }
        #expect(s.operation == .delete)
        #expect(ids(try TableScan(table: table).readAll()).allSatisfy { $0 % 5 == 0 || $0 % 3 != 0 })
        #expect(throws: IcebergError.self) { try table.deleteFiles { $0.partition == [.string("n0")] } }
    }

    @Test func tagsBranchesAndFastForward() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        let s1 = try table.append([try sampleBatch(0..<5)])
        try table.tag("v1")
        #expect(throws: IcebergError.self) { try table.tag("v1") }
        try table.createBranch("audit")
        let staged = try table.append([try sampleBatch(5..<8)], branch: "audit")
        #expect(table.metadata.currentSnapshotID == s1.snapshotID)
        #expect(ids(try TableScan(table: table).readAll()) == Array(0..<5))
        #expect(ids(try TableScan(table: table, version: .ref("audit")).readAll()) == Array(0..<8))
        #expect(throws: IcebergError.self) { try table.append([try sampleBatch(9..<10)], branch: "v1") }
        #expect(throws: IcebergError.self) { try table.append([try sampleBatch(9..<10)], branch: "nope") }
        try table.fastForward(to: "audit")
        #expect(table.metadata.currentSnapshotID == staged.snapshotID)
        #expect(ids(try TableScan(table: table).readAll()) == Array(0..<8))
        #expect(ids(try TableScan(table: table, version: .ref("v1")).readAll()) == Array(0..<5))
        // A branch that diverged cannot be fast-forwarded.
        try table.createBranch("side", snapshotID: s1.snapshotID)
        try table.append([try sampleBatch(20..<21)], branch: "side")
        #expect(throws: IcebergError.self) { try table.fastForward(to: "side") }
        try table.removeRef("side")
        #expect(table.metadata.refs["side"] == nil)
    }

    @Test("a commit that creates its branch grows it from main's head, in one metadata version")
    func createBranchStartsAtMainsHead() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        // On an empty table the branch starts a history of its own.
        var writer = try table.dataFileWriter()
        try writer.write(try sampleBatch(0..<5))
        let first = try table.append(files: try writer.finish(), branch: "stage-1", createBranch: true)
        #expect(first.parentSnapshotID == nil && table.metadata.currentSnapshotID == nil)
        try table.publish(branch: "stage-1", tag: "v1")

        let before = table.metadata.metadataLog.count
        writer = try table.dataFileWriter()
        try writer.write(try sampleBatch(5..<8))
        let staged = try table.append(files: try writer.finish(), branch: "stage-2", createBranch: true)
        #expect(table.metadata.metadataLog.count == before + 1, "one commit creates the branch and its snapshot")
        #expect(staged.parentSnapshotID == first.snapshotID)
        #expect(table.metadata.currentSnapshotID == first.snapshotID)
        #expect(ids(try TableScan(table: table, version: .ref("stage-2")).readAll()) == Array(0..<8))

        // An overwrite staged the same way replaces main's files.
        writer = try table.dataFileWriter()
        try writer.write(try sampleBatch(20..<22))
        let replaced = try table.overwrite(files: try writer.finish(), branch: "stage-3", createBranch: true)
        #expect(replaced.parentSnapshotID == first.snapshotID)
        #expect(ids(try TableScan(table: table, version: .ref("stage-3")).readAll()) == [20, 21])
        try table.publish(branch: "stage-3", tag: "v2")
        #expect(ids(try TableScan(table: table).readAll()) == [20, 21])
        // stage-2 no longer descends from main.
        #expect(throws: IcebergError.self) { try table.publish(branch: "stage-2", tag: "v3") }
    }

    @Test func rollbackMovesMainToAnAncestor() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        let s1 = try table.append([try sampleBatch(0..<5)])
        try table.append([try sampleBatch(5..<8)])
        try table.rollback(to: s1.snapshotID)
        #expect(ids(try TableScan(table: table).readAll()) == Array(0..<5))
        #expect(throws: IcebergError.self) { try table.rollback(to: 12345) }
        // Appends continue from the rolled-back snapshot.
        let s3 = try table.append([try sampleBatch(50..<52)])
        #expect(s3.parentSnapshotID == s1.snapshotID)
        #expect(ids(try TableScan(table: table).readAll()) == Array(0..<5) + [50, 51])
    }

    @Test func expireDeletesOnlyUnreferencedFiles() throws {
        let store = MemoryStore()
        var table = try Table.create(store: store, schema: sampleSchema)
        let s1 = try table.append([try sampleBatch(0..<5)])
        try table.tag("keep", snapshotID: s1.snapshotID)
        let s2 = try table.append([try sampleBatch(5..<10)])
        try table.overwrite([try sampleBatch(100..<101)])
        Thread.sleep(forTimeInterval: 0.005)
        let result = try table.expireSnapshots(olderThan: nowMs())
        #expect(result.snapshotIDs == [s2.snapshotID])
        #expect(table.metadata.snapshots.count == 2)
        // s1 is tagged: its data stays readable; s2's own file (ids 5..<10) is gone.
        #expect(ids(try TableScan(table: table, version: .ref("keep")).readAll()) == Array(0..<5))
        #expect(ids(try TableScan(table: table).readAll()) == [100])
        #expect(try store.list(prefix: "data/").count == 2)
        #expect(result.deletedKeys.contains { $0.hasPrefix("data/") })
        #expect(result.deletedKeys.contains { $0.contains("snap-\(s2.snapshotID)") })
        #expect(throws: IcebergError.self) { try table.expireSnapshots(olderThan: nowMs()) }
    }
}

@Suite("Failed commits leave no files")
struct FailedCommitTests {
    @Test func aFailedOverwriteAndAFailedAppendRemoveTheirFiles() throws {
        let store = MemoryStore()
        var a = try Table.create(store: store, schema: sampleSchema)
        try a.append([try sampleBatch(0..<5)])
        let before = Set(try store.list(prefix: ""))
        var stale = try Table.load(store: store)
        try a.append([try sampleBatch(5..<6)])
        let afterWinner = Set(try store.list(prefix: ""))
        #expect(throws: IcebergError.self) { try stale.overwrite([try sampleBatch(9..<10)]) }
        #expect(Set(try store.list(prefix: "")) == afterWinner)
        // A read-only table cannot commit: the append's data file and manifest are removed.
        var readOnly = try Table.open(metadataLocation: a.metadataLocation, store: store)
        #expect(throws: IcebergError.self) { try readOnly.append([try sampleBatch(20..<21)]) }
        #expect(Set(try store.list(prefix: "")) == afterWinner)
        #expect(before.isSubset(of: afterWinner))
    }
}
