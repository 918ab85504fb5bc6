import Columnar
import Foundation
import Iceberg
import Quality
import Testing
@testable import Mesh

@Suite("PublishPipeline: accept and reject")
struct PublishPipelineTests {
    @Test("an accepted append then an overwrite make tagged versions with the right rows and statistics")
    func appendThenOverwrite() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let pipeline = PublishPipeline()

        let first = try pipeline.run(try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(0..<30), "a.csv", in: dir)], tag: "v1"), table: &table)
        #expect(first.accepted)
        #expect(!first.report.blocking)
        #expect(first.addedRows == 30)
        #expect(first.totalRows == 30)
        #expect(first.profile.rowCount == 30)
        #expect(first.snapshotID == table.metadata.currentSnapshotID)
        #expect(table.metadata.refs["v1"]?.snapshotID == first.snapshotID)
        #expect(first.newestEventTime == Date(timeIntervalSince1970: 1_767_225_600 + 29 * 60))
        #expect(first.dataFiles.count == 1)

        let second = try pipeline.run(try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(30..<50), "b.csv", in: dir)], tag: "v2"), table: &table)
        #expect(second.accepted)
        #expect(second.addedRows == 20)
        #expect(second.totalRows == 50)
        #expect(try PublishFixture.rowCount(table) == 50)
        #expect(try PublishFixture.rowCount(table, version: .ref("v1")) == 30)
        #expect(table.metadata.refs.keys.sorted() == ["main", "v1", "v2"].filter { table.metadata.refs[$0] != nil }.sorted())
        #expect(!table.metadata.refs.keys.contains { $0.hasPrefix("publish-") })

        // The data file carries full statistics: bounds of the id column are the batch's min and max.
        let files = try TableScan(table: table, version: .ref("v2")).planFiles()
        let schema = try #require(table.metadata.currentSchema)
        let idField = try #require(schema.fields.first { $0.name == "id" })
        let added = try #require(files.first { second.dataFiles.contains($0.filePath) })
        #expect(added.recordCount == 20)
        #expect(try added.lowerBound(idField.id, type: idField.type) == .long(30))
        #expect(try added.upperBound(idField.id, type: idField.type) == .long(49))
        #expect(added.nullValueCounts?[idField.id] == 0)

        let third = try pipeline.run(try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(100..<105), "c.csv", in: dir)], mode: .overwrite, tag: "v3"),
                                     table: &table)
        #expect(third.accepted)
        #expect(third.totalRows == 5)
        let rows = try TableScan(table: table).readAll()
        #expect(rows.reduce(0) { $0 + $1.count } == 5)
        let ids = rows.flatMap { $0.column(named: "id")!.allValues }.map { value -> Int64 in if case .int64(let v) = value { v } else { -1 } }
        #expect(ids.sorted() == [100, 101, 102, 103, 104])
        #expect(try PublishFixture.rowCount(table, version: .ref("v2")) == 50)
    }

    @Test("values keep the contract's types: decimals exact, timestamps in UTC microseconds")
    func coercedTypes() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let path = try PublishFixture.write("id,amount,country,email,ts\n7,12.50,DE,,2026-01-01T10:00:00+02:00\n", "t.csv", in: dir)
        let outcome = try PublishPipeline().run(try PublishFixture.request([path], tag: "v1"), table: &table)
        #expect(outcome.accepted)
        let batch = try #require(try TableScan(table: table).readAll().first)
        #expect(batch.column(named: "amount")?.value(at: 0) == .decimal(1250, scale: 2))
        #expect(batch.column(named: "ts")?.value(at: 0) == .timestamp(1_767_254_400_000_000, .microseconds))
        #expect(batch.column(named: "email")?.value(at: 0) == .null)
    }

    @Test("a rejected publish leaves the table's files and metadata exactly as they were")
    func rejectedLeavesTableUnchanged() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let pipeline = PublishPipeline(targetFileSize: 4096, batchSize: 100)
        _ = try pipeline.run(try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(0..<10), "a.csv", in: dir)], tag: "v1"), table: &table)
        let before = try PublishFixture.state(table)

        // 2,000 rows, the last one from an unknown country: data files are written, then rejected.
        let bad = try PublishFixture.write(PublishFixture.csv(10..<2010) { $0 == 2009 ? "XX" : "DE" }, "bad.csv", in: dir)
        let outcome = try pipeline.run(try PublishFixture.request([bad], tag: "v2"), table: &table)
        #expect(!outcome.accepted)
        #expect(outcome.report.blocking)
        #expect(outcome.snapshotID == nil)
        #expect(outcome.totalRows == 10)
        #expect(outcome.addedRows == 2000)
        #expect(outcome.report.failures.map(\.id).contains { $0.contains("country_valid") })
        #expect(!outcome.dataFiles.isEmpty, "the rejected input was streamed into data files before the verdict")
        let after = try PublishFixture.state(table)
        #expect(after.keys == before.keys)
        #expect(after.metadata == before.metadata)
        #expect(after.pointer == before.pointer)
        #expect(table.metadata.refs["v2"] == nil)
    }

    @Test("a rejected first publish leaves an empty table empty")
    func rejectedFirstPublish() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let before = try PublishFixture.state(table)
        let path = try PublishFixture.write("id,amount,country,email,ts\n1,-5.00,DE,a@b.c,2026-01-01T00:00:00Z\n1,3.00,FR,a@b.c,2026-01-01T00:00:00Z\n", "dup.csv", in: dir)
        let outcome = try PublishPipeline().run(try PublishFixture.request([path], tag: "v1"), table: &table)
        #expect(!outcome.accepted)
        #expect(outcome.totalRows == 0)
        let failed = Set(outcome.report.failures.compactMap(\.column))
        #expect(failed.contains("id"), "duplicate primary key")
        #expect(failed.contains("amount"), "below the minimum")
        #expect(try PublishFixture.state(table).keys == before.keys)
        #expect(table.metadata.currentSnapshotID == nil)
    }

    @Test("nulls in a required column reject the publish with the check, not an exception")
    func nullInRequiredColumn() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let before = try PublishFixture.state(table)
        let path = try PublishFixture.write("id,amount,country,email,ts\n1,5.00,DE,a@b.c,\n", "null.csv", in: dir)
        let outcome = try PublishPipeline().run(try PublishFixture.request([path], tag: "v1"), table: &table)
        #expect(!outcome.accepted)
        #expect(outcome.report.failures.contains { $0.column == "ts" })
        #expect(try PublishFixture.state(table).keys == before.keys)
    }

    @Test("a version tag that exists is a conflict before anything is read")
    func existingTag() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let path = try PublishFixture.write(PublishFixture.csv(0..<3), "a.csv", in: dir)
        _ = try PublishPipeline().run(try PublishFixture.request([path], tag: "v1"), table: &table)
        let before = try PublishFixture.state(table)
        let error = #expect(throws: MeshError.self) { try PublishPipeline().run(try PublishFixture.request([path], tag: "v1"), table: &table) }
        #expect(error?.kind == .conflict)
        #expect(try PublishFixture.state(table).keys == before.keys)
        let bad = #expect(throws: MeshError.self) { try PublishPipeline().run(try PublishFixture.request([path], tag: "main"), table: &table) }
        #expect(bad?.kind == .invalidInput)
    }

    @Test("several inputs of different formats make one version")
    func mixedInputs() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let csv = try PublishFixture.write(PublishFixture.csv(0..<4), "a.csv", in: dir)
        let jsonl = try PublishFixture.write("""
        {"id": 10, "amount": 1.25, "country": "US", "ts": "2026-01-02T00:00:00Z"}
        {"id": 11, "amount": 2, "country": "FR", "email": null, "ts": "2026-01-03T00:00:00Z"}

        """, "b.jsonl", in: dir)
        let outcome = try PublishPipeline().run(try PublishFixture.request([csv, jsonl], tag: "v1"), table: &table)
        #expect(outcome.accepted)
        #expect(outcome.totalRows == 6)
        #expect(outcome.newestEventTime == Date(timeIntervalSince1970: 1_767_398_400))
    }
}
