import Codecs
import Columnar
import Foundation
import Testing
@testable import Parquet

@Suite("Statistics, pruning, projection and streaming")
struct StatisticsPruningTests {
    static func summary(_ schema: Schema, _ batch: RecordBatch, options: ParquetWriterOptions = .init(codec: .uncompressed)) throws -> (ParquetFileSummary, [UInt8]) {
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: schema, options: options, sink: sink)
        try writer.write(batch)
        return (try writer.close(), sink.bytes)
    }

    @Test("file summary: counts, min/max in each type's order, sizes and field ids")
    func fileSummary() throws {
        let schema = Schema([
            Field("i", .int32), Field("f", .double), Field("s", .string), Field("b", .binary),
            Field("m", .decimal(precision: 30, scale: 2)), Field("t", .timestamp(unit: .milliseconds, utc: true)),
            Field("l", .list(element: Field("element", .int64))),
        ])
        let rows: [[Value]] = [
            [.int32(-5), .double(.nan), .string("b"), .binary([0xFF]), .decimal(-300, scale: 2), .timestamp(10, .milliseconds), .list([.int64(3)])],
            [.int32(7), .double(-0.0), .string("é"), .binary([0x01, 0x02]), .decimal(25, scale: 2), .null, .list([])],
            [.null, .double(2.5), .string("a"), .binary([]), .decimal(-1, scale: 2), .timestamp(-4, .milliseconds), .null],
            [.int32(0), .null, .string("ab"), .null, .null, .timestamp(3, .milliseconds), .list([.null, .int64(-9)])],
        ]
        var builder = RecordBatchBuilder(schema: schema)
        for r in rows { try builder.append(row: r) }
        let (s, bytes) = try Self.summary(schema, builder.finish())
        #expect(s.rowCount == 4 && s.fileSize == Int64(bytes.count) && s.rowGroupCount == 1)
        let c = Dictionary(uniqueKeysWithValues: s.columns.map { ($0.path, $0) })
        #expect(c["i"]?.min == .int32(-5) && c["i"]?.max == .int32(7) && c["i"]?.nullCount == 1 && c["i"]?.valueCount == 4)
        #expect(c["f"]?.min == .double(-0.0) && c["f"]?.max == .double(2.5)) // NaN ignored
        #expect(c["s"]?.min == .string("a") && c["s"]?.max == .string("é")) // unsigned UTF-8 bytes
        #expect(c["b"]?.min == .binary([]) && c["b"]?.max == .binary([0xFF]))
        #expect(c["m"]?.min == .decimal(-300, scale: 2) && c["m"]?.max == .decimal(25, scale: 2)) // signed FLBA
        #expect(c["t"]?.min == .timestamp(-4, .milliseconds) && c["t"]?.nullCount == 1)
        #expect(c["l.list.element"]?.min == .int64(-9) && c["l.list.element"]?.max == .int64(3))
        #expect(c["l.list.element"]?.valueCount == 5 && c["l.list.element"]?.nullCount == 3)
        #expect(c["l.list.element"]?.fieldId == 8 && c["i"]?.fieldId == 1)
        #expect(s.columns.allSatisfy { $0.compressedSize > 0 && $0.uncompressedSize > 0 })
        // The footer's chunk statistics decode to the same values.
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        let st = try reader.rowGroupStatistics(0)
        #expect(st["s"]?.min == c["s"]?.min && st["m"]?.max == c["m"]?.max && st["f"]?.min == .double(-0.0))
        let f = try reader.chunkMetadata(rowGroup: 0, leaf: 1).statistics
        #expect(f?.maxValue == withUnsafeBytes(of: (2.5).bitPattern.littleEndian) { Array($0) })
    }

    /// 10 row groups of 1000 rows: k = 0..<10000 ascending, g = group parity string, n null in group 3.
    static func sortedFile() throws -> [UInt8] {
        let schema = Schema([Field("k", .int64, nullable: false), Field("g", .string), Field("n", .double),
                             Field("ts", .timestamp(unit: .microseconds, utc: true))])
        var builder = RecordBatchBuilder(schema: schema)
        for i in 0..<10_000 {
            let group = i / 1000
            try builder.append(row: [.int64(Int64(i)), .string(group % 2 == 0 ? "even" : "odd"),
                                     group == 3 ? .null : .double(Double(i)), .timestamp(Int64(i) * 1_000_000, .microseconds)])
        }
        let sink = MemorySink()
        let w = try ParquetWriter(schema: schema, options: .init(codec: .uncompressed), sink: sink)
        let batch = builder.finish()
        for g in 0..<10 {
            try w.write(batch.slice((g * 1000)..<((g + 1) * 1000)))
            try w.flushRowGroup()
        }
        _ = try w.close()
        return sink.bytes
    }

    @Test("row-group pruning for every predicate form")
    func pruning() throws {
        let reader = try ParquetFileReader(source: MemorySource(bytes: try Self.sortedFile()))
        #expect(reader.rowGroupCount == 10)
        let cases: [(FilterPredicate, [Int])] = [
            (.equal("k", .int64(4500)), [4]),
            (.equal("k", .int32(-1)), []),
            (.lessThan("k", .int64(1000)), [0]),
            (.lessThanOrEqual("k", .int64(1000)), [0, 1]),
            (.greaterThan("k", .int64(8999)), [9]),
            (.greaterThanOrEqual("k", .double(8999.5)), [9]),
            (.between("k", .int64(1500), .int64(2500)), [1, 2]),
            (.isIn("k", [.int64(5), .int64(9999)]), [0, 9]),
            (.isIn("k", []), []),
            (.isNull("n"), [3]),
            (.isNotNull("n"), [0, 1, 2, 4, 5, 6, 7, 8, 9]),
            (.equal("g", .string("odd")), [1, 3, 5, 7, 9]),
            (.and(.equal("g", .string("odd")), .lessThan("k", .int64(4000))), [1, 3]),
            (.or(.equal("k", .int64(0)), .isNull("n")), [0, 3]),
            (.not(.equal("g", .string("odd"))), [0, 2, 4, 6, 8]),
            (.notEqual("g", .string("odd")), [0, 2, 4, 6, 8]),
            (.notEqual("k", .int64(4500)), Array(0..<10)),
            (.notEqual("n", .double(5)), [0, 1, 2, 4, 5, 6, 7, 8, 9]), // group 3 is all null
            (.not(.notEqual("g", .string("odd"))), [1, 3, 5, 7, 9]),
            (.not(.lessThan("k", .int64(5000))), [5, 6, 7, 8, 9]),
            (.greaterThanOrEqual("ts", .timestamp(9_000_000, .milliseconds)), [9]), // unit conversion
            (.lessThan("k", .decimal(150_050, scale: 2)), [0, 1]),
            (.equal("missing", .int64(1)), Array(0..<10)),
            (.equal("k", .string("x")), Array(0..<10)), // incomparable: keep
        ]
        for (p, want) in cases {
            #expect(reader.prunedRowGroups(p) == want, "\(p)")
        }
        var it = try reader.batches(columns: ["k"], where: .between("k", .int64(2500), .int64(3500)))
        var seen: [Int64] = []
        while let b = try it.next() {
            #expect(b.count == 1000 && b.schema.names == ["k"])
            if case .int64(let v) = b.columns[0].values { seen.append(v[0]) }
        }
        #expect(seen == [2000, 3000])
    }

    @Test("projection reads only the chosen column chunks' bytes")
    func projectionBytes() throws {
        var fields: [Field] = []
        for i in 0..<20 { fields.append(Field("c\(i)", .int64, nullable: false)) }
        let schema = Schema(fields)
        let batch = TestData.batch(schema, rows: 5000, seed: 3)
        let bytes = try ParquetWriter.write([batch], schema: schema, options: .init(codec: .uncompressed, dictionaryEnabled: false))
        let source = CountingSource(bytes)
        let reader = try ParquetFileReader(source: source)
        let footerBytes = source.bytesRead
        source.reset()
        let two = try reader.read(columns: ["c3", "c17"])
        #expect(two.schema.names == ["c3", "c17"])
        #expect(two.columns[0] == batch.columns[3] && two.columns[1] == batch.columns[17])
        let chunkBytes = [3, 17].reduce(0) { $0 + Int(reader.metadata.rowGroups[0].columns[$1].metaData!.totalCompressedSize) }
        #expect(source.bytesRead == chunkBytes)
        #expect(source.bytesRead < bytes.count / 9)
        #expect(footerBytes < bytes.count / 20)
        for (range, col) in zip(source.ranges, [3, 17]) {
            #expect(range.lowerBound == Int(reader.metadata.rowGroups[0].columns[col].metaData!.startOffset))
        }
    }

    @Test("streaming yields one row group per batch; reading selected row groups")
    func streaming() throws {
        let reader = try ParquetFileReader(source: MemorySource(bytes: try Self.sortedFile()))
        var it = try reader.batches()
        var batches = 0, rows = 0
        while let b = try it.next() {
            #expect(b.count == 1000)
            batches += 1
            rows += b.count
        }
        #expect(batches == 10 && rows == 10_000)
        let some = try reader.read(columns: ["g", "k"], rowGroups: [7, 2])
        #expect(some.count == 2000)
        #expect(some.columns[1].value(at: 0) == .int64(7000) && some.columns[1].value(at: 1000) == .int64(2000))
        #expect(throws: ParquetError.self) { try reader.read(columns: ["nope"]) }
        #expect(throws: ParquetError.self) { try reader.read(rowGroups: [10]) }
    }

    @Test("writing rejects mismatched batches and use after close")
    func writerMisuse() throws {
        let schema = Schema([Field("a", .int32, nullable: false)])
        let writer = try ParquetWriter(schema: schema, sink: MemorySink())
        let wrong = TestData.batch(Schema([Field("a", .int64, nullable: false)]), rows: 3, seed: 1)
        #expect(throws: ParquetError.self) { try writer.write(wrong) }
        let nulls = TestData.batch(Schema([Field("a", .int32, nullable: true)]), rows: 50, seed: 1, nullRate: 0.5)
        #expect(throws: ParquetError.self) { try writer.write(nulls) }
        _ = try writer.close()
        #expect(throws: ParquetError.self) { try writer.write(RecordBatch.empty(schema)) }
    }

    @Test("key-value metadata and created_by round-trip; options metadata wins")
    func keyValueMetadata() throws {
        let schema = Schema([Field("a", .int32)], metadata: ["owner": "team-a", "x": "1", "ARROW:schema": "stale"])
        let bytes = try ParquetWriter.write([RecordBatch.empty(schema)], schema: schema,
                                            options: .init(codec: .uncompressed, createdBy: "meshwork version 0.1.0 (test)", keyValueMetadata: ["x": "2"]))
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        #expect(reader.schema.metadata == ["owner": "team-a", "x": "2"])
        #expect(reader.metadata.createdBy == "meshwork version 0.1.0 (test)")
    }
}
