import Codecs
import Columnar
import Foundation
import Testing
@testable import Parquet

/// Builds small Parquet files from hand-made pages, to aim precisely at one defect.
enum Craft {
    static let int32Schema = [SchemaElement(name: "schema", numChildren: 1),
                              SchemaElement(name: "x", type: .int32, repetition: .optional)]
    static let stringSchema = [SchemaElement(name: "schema", numChildren: 1),
                               SchemaElement(name: "s", type: .byteArray, repetition: .required, convertedType: .utf8)]

    /// A file with one column chunk made of `pages`.
    static func file(schema: [SchemaElement] = int32Schema, pages: [UInt8], rows: Int64, values: Int64? = nil,
                     codec: CompressionKind = .uncompressed, uncompressedTotal: Int64? = nil) -> [UInt8] {
        var out = Array("PAR1".utf8)
        let start = Int64(out.count)
        out += pages
        let leaf = schema[1]
        let meta = ColumnMetaData(type: leaf.type!, encodings: [.plain, .rle], pathInSchema: [leaf.name], codec: codec,
                                  numValues: values ?? rows, totalUncompressedSize: uncompressedTotal ?? Int64(pages.count),
                                  totalCompressedSize: Int64(pages.count), dataPageOffset: start)
        let footer = FileMetaData(version: 1, schema: schema, numRows: rows,
                                  rowGroups: [RowGroup(columns: [ColumnChunk(fileOffset: start, metaData: meta)], totalByteSize: Int64(pages.count), numRows: rows)])
        let bytes = footer.encode()
        out += bytes
        let n = UInt32(bytes.count)
        out += [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + Array("PAR1".utf8)
        return out
    }

    static func page(_ type: PageType = .dataPage, values: Int32, body: [UInt8], encoding: Encoding = .plain,
                     uncompressed: Int32? = nil, compressed: Int32? = nil) -> [UInt8] {
        var h = PageHeader(type: type, uncompressedPageSize: uncompressed ?? Int32(body.count), compressedPageSize: compressed ?? Int32(body.count))
        if type == .dictionaryPage {
            h.dictionaryPageHeader = DictionaryPageHeader(numValues: values, encoding: .plain, isSorted: nil)
        } else {
            h.dataPageHeader = DataPageHeader(numValues: values, encoding: encoding, definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        }
        var out: [UInt8] = []
        h.write(into: &out)
        return out + body
    }

    /// Definition levels (all defined) for `n` values, with the v1 length prefix.
    static func allDefined(_ n: Int) -> [UInt8] {
        var body: [UInt8] = []
        ColumnChunkWriter.appendLevels([UInt32](repeating: 1, count: n), max: 1, into: &body)
        return body
    }

    static func int32s(_ v: [Int32]) -> [UInt8] { v.flatMap { x in withUnsafeBytes(of: x.littleEndian) { Array($0) } } }
}

@Suite("Hostile input")
struct HostileInputTests {
    /// Reads everything; returns the error (which must be a ParquetError).
    static func failure(_ bytes: [UInt8]) -> ParquetError? {
        do {
            let r = try ParquetFileReader(source: MemorySource(bytes: bytes))
            _ = try r.read()
            return nil
        } catch {
            return error
        }
    }

    @Test("a crafted valid file reads (the crafting helper is sound)")
    func craftedBaseline() throws {
        let body = Craft.allDefined(3) + Craft.int32s([1, 2, 3])
        let file = Craft.file(pages: Craft.page(values: 3, body: body), rows: 3)
        let batch = try ParquetFileReader(source: MemorySource(bytes: file)).read()
        #expect(batch.columns[0].allValues == [.int32(1), .int32(2), .int32(3)])
    }

    @Test("bad magic, tiny files and footer lengths past the start")
    func magicAndFooter() throws {
        let good = Craft.file(pages: Craft.page(values: 1, body: Craft.allDefined(1) + Craft.int32s([7])), rows: 1)
        var bad = good
        bad[0] = UInt8(ascii: "X")
        #expect(Self.failure(bad)?.kind == .notParquet)
        bad = good
        bad[bad.count - 1] = 0
        #expect(Self.failure(bad)?.kind == .notParquet)
        #expect(Self.failure(Array("PAR1PAR1".utf8))?.kind == .notParquet)
        bad = good
        bad[bad.count - 5] = 0x7F // footer length ~2 GB
        #expect(Self.failure(bad)?.kind == .corruptMetadata)
    }

    @Test("a file source reads empty and large ranges (in concurrent pieces) exactly, and refuses ranges past the end")
    func fileSourceRanges() throws {
        let bytes = (0..<(FileSource.concurrentReadSize + 12_345)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("filesource-\(UUID().uuidString).bin")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let source = try FileSource(path: url.path)
        #expect(try source.read(offset: 0, count: 0).isEmpty)
        #expect(try source.read(offset: bytes.count, count: 0).isEmpty)
        #expect(try source.read(offset: 7, count: bytes.count - 7) == Array(bytes[7...]))
        #expect(try source.read(offset: 100, count: 1_000) == Array(bytes[100..<1_100]))
        #expect(throws: ParquetError.self) { try source.read(offset: 1, count: bytes.count) }
    }

    @Test("every truncation of a valid file fails with a ParquetError")
    func truncations() throws {
        let schema = TestData.schema(nullable: true)
        let bytes = try ParquetWriter.write([TestData.batch(schema, rows: 50, seed: 9)], schema: schema, options: .init(codec: .snappy))
        for n in 0..<bytes.count {
            #expect(Self.failure(Array(bytes[0..<n])) != nil, "prefix of \(n) bytes read without error")
        }
    }

    @Test("page header claiming gigabytes, negative sizes, and sizes past the chunk")
    func absurdPageSizes() throws {
        let body = Craft.allDefined(1) + Craft.int32s([1])
        for (u, c) in [(Int32.max, Int32(body.count)), (-1, Int32(body.count)), (Int32(body.count), -5), (Int32(body.count), 1 << 30)] {
            let file = Craft.file(pages: Craft.page(values: 1, body: body, uncompressed: u, compressed: c), rows: 1)
            let e = Self.failure(file)
            #expect(e != nil)
            #expect([ParquetError.Kind.limitExceeded, .truncated, .corruptData].contains(e?.kind ?? .io), "\(String(describing: e))")
            #expect(e?.column == "x" && e?.rowGroup == 0 && e?.offset != nil)
        }
    }

    @Test("decompression bomb: a page claiming more than the chunk's uncompressed total")
    func bomb() throws {
        var payload = [UInt8](repeating: 0, count: 1 << 20)
        payload[0] = 1
        let stored = CompressionCodec.snappy.compress(payload)
        let file = Craft.file(pages: Craft.page(values: 1, body: stored, uncompressed: Int32(payload.count)), rows: 1,
                              codec: .snappy, uncompressedTotal: 4096)
        #expect(Self.failure(file)?.kind == .limitExceeded)
        // A stream that expands beyond the size its header claims is rejected by the codec.
        let lying = Craft.file(pages: Craft.page(values: 1, body: stored, uncompressed: 100), rows: 1, codec: .snappy)
        #expect(Self.failure(lying)?.kind == .decompression)
    }

    @Test("num_values beyond the chunk, the row group or what the bytes can hold")
    func impossibleCounts() throws {
        let body = Craft.allDefined(3) + Craft.int32s([1, 2, 3])
        #expect(Self.failure(Craft.file(pages: Craft.page(values: 1_000_000, body: body), rows: 3))?.kind == .corruptData)
        #expect(Self.failure(Craft.file(pages: Craft.page(values: 3, body: body), rows: 3, values: 1 << 40))?.kind == .corruptMetadata)
        // Levels say 3 values are present but the page holds 2.
        let short = Craft.allDefined(3) + Craft.int32s([1, 2])
        #expect(Self.failure(Craft.file(pages: Craft.page(values: 3, body: short), rows: 3))?.kind == .corruptData)
        // A run of 2^30 levels in a few bytes.
        var huge: [UInt8] = [0, 0, 0, 0]
        RleHybrid.writeVarint(UInt64(1 << 30) << 1, into: &huge)
        huge.append(1)
        huge[0] = UInt8(huge.count - 4)
        #expect(Self.failure(Craft.file(pages: Craft.page(values: 3, body: huge), rows: 3)) != nil)
    }

    @Test("dictionary index out of range, bit width over 32, missing dictionary")
    func dictionaryDefects() throws {
        let dictionary = Craft.page(.dictionaryPage, values: 2, body: Craft.int32s([10, 20]))
        func dataPage(width: UInt8, index: UInt8) -> [UInt8] {
            Craft.page(values: 2, body: Craft.allDefined(2) + [width, 2 << 1, index], encoding: .rleDictionary)
        }
        let ok = Craft.file(pages: dictionary + dataPage(width: 1, index: 1), rows: 2)
        #expect(try ParquetFileReader(source: MemorySource(bytes: ok)).read().columns[0].allValues == [.int32(20), .int32(20)])
        #expect(Self.failure(Craft.file(pages: dictionary + dataPage(width: 3, index: 5), rows: 2))?.kind == .corruptData)
        #expect(Self.failure(Craft.file(pages: dictionary + dataPage(width: 33, index: 0), rows: 2))?.kind == .corruptData)
        #expect(Self.failure(Craft.file(pages: dataPage(width: 1, index: 0), rows: 2))?.kind == .corruptData)
    }

    @Test("byte array lengths past the page, negative and huge")
    func byteArrayLengths() throws {
        for length: UInt32 in [100, 0xFFFF_FFFF, 0x8000_0000] {
            let body = withUnsafeBytes(of: length.littleEndian) { Array($0) } + Array("abc".utf8)
            let file = Craft.file(schema: Craft.stringSchema, pages: Craft.page(values: 1, body: body), rows: 1)
            #expect(Self.failure(file)?.kind == .corruptData)
        }
    }

    @Test("chunk offsets outside the data region")
    func chunkRange() throws {
        let schema = Schema([Field("a", .int64, nullable: false)])
        let bytes = try ParquetWriter.write([TestData.batch(schema, rows: 10, seed: 1)], schema: schema, options: .init(codec: .uncompressed))
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        var meta = reader.metadata
        meta.rowGroups[0].columns[0].metaData!.dataPageOffset = Int64(bytes.count)
        meta.rowGroups[0].columns[0].metaData!.dictionaryPageOffset = nil
        let footer = meta.encode()
        var file = Array(bytes[0..<reader.footerOffset]) + footer
        let n = UInt32(footer.count)
        file += [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + Array("PAR1".utf8)
        #expect(Self.failure(file)?.kind == .corruptMetadata)
    }

    @Test("Thrift nesting beyond the depth limit")
    func deepThrift() throws {
        // FileMetaData whose unknown field 20 is a struct nested 200 deep.
        var bytes: [UInt8] = [0x0C, 40] // field 20 (zigzag 40) of type struct, long form
        for _ in 0..<200 { bytes.append(0x1C) } // field delta 1, struct
        bytes += [UInt8](repeating: 0, count: 202)
        var r = CompactReader(bytes)
        #expect(throws: ParquetError.self) { try r.readStruct { _, _, _ in false } }
        do { try r.readStruct { _, _, _ in false } } catch { #expect(error.kind == .limitExceeded || error.kind == .truncated) }
    }
}
