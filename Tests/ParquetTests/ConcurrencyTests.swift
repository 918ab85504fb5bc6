import Codecs
import Columnar
import Testing
@testable import Parquet

@Suite("Concurrent encoding and decoding")
struct ConcurrencyTests {
    /// Writes `batches` with columns encoded concurrently or one after another.
    static func write(_ batches: [RecordBatch], schema: Schema, options: ParquetWriterOptions, concurrently: Bool) throws -> [UInt8] {
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: schema, options: options, sink: sink)
        writer.encodesConcurrently = concurrently
        for b in batches { try writer.write(b) }
        _ = try writer.close()
        return sink.bytes
    }

    @Test("concurrent writes are byte-identical to sequential ones",
          arguments: [CompressionCodec.snappy, .zstd, .gzip, .uncompressed], [DataPageVersion.v1, .v2])
    func byteIdentical(codec: CompressionCodec, version: DataPageVersion) throws {
        let schema = TestData.schema(nullable: true)
        let batches = [TestData.batch(schema, rows: 1500, seed: 7, cardinality: 60), TestData.batch(schema, rows: 900, seed: 8)]
        // Small pages, row groups and dictionary limit: many pages, several row groups, dictionary fallback.
        let options = ParquetWriterOptions(codec: codec, rowGroupSize: 64 << 10, pageSize: 2048, dictionaryPageSizeLimit: 1024,
                                           dataPageVersion: version)
        let sequential = try Self.write(batches, schema: schema, options: options, concurrently: false)
        let concurrent = try Self.write(batches, schema: schema, options: options, concurrently: true)
        #expect(sequential.count > 1000)
        #expect(concurrent == sequential)
        let reader = try ParquetFileReader(source: MemorySource(bytes: concurrent))
        #expect(reader.rowGroupCount > 1)
        let back = try reader.read()
        let expected = TestData.rows(batches)
        #expect(back.count == expected.count)
        for i in 0..<back.count where back.row(i) != expected[i] {
            Issue.record("row \(i) differs: \(back.row(i)) vs \(expected[i])")
            break
        }
    }

    @Test("an error in one concurrently decoded column names that column")
    func errorOfLowestColumn() throws {
        let schema = Schema([Field("a", .int64, nullable: false), Field("b", .int64, nullable: false), Field("c", .string, nullable: false)])
        let batch = TestData.batch(schema, rows: 500, seed: 3)
        var bytes = try ParquetWriter.write([batch], schema: schema, options: ParquetWriterOptions(codec: .uncompressed))
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        // Corrupt the first page header of column "b" (its type field becomes an invalid compact type).
        let meta = try reader.chunkMetadata(rowGroup: 0, leaf: 1)
        let start = Int(meta.dictionaryPageOffset ?? meta.dataPageOffset)
        for k in 0..<8 { bytes[start + k] = 0xFF }
        let broken = try ParquetFileReader(source: MemorySource(bytes: bytes))
        let error = #expect(throws: ParquetError.self) { try broken.read() }
        #expect(error?.column == "b")
        // Columns "a" and "c" still read on their own.
        #expect(try broken.read(columns: ["a", "c"]).count == 500)
    }

    @Test("a lone column (pages decompressed ahead, concurrently) reads like the full batch",
          arguments: [CompressionCodec.snappy, .zstd, .gzip], [DataPageVersion.v1, .v2])
    func loneColumn(codec: CompressionCodec, version: DataPageVersion) throws {
        let schema = TestData.schema(nullable: true)
        let batch = TestData.batch(schema, rows: 3000, seed: 11, cardinality: 50)
        let options = ParquetWriterOptions(codec: codec, pageSize: 2048, dictionaryPageSizeLimit: 1024, dataPageVersion: version)
        let bytes = try ParquetWriter.write([batch], schema: schema, options: options)
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        let full = try reader.read()
        // Most chunks span several pages (so several are decompressed concurrently).
        let pageCounts = try reader.leaves.indices.map { try reader.pages(rowGroup: 0, leaf: $0).count }
        #expect(pageCounts.filter { $0 > 2 }.count >= reader.leaves.count / 2)
        for (i, name) in schema.names.enumerated() {
            let one = try reader.read(columns: [name])
            #expect((0..<one.count).allSatisfy { one.row($0) == [full.row($0)[i]] }, "column \(name)")
        }
    }

    @Test("a corrupt page of a lone column is still reported as a decompression error")
    func loneColumnCorruptPage() throws {
        let schema = Schema([Field("x", .int64, nullable: true)])
        let batch = TestData.batch(schema, rows: 20_000, seed: 5)
        var bytes = try ParquetWriter.write([batch], schema: schema, options: ParquetWriterOptions(codec: .snappy, pageSize: 4096))
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        let pages = try reader.pages(rowGroup: 0, leaf: 0).filter { $0.header.type == .dataPage }
        #expect(pages.count > 3)
        let victim = pages[2]
        let body = victim.offset + victim.headerSize
        for k in 0..<min(64, Int(victim.header.compressedPageSize)) { bytes[body + k] = 0xFF }
        let broken = try ParquetFileReader(source: MemorySource(bytes: bytes))
        let error = #expect(throws: ParquetError.self) { try broken.read(columns: ["x"]) }
        #expect(error?.kind == .decompression)
        #expect(error?.offset == victim.offset)
    }
}
