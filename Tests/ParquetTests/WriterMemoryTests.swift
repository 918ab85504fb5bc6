import Columnar
import Testing
@testable import Parquet

@Suite("Writer memory bounds")
struct WriterMemoryTests {
    @Test("pages of tiny dictionary indices close at the level cap, and read back")
    func levelCap() throws {
        let rows = 3 * ColumnChunkWriter.maxPageLevels + 1000
        var b = ColumnBuilder(.int32, nullable: false)
        for i in 0..<rows { b.append(int32: Int32(i % 2)) }
        let schema = Schema([Field("flag", .int32, nullable: false)])
        let batch = RecordBatch(unchecked: schema, columns: [b.finish()], count: rows)
        let bytes = try ParquetWriter.write([batch], schema: schema)
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        let pages = try reader.pages(rowGroup: 0, leaf: 0)
        let data = pages.compactMap(\.header.dataPageHeader)
        // 1-bit indices: 1 MiB would hold 8 million values; the cap closes pages far earlier.
        #expect(data.count >= 4)
        #expect(data.allSatisfy { Int($0.numValues) <= ColumnChunkWriter.maxPageLevels + 8192 })
        #expect(data.reduce(0) { $0 + Int($1.numValues) } == rows)
        let back = try reader.read()
        guard case .int32(let values) = back.columns[0].values else { Issue.record("not int32"); return }
        #expect(values.withUnsafeBufferPointer { p in p.indices.allSatisfy { p[$0] == Int32($0 % 2) } })
    }

    @Test("a dictionary that falls back is written once, before the data pages, with every entry")
    func dictionaryFallback() throws {
        // 4,000 distinct int64 values then repeats: with a 16 KiB limit the dictionary (2,048 entries)
        // falls back mid-chunk; its page is written early and the dictionary released.
        let rows = 20_000
        var b = ColumnBuilder(.int64, nullable: false)
        for i in 0..<rows { b.append(int64: Int64((i * 7919) % 4000)) }
        let schema = Schema([Field("k", .int64, nullable: false)])
        let batch = RecordBatch(unchecked: schema, columns: [b.finish()], count: rows)
        for version in [DataPageVersion.v1, .v2] {
            let options = ParquetWriterOptions(pageSize: 4096, dictionaryPageSizeLimit: 16 << 10, dataPageVersion: version)
            let bytes = try ParquetWriter.write([batch], schema: schema, options: options)
            let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
            let pages = try reader.pages(rowGroup: 0, leaf: 0)
            #expect(pages.filter { $0.header.type == .dictionaryPage }.count == 1)
            #expect(pages.first?.header.type == .dictionaryPage)
            let entries = Int(pages.first?.header.dictionaryPageHeader?.numValues ?? 0)
            #expect(entries > 2000 && entries < 4000)
            let meta = try reader.chunkMetadata(rowGroup: 0, leaf: 0)
            #expect(meta.encodings.contains(.rleDictionary) && meta.encodings.contains(.plain))
            let back = try reader.read()
            guard case .int64(let values) = back.columns[0].values else { Issue.record("not int64"); continue }
            #expect(values.withUnsafeBufferPointer { p in p.indices.allSatisfy { p[$0] == Int64(($0 * 7919) % 4000) } })
        }
    }
}
