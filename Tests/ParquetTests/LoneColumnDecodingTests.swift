import Codecs
import Columnar
import Testing
@testable import Parquet

@Suite("Concurrent (lone column) page decoding equals sequential decoding")
struct LoneColumnDecodingTests {
    /// The levels and values of chunk `leaf` of row group 0, decoded sequentially or with its pages processed concurrently.
    static func decode(_ reader: ParquetFileReader, leaf index: Int, concurrently: Bool) throws -> LeafData {
        let leaf = reader.leaves[index]
        var data = LeafData(values: DecodedValues(physical: leaf.physicalType, width: Int(leaf.element.typeLength ?? 0)))
        try reader.readChunk(rowGroup: 0, leaf: leaf, into: &data, concurrentPages: concurrently)
        return data
    }

    /// Whether two decodes hold the same levels and values.
    static func same(_ a: LeafData, _ b: LeafData) -> Bool {
        a.levelCount == b.levelCount && a.definitionLevels == b.definitionLevels && a.repetitionLevels == b.repetitionLevels
            && a.values.bools == b.values.bools && a.values.ints32 == b.values.ints32 && a.values.ints64 == b.values.ints64
            && a.values.floats.map(\.bitPattern) == b.values.floats.map(\.bitPattern)
            && a.values.doubles.map(\.bitPattern) == b.values.doubles.map(\.bitPattern)
            && a.values.offsets == b.values.offsets && a.values.data == b.values.data
    }

    @Test("concurrent page processing decodes exactly like the sequential decoder (all types, lists, nulls)",
          arguments: [CompressionCodec.snappy, .zstd, .gzip, .uncompressed], [DataPageVersion.v1, .v2])
    func equalsSequential(codec: CompressionCodec, version: DataPageVersion) throws {
        let schema = TestData.schema(nullable: true)
        let batch = TestData.batch(schema, rows: 4000, seed: 21, cardinality: 40)
        // Small pages and dictionary limit: many pages, dictionary-encoded then plain fallback pages.
        let options = ParquetWriterOptions(codec: codec, pageSize: 1024, dictionaryPageSizeLimit: 1024, dataPageVersion: version)
        let bytes = try ParquetWriter.write([batch], schema: schema, options: options)
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        var grouped = 0
        for index in reader.leaves.indices {
            let pages = try reader.pages(rowGroup: 0, leaf: index).filter { $0.header.type != .dictionaryPage }
            if pages.count > 2 { grouped += 1 }
            let sequential = try Self.decode(reader, leaf: index, concurrently: false)
            let concurrent = try Self.decode(reader, leaf: index, concurrently: true)
            #expect(Self.same(sequential, concurrent), "leaf \(reader.leaves[index].dottedPath)")
        }
        #expect(grouped >= reader.leaves.count / 2)
        // And through the public API: each lone column equals its column of the full read.
        let full = try reader.read()
        for (i, name) in schema.names.enumerated() {
            let one = try reader.read(columns: [name])
            #expect((0..<one.count).allSatisfy { one.row($0) == [full.row($0)[i]] }, "column \(name)")
        }
    }

    @Test("a lone column over several row groups decodes into one output, as sequentially", arguments: [DataPageVersion.v1, .v2])
    func severalRowGroups(version: DataPageVersion) throws {
        let schema = TestData.schema(nullable: true)
        let batch = TestData.batch(schema, rows: 6000, seed: 5, cardinality: 3000)
        let options = ParquetWriterOptions(codec: .snappy, rowGroupSize: 16 << 10, pageSize: 2048, dictionaryPageSizeLimit: 2048, dataPageVersion: version)
        let bytes = try ParquetWriter.write([batch], schema: schema, options: options)
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        #expect(reader.rowGroupCount > 2)
        for index in reader.leaves.indices {
            let leaf = reader.leaves[index]
            var sequential = LeafData(values: DecodedValues(physical: leaf.physicalType, width: Int(leaf.element.typeLength ?? 0)))
            var concurrent = sequential
            for g in 0..<reader.rowGroupCount {
                try reader.readChunk(rowGroup: g, leaf: leaf, into: &sequential, concurrentPages: false)
                try reader.readChunk(rowGroup: g, leaf: leaf, into: &concurrent, concurrentPages: true)
            }
            #expect(Self.same(sequential, concurrent), "leaf \(leaf.dottedPath)")
        }
        let full = try reader.read()
        for (i, name) in schema.names.enumerated() {
            let one = try reader.read(columns: [name])
            #expect(one.count == full.count && (0..<one.count).allSatisfy { one.row($0) == [full.row($0)[i]] }, "column \(name)")
        }
    }

    @Test("with several corrupt pages, the first in page order is reported with its offset",
          arguments: [DataPageVersion.v1, .v2])
    func firstErrorWins(version: DataPageVersion) throws {
        let schema = Schema([Field("x", .int64, nullable: true)])
        let batch = TestData.batch(schema, rows: 20_000, seed: 9)
        var bytes = try ParquetWriter.write([batch], schema: schema,
                                            options: ParquetWriterOptions(codec: .snappy, pageSize: 4096, dataPageVersion: version))
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        let pages = try reader.pages(rowGroup: 0, leaf: 0).filter { $0.header.type == .dataPage || $0.header.type == .dataPageV2 }
        #expect(pages.count > 6)
        // Corrupt a page near the end and one near the start: the earlier one is reported, as sequentially.
        for victim in [pages[pages.count - 2], pages[2]] {
            let body = victim.offset + victim.headerSize
            let levels = Int(victim.header.dataPageHeaderV2.map { $0.repetitionLevelsByteLength + $0.definitionLevelsByteLength } ?? 0)
            for k in levels..<min(levels + 64, Int(victim.header.compressedPageSize)) { bytes[body + k] = 0xFF }
        }
        let broken = try ParquetFileReader(source: MemorySource(bytes: bytes))
        let sequential = #expect(throws: ParquetError.self) { try Self.decode(broken, leaf: 0, concurrently: false) }
        let concurrent = #expect(throws: ParquetError.self) { try Self.decode(broken, leaf: 0, concurrently: true) }
        #expect(sequential?.offset == pages[2].offset)
        #expect(concurrent?.offset == sequential?.offset)
        #expect(concurrent?.kind == sequential?.kind)
        #expect(concurrent?.message == sequential?.message)
    }
}
