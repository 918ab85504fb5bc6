import Columnar
import Foundation
import Iceberg
import Synchronization
import Testing
@testable import Mesh

@Suite("PublishPipeline: streaming, rolling files, partitions")
struct PublishStreamingTests {
    @Test("a large input streams in many batches into several rolled data files, with progress")
    func largeInputRollsFiles() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let rows = 40_000
        let path = try PublishFixture.write(PublishFixture.csv(0..<rows), "large.csv", in: dir)
        let size = Int64(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int)
        let reports = Mutex<[PublishProgress]>([])
        let request = try PublishFixture.request([path], tag: "v1") { p in reports.withLock { $0.append(p) } }
        let pipeline = PublishPipeline(targetFileSize: 64 << 10, batchSize: 1_000, progressInterval: 256 << 10)
        let outcome = try pipeline.run(request, table: &table)
        #expect(outcome.accepted)
        #expect(outcome.addedRows == Int64(rows))
        #expect(outcome.totalRows == Int64(rows))
        #expect(outcome.dataFiles.count >= 3, "files: \(outcome.dataFiles.count)")
        let files = try TableScan(table: table).planFiles()
        #expect(Set(files.map(\.filePath)) == Set(outcome.dataFiles))
        #expect(files.reduce(0) { $0 + $1.recordCount } == Int64(rows))
        for file in files.dropLast() { #expect(file.fileSizeInBytes < 3 * (64 << 10), "rolled near the target: \(file.fileSizeInBytes)") }
        #expect(try PublishFixture.rowCount(table) == rows)

        let seen = reports.withLock { $0 }
        #expect(seen.count >= 3)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.bytesRead <= $1.bytesRead && $0.rows <= $1.rows })
        #expect(seen.last?.bytesRead == size)
        #expect(seen.last?.totalBytes == size)
        #expect(seen.last?.rows == Int64(rows))
    }

    @Test("a partitioned table gets one file per partition value, in partition folders")
    func partitioned() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table(partitioned: true)
        let path = try PublishFixture.write(PublishFixture.csv(0..<300), "p.csv", in: dir)
        let outcome = try PublishPipeline(targetFileSize: 1 << 20, batchSize: 64).run(try PublishFixture.request([path], tag: "v1"), table: &table)
        #expect(outcome.accepted)
        let files = try TableScan(table: table).planFiles()
        #expect(files.count == 3)
        #expect(Set(files.map { $0.partition }) == [[.string("DE")], [.string("FR")], [.string("US")]])
        for file in files {
            #expect(file.recordCount == 100)
            guard case .string(let country)? = file.partition.first ?? nil else { Issue.record("no partition value"); continue }
            #expect(file.filePath.contains("/data/country=\(country)/publish-"))
        }
        let pruned = try TableScan(table: table, filter: try FilterPredicate.parse("country = 'FR'", schema: try TableScan(table: table).outputSchema())).planFiles()
        #expect(pruned.count == 1)
    }

    @Test("the data file writer rolls by size and abort deletes what it wrote")
    func writerAbort() throws {
        var table = try PublishFixture.table(properties: ["write.target-file-size-bytes": "8192"])
        let before = try table.store.list(prefix: "")
        var writer = try table.dataFileWriter()
        #expect(writer.targetFileSize == 8192)
        let schema = writer.tableSchema
        var builder = RecordBatchBuilder(schema: schema)
        for i in 0..<5_000 {
            try builder.append(row: [.int64(Int64(i)), .decimal(Int128(i), scale: 2), .string("DE"), .null, .timestamp(Int64(i), .microseconds)])
        }
        try writer.write(builder.finish())
        #expect(writer.files.count >= 2)
        writer.abort()
        #expect(try table.store.list(prefix: "") == before)
        #expect(throws: IcebergError.self) { try writer.write(RecordBatch.empty(schema)) }

        var second = try table.dataFileWriter()
        try second.write(try RecordBatch(schema: schema, columns: schema.fields.map { f in
            var b = ColumnBuilder(f)
            switch f.type {
            case .int64: b.append(int64: 1)
            case .decimal: b.append(decimal: 100)
            case .string: b.append(string: "FR")
            default: b.append(int64: 0)
            }
            return b.finish()
        }))
        let files = try second.finish()
        try table.append(files: files)
        #expect(try PublishFixture.rowCount(table) == 1)
        try table.overwrite(files: [])
        #expect(try PublishFixture.rowCount(table) == 0)
    }
}

@Suite("DataFileWriter: memory bound across partitions")
struct PublishWriterMemoryTests {
    @Test("when open partition files exceed the memory limit the largest is closed early")
    func memoryLimit() throws {
        var table = try PublishFixture.table(partitioned: true)
        var writer = try table.dataFileWriter(targetFileSize: 1 << 30, memoryLimit: 16 << 10)
        var builder = RecordBatchBuilder(schema: writer.tableSchema)
        for i in 0..<6_000 {
            try builder.append(row: [.int64(Int64(i)), .decimal(Int128(i), scale: 2), .string(["DE", "FR", "US"][i % 3]),
                                     .string("user\(i)@example.com"), .timestamp(Int64(i), .microseconds)])
        }
        let batch = builder.finish()
        for start in stride(from: 0, to: batch.count, by: 500) { try writer.write(batch.slice(start..<min(start + 500, batch.count))) }
        #expect(writer.files.count >= 2, "closed early: \(writer.files.count)")
        #expect(writer.bufferedBytes <= 3 * (16 << 10) + (64 << 10))
        let files = try writer.finish()
        #expect(files.count > 3)
        #expect(files.reduce(0) { $0 + $1.recordCount } == 6_000)
        try table.append(files: files)
        #expect(try PublishFixture.rowCount(table) == 6_000)
    }
}
