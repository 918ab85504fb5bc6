import Codecs
import Columnar
import Foundation
import Testing
@testable import Parquet

@Suite("Writer → reader round trips")
struct RoundTripTests {
    static let codecs: [CompressionCodec] = CompressionCodec.allCases

    @Test("every type × nullable/required × dictionary/plain", arguments: [true, false], [true, false])
    func allTypes(nullable: Bool, dictionary: Bool) throws {
        let schema = TestData.schema(nullable: nullable)
        for codec in Self.codecs {
            let batches = [TestData.batch(schema, rows: 700, seed: 1, cardinality: 40), TestData.batch(schema, rows: 300, seed: 2)]
            let options = ParquetWriterOptions(codec: codec, pageSize: 4096, dictionaryEnabled: dictionary)
            let (back, _) = try TestData.roundTrip(batches, schema: schema, options: options)
            #expect(back.count == 1000)
            #expect(back.schema.names == schema.names)
            #expect(back.schema.fields.map(\.type).map(\.description) == schema.fields.map(\.type).map(\.description))
            let expected = TestData.rows(batches)
            for i in 0..<back.count where back.row(i) != expected[i] {
                Issue.record("row \(i) differs with \(codec): \(back.row(i)) vs \(expected[i])")
                break
            }
        }
    }

    @Test("lists: empty, null lists and null elements")
    func lists() throws {
        let schema = Schema([Field("l", .list(element: Field("element", .int32, nullable: true)), nullable: true),
                             Field("r", .list(element: Field("element", .string, nullable: false)), nullable: false)])
        let rows: [[Value]] = [
            [.list([.int32(1), .null, .int32(3)]), .list([.string("a")])],
            [.null, .list([])],
            [.list([]), .list([.string("b"), .string("c")])],
            [.list([.null]), .list([])],
        ]
        var builder = RecordBatchBuilder(schema: schema)
        for r in rows { try builder.append(row: r) }
        let (back, _) = try TestData.roundTrip([builder.finish()], schema: schema, options: .init(codec: .uncompressed))
        #expect((0..<back.count).map { back.row($0) } == rows)
    }

    @Test("small row groups and pages produce many of each and read back in order")
    func manyRowGroups() throws {
        let schema = TestData.schema(nullable: true)
        let batch = TestData.batch(schema, rows: 5000, seed: 3)
        let bytes = try ParquetWriter.write([batch], schema: schema, options: .init(codec: .uncompressed, rowGroupSize: 64 << 10, pageSize: 2048))
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        #expect(reader.rowGroupCount > 3)
        let back = try reader.read()
        #expect(TestData.rows([back]) == TestData.rows([batch]))
    }

    @Test("dictionary falls back to PLAIN when it outgrows its limit")
    func dictionaryFallback() throws {
        let schema = Schema([Field("id", .int64, nullable: false), Field("s", .string, nullable: true)])
        let batch = TestData.batch(schema, rows: 20_000, seed: 4)
        let options = ParquetWriterOptions(codec: .uncompressed, pageSize: 8192, dictionaryPageSizeLimit: 16 << 10)
        let (back, bytes) = try TestData.roundTrip([batch], schema: schema, options: options)
        #expect(TestData.rows([back]) == TestData.rows([batch]))
        let meta = try ParquetFileReader(source: MemorySource(bytes: bytes)).metadata.rowGroups[0].columns[0].metaData!
        #expect(meta.encodings.contains(.rleDictionary))
        #expect(meta.encodings.contains(.plain))
        let stats = meta.encodingStats ?? []
        #expect(stats.contains { $0.pageType == .dataPage && $0.encoding == .plain && $0.count > 0 })
        #expect(stats.contains { $0.pageType == .dataPage && $0.encoding == .rleDictionary && $0.count > 0 })
    }

    @Test("field ids are written on every field and read back; missing ids are assigned")
    func fieldIds() throws {
        let schema = Schema([Field("a", .int32, id: 7), Field("b", .string),
                             Field("c", .list(element: Field("element", .double)), id: 3)], metadata: ["k": "v"])
        let bytes = try ParquetWriter.write([RecordBatch.empty(schema)], schema: schema, options: .init(codec: .uncompressed))
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        #expect(reader.schema.fields.map(\.id) == [7, 8, 3])
        guard case .list(let el) = reader.schema.fields[2].type else { Issue.record("not a list"); return }
        #expect(el.id == 9)
        #expect(reader.schema.metadata == ["k": "v"])
        #expect(reader.metadata.createdBy == "meshwork version 0.1.0")
        #expect(reader.rowCount == 0)
    }

    @Test("file sink and file source")
    func fileRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mesh-pq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.parquet").path
        let schema = TestData.schema(nullable: true)
        let batch = TestData.batch(schema, rows: 1234, seed: 5)
        let writer = try ParquetWriter(schema: schema, options: .init(codec: .uncompressed), sink: try FileSink(path: path))
        try writer.write(batch)
        let summary = try writer.close()
        let reader = try ParquetFileReader(path: path)
        #expect(Int64(reader.source.size) == summary.fileSize)
        #expect(TestData.rows([try reader.read()]) == TestData.rows([batch]))
    }

    @Test("sliced batches (offsets not starting at zero) write the slice only")
    func slices() throws {
        let schema = TestData.schema(nullable: true)
        let batch = TestData.batch(schema, rows: 900, seed: 8, cardinality: 12)
        let parts = [batch.slice(100..<350), batch.slice(0..<1), batch.slice(600..<900), batch.slice(5..<5)]
        for dictionary in [true, false] {
            let (back, _) = try TestData.roundTrip(parts, schema: schema, options: .init(codec: .snappy, pageSize: 2048, dictionaryEnabled: dictionary))
            #expect(TestData.rows([back]) == TestData.rows(parts))
        }
    }

    @Test("data page v2: every type, lists, every codec, dictionary and plain", arguments: CompressionCodec.allCases)
    func dataPageV2(codec: CompressionCodec) throws {
        for nullable in [true, false] {
            let schema = TestData.schema(nullable: nullable)
            let batches = [TestData.batch(schema, rows: 500, seed: 31, cardinality: 20), TestData.batch(schema, rows: 200, seed: 32)]
            for dictionary in [true, false] {
                let options = ParquetWriterOptions(codec: codec, pageSize: 2048, dictionaryEnabled: dictionary, dataPageVersion: .v2)
                let (back, bytes) = try TestData.roundTrip(batches, schema: schema, options: options)
                #expect(TestData.rows([back]) == TestData.rows(batches))
                let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
                let pages = try reader.pages(rowGroup: 0, leaf: reader.leaves.count - 1)
                #expect(pages.contains { $0.header.type == .dataPageV2 })
                #expect(pages.compactMap(\.header.dataPageHeaderV2).reduce(0) { $0 + Int($1.numRows) } == 700)
            }
        }
    }

    static let deltaEncodings: [String: Encoding] = [
        "i32": .deltaBinaryPacked, "i64": .deltaBinaryPacked, "d": .deltaBinaryPacked, "ts_us": .deltaBinaryPacked,
        "dec9": .deltaBinaryPacked, "s": .deltaByteArray, "bin": .deltaLengthByteArray, "fix": .deltaByteArray,
        "f32": .byteStreamSplit, "f64": .byteStreamSplit, "dec38": .byteStreamSplit, "u": .byteStreamSplit,
        "l_i64": .deltaBinaryPacked, "l_s": .deltaLengthByteArray,
    ]

    /// The subset every reader supports: polars cannot decode DELTA_BYTE_ARRAY on FIXED_LEN_BYTE_ARRAY
    /// and DuckDB refuses BYTE_STREAM_SPLIT on FIXED_LEN_BYTE_ARRAY (pyarrow reads all of them).
    static let portableDeltaEncodings = deltaEncodings.filter { !["fix", "dec38", "u"].contains($0.key) }

    @Test("delta and byte-stream-split column encodings, pages v1 and v2", arguments: [DataPageVersion.v1, .v2])
    func columnEncodings(version: DataPageVersion) throws {
        for nullable in [true, false] {
            let schema = TestData.schema(nullable: nullable)
            let batch = TestData.batch(schema, rows: 800, seed: 41)
            let options = ParquetWriterOptions(codec: .zstd, pageSize: 2048, dataPageVersion: version, columnEncodings: Self.deltaEncodings)
            let (back, bytes) = try TestData.roundTrip([batch], schema: schema, options: options)
            #expect(TestData.rows([back]) == TestData.rows([batch]))
            let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
            for leaf in reader.leaves {
                let encodings = try reader.chunkMetadata(rowGroup: 0, leaf: leaf.leafIndex).encodings
                if let e = Self.deltaEncodings[leaf.path[0]] { #expect(encodings.contains(e) && !encodings.contains(.rleDictionary)) }
            }
        }
        #expect(throws: ParquetError.self) {
            try ParquetWriter(schema: TestData.schema(nullable: true), options: .init(columnEncodings: ["s": .deltaBinaryPacked]), sink: MemorySink())
        }
    }
}
