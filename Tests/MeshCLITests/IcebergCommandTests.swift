import Columnar
import Foundation
import Iceberg
import Testing
import TestSupport

/// End-to-end tests of `mesh iceberg ...` through the built binary, on a table written with the Iceberg module.
@Suite struct IcebergCommandTests {
    let dir = Interop.temporaryDirectory("mesh-iceberg-cli")

    func rows(_ ids: Range<Int64>) throws -> RecordBatch {
        var b = RecordBatchBuilder(schema: Schema([Field("id", .int64, nullable: false), Field("name", .string)]))
        for i in ids { try b.append(row: [.int64(i), i == 1 ? .null : .string("n\(i)")]) }
        return b.finish()
    }

    func makeTable() throws -> (String, Table, Iceberg.Snapshot) {
        let path = dir.appendingPathComponent("t").path
        let store = try LocalFileStore(root: path)
        var table = try Table.create(store: store, schema: Schema([Field("id", .int64, nullable: false), Field("name", .string)]))
        let first = try table.append([try rows(0..<3)])
        try table.tag("v1")
        try table.append([try rows(3..<4)])
        return (path, table, first)
    }

    @Test func catPrintsCurrentOrOlderVersions() throws {
        let (path, table, first) = try makeTable()
        let current = try MeshBinary.run(["iceberg", "cat", path])
        #expect(current.status == 0, "\(current.stderr)")
        #expect(current.stdout.split(separator: "\n").sorted() == [
            #"{"id":0,"name":"n0"}"#, #"{"id":1,"name":null}"#, #"{"id":2,"name":"n2"}"#, #"{"id":3,"name":"n3"}"#,
        ])
        let tagged = try MeshBinary.run(["iceberg", "cat", path, "--ref", "v1", "--columns", "name", "--format", "csv"])
        #expect(tagged.status == 0, "\(tagged.stderr)")
        #expect(tagged.stdout == "name\nn0\n\nn2\n")
        let old = try MeshBinary.run(["iceberg", "cat", table.metadataLocation, "--snapshot", String(first.snapshotID), "--limit", "2"])
        #expect(old.status == 0, "\(old.stderr)")
        #expect(old.stdout.split(separator: "\n").count == 2)
        let asOf = try MeshBinary.run(["iceberg", "cat", path, "--as-of", String(first.timestampMs)])
        #expect(asOf.stdout.split(separator: "\n").count == 3)
    }

    @Test func catReportsBadVersions() throws {
        let (path, _, _) = try makeTable()
        let missing = try MeshBinary.run(["iceberg", "cat", path, "--ref", "nope"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope"))
        let both = try MeshBinary.run(["iceberg", "cat", path, "--ref", "v1", "--snapshot", "1"])
        #expect(both.status != 0)
        let badTime = try MeshBinary.run(["iceberg", "cat", path, "--as-of", "yesterday"])
        #expect(badTime.status != 0)
        let notATable = try MeshBinary.run(["iceberg", "inspect", dir.path])
        #expect(notATable.status != 0)
        #expect(notATable.stderr.contains("not an Iceberg table"))
    }

    @Test func inspectShowsSchemaSnapshotsRefsAndCounts() throws {
        let (path, table, first) = try makeTable()
        let text = try MeshBinary.run(["iceberg", "inspect", path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("id: long required"))
        #expect(text.stdout.contains("v1  tag -> \(first.snapshotID)"))
        #expect(text.stdout.contains("2 data files, 4 rows"))
        let json = try MeshBinary.run(["iceberg", "inspect", path, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["snapshots"] as? [Any])?.count == 2)
        #expect((object["currentSnapshotId"] as? NSNumber)?.int64Value == table.metadata.currentSnapshotID)
        #expect(((object["currentFiles"] as? [String: Any])?["records"] as? NSNumber)?.intValue == 4)
        #expect(((object["refs"] as? [String: Any])?["v1"] as? [String: Any])?["type"] as? String == "tag")
    }
}
