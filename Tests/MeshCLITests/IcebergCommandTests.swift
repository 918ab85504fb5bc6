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

    @Test func catWhereFiltersRowsOfAnyVersion() throws {
        let (path, _, first) = try makeTable()
        let some = try MeshBinary.run(["iceberg", "cat", path, "--columns", "name", "--where", "id >= 2 OR name IS NULL"])
        #expect(some.status == 0, "\(some.stderr)")
        #expect(some.stdout.split(separator: "\n").sorted() == [#"{"name":"n2"}"#, #"{"name":"n3"}"#, #"{"name":null}"#])
        let tagged = try MeshBinary.run(["iceberg", "cat", path, "--ref", "v1", "--format", "csv", "--where", "NOT (name != 'n2')"])
        #expect(tagged.status == 0, "\(tagged.stderr)")
        #expect(tagged.stdout == "id,name\n2,n2\n")
        let old = try MeshBinary.run(["iceberg", "cat", path, "--snapshot", String(first.snapshotID), "--where", "id IN (3, 0)"])
        #expect(old.stdout == #"{"id":0,"name":"n0"}"# + "\n")
        let limited = try MeshBinary.run(["iceberg", "cat", path, "--columns", "id", "--where", "id BETWEEN 1 AND 3", "--limit", "1"])
        #expect(limited.stdout.split(separator: "\n").count == 1)
        let none = try MeshBinary.run(["iceberg", "cat", path, "--format", "csv", "--where", "id > 100"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout == "id,name\n")
    }

    @Test func catWhereReportsBadFiltersWithTheirPosition() throws {
        let (path, _, _) = try makeTable()
        let unknown = try MeshBinary.run(["iceberg", "cat", path, "--where", "nmae = 'x'"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: filter: unknown column 'nmae' at position 1 (columns: id, name)\n")
        let malformed = try MeshBinary.run(["iceberg", "cat", path, "--where", "id > 1 AND ("])
        #expect(malformed.status == 1)
        #expect(malformed.stderr.hasPrefix("error: filter: ") && malformed.stderr.contains("position 13"))
        #expect(malformed.stdout.isEmpty)
    }

    @Test func appendAddsCSVJSONLinesAndParquetFilesAsOneSnapshot() throws {
        let (path, _, _) = try makeTable()
        let csv = dir.appendingPathComponent("more.csv").path
        try "id,name\n10,a\n11,\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let jsonl = dir.appendingPathComponent("more.jsonl").path
        try #"{"id": 12}"#.appending("\n").write(toFile: jsonl, atomically: true, encoding: .utf8)
        // A Parquet file whose id is int32: widened to the table's long.
        let source = dir.appendingPathComponent("ints.csv").path
        try "id,name\n13,p\n".write(toFile: source, atomically: true, encoding: .utf8)
        let parquet = dir.appendingPathComponent("ints.parquet").path
        #expect(try MeshBinary.run(["parquet", "convert", source, parquet, "--schema", "id:int32!, name:string"]).status == 0)
        let appended = try MeshBinary.run(["iceberg", "append", path, csv, jsonl, parquet])
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(appended.stdout.hasPrefix("appended 4 rows from 3 files as snapshot "))
        let table = try Table.load(store: try LocalFileStore(root: path))
        #expect(table.metadata.snapshots.count == 3)
        #expect(table.metadata.currentSnapshot?.summary["added-records"] == "4")
        let rows = try MeshBinary.run(["iceberg", "cat", path, "--where", "id >= 10"])
        #expect(rows.stdout.split(separator: "\n").sorted() == [
            #"{"id":10,"name":"a"}"#, #"{"id":11,"name":null}"#, #"{"id":12,"name":null}"#, #"{"id":13,"name":"p"}"#,
        ])
    }

    @Test func appendErrorsLeaveTheTableUnchanged() throws {
        let (path, table, _) = try makeTable()
        let good = dir.appendingPathComponent("good.csv").path
        try "id,name\n20,x\n".write(toFile: good, atomically: true, encoding: .utf8)
        let extra = dir.appendingPathComponent("extra.csv").path
        try "id,name,other\n21,y,1\n".write(toFile: extra, atomically: true, encoding: .utf8)
        let unknown = try MeshBinary.run(["iceberg", "append", path, good, extra])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("'other'"))
        let missing = dir.appendingPathComponent("missing.csv").path
        try "name\nz\n".write(toFile: missing, atomically: true, encoding: .utf8)
        let required = try MeshBinary.run(["iceberg", "append", path, missing])
        #expect(required.status == 1)
        #expect(required.stderr.contains("'id'"))
        let notATable = try MeshBinary.run(["iceberg", "append", dir.path, good])
        #expect(notATable.status == 1)
        #expect(notATable.stderr.contains("not an Iceberg table committed by mesh"))
        let after = try Table.load(store: try LocalFileStore(root: path))
        #expect(after.metadataLocation == table.metadataLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: path + "/data").count == 2)
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
