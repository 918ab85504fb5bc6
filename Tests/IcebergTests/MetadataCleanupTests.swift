import Columnar
import Foundation
import Testing
import TestSupport
@testable import Iceberg

@Suite("Metadata file expiry after commits")
struct MetadataCleanupTests {
    static let properties = [Table.deleteMetadataAfterCommitProperty: "true", Table.previousMetadataVersionsMaxProperty: "2"]

    func metadataFiles(_ store: any ObjectStore) throws -> [String] {
        try store.list(prefix: "metadata/").filter { $0.hasSuffix(".metadata.json") }
    }

    @Test(arguments: StoreKind.allCases)
    func oldMetadataFilesAndClaimsAreDeleted(_ kind: StoreKind) throws {
        let store = try kind.make()
        var table = try Table.create(store: store, schema: sampleSchema, properties: Self.properties)
        var locations = [table.metadataLocation]
        for k in 0..<6 {
            try table.append([try sampleBatch(Int64(k * 10)..<Int64(k * 10 + 10))])
            locations.append(table.metadataLocation)
        }
        #expect(table.metadata.metadataLog.map(\.metadataFile) == Array(locations[4..<6]))
        let kept = Set(locations[4...].map { store.key(of: $0)! })
        #expect(Set(try metadataFiles(store)) == kept)
        #expect(try store.list(prefix: "metadata/commit-").count == 3)
        let loaded = try Table.load(store: store)
        #expect(loaded.metadataLocation == table.metadataLocation)
        #expect(ids(try TableScan(table: loaded).readAll()) == Array(0..<60))
        // Every snapshot is still readable: only metadata files went, not manifests or data.
        for s in loaded.metadata.snapshots {
            #expect(try TableScan(table: loaded, version: .snapshot(s.snapshotID)).readAll().reduce(0) { $0 + $1.count } == Int(s.summary["total-records"]!)!)
        }
        // A stale version hint pointing at a deleted claim still finds the current table.
        try store.write("metadata/version-hint.text", Array("1".utf8), mode: .overwrite)
        #expect(try Table.load(store: store).metadataLocation == table.metadataLocation)
        try table.append([try sampleBatch(60..<61)])
        #expect(try Table.load(store: store).metadataLocation == table.metadataLocation)
    }

    @Test func withoutDeletionTheLogIsTrimmedButFilesStay() throws {
        let store = MemoryStore()
        var table = try Table.create(store: store, schema: sampleSchema, properties: [Table.previousMetadataVersionsMaxProperty: "3"])
        for k in 0..<5 { try table.append([try sampleBatch(Int64(k)..<Int64(k + 1))]) }
        #expect(table.metadata.metadataLog.count == 3)
        #expect(try metadataFiles(store).count == 6)
        #expect(try store.list(prefix: "metadata/commit-").count == 6)
        // The default limit is 100 previous files.
        var other = try Table.create(store: MemoryStore(), schema: sampleSchema)
        for k in 0..<3 { try other.append([try sampleBatch(Int64(k)..<Int64(k + 1))]) }
        #expect(other.metadata.metadataLog.count == 3)
    }

    @Test func enablingDeletionLaterDeletesFromThenOn() throws {
        let store = MemoryStore()
        var table = try Table.create(store: store, schema: sampleSchema)
        for k in 0..<4 { try table.append([try sampleBatch(Int64(k)..<Int64(k + 1))]) }
        #expect(try metadataFiles(store).count == 5)
        try table.updateProperties(set: Self.properties)
        #expect(table.metadata.properties[Table.deleteMetadataAfterCommitProperty] == "true")
        #expect(table.metadata.metadataLog.count == 2)
        // The commit that set the properties already trims the log and deletes what fell out of it.
        #expect(try metadataFiles(store).count == 3)
        #expect(try metadataFiles(store).contains(store.key(of: table.metadataLocation)!))
        try table.updateProperties(remove: [Table.deleteMetadataAfterCommitProperty])
        try table.append([try sampleBatch(9..<10)])
        #expect(try metadataFiles(store).count == 5)
        #expect(throws: IcebergError.self) { try table.updateProperties(set: ["a": "1"], remove: ["a"]) }
    }

    @Test(.enabled(if: Interop.enabled(["pyiceberg", "pyarrow"])))
    func pyicebergReadsATableWhoseOldMetadataWasDeleted() throws {
        let store = try LocalFileStore(root: Interop.temporaryDirectory("iceberg-metadata-cleanup").path)
        var table = try Table.create(store: store, schema: sampleSchema, properties: Self.properties)
        for k in 0..<5 { try table.append([try sampleBatch(Int64(k * 10)..<Int64(k * 10 + 10))]) }
        #expect(try metadataFiles(store).count == 3)
        let out = try Interop.runPython("""
            import json, sys
            from pyiceberg.table import StaticTable
            t = StaticTable.from_metadata(sys.argv[1])
            print(json.dumps({"ids": sorted(t.scan().to_arrow().column("id").to_pylist()),
                              "log": [e.metadata_file for e in t.metadata.metadata_log],
                              "first": sorted(t.scan(snapshot_id=t.metadata.snapshots[0].snapshot_id).to_arrow().column("id").to_pylist())}))
            """, [table.metadataLocation])
        struct Result: Decodable { let ids: [Int64]; let log: [String]; let first: [Int64] }
        let result = try JSONDecoder().decode(Result.self, from: Data(out.utf8))
        #expect(result.ids == Array(0..<50))
        #expect(result.first == Array(0..<10))
        #expect(result.log == table.metadata.metadataLog.map(\.metadataFile))
    }
}
