import Foundation
import Testing
@testable import Parquet

@Suite("Thrift compact protocol")
struct ThriftTests {
    @Test("FileMetaData round-trips through the compact protocol")
    func footerRoundTrip() throws {
        let stats = Statistics(nullCount: 3, distinctCount: 9, minValue: [1, 0, 0, 0], maxValue: [9, 0, 0, 0])
        var meta = ColumnMetaData(type: .int32, encodings: [.plain, .rle, .rleDictionary], pathInSchema: ["a", "b"], codec: .zstd,
                                  numValues: 100, totalUncompressedSize: 1000, totalCompressedSize: 600, dataPageOffset: 40,
                                  dictionaryPageOffset: 4, statistics: stats,
                                  encodingStats: [PageEncodingStats(pageType: .dataPage, encoding: .plain, count: 2)])
        meta.keyValueMetadata = [KeyValue(key: "k", value: "v")]
        let schema = [SchemaElement(name: "schema", numChildren: 2),
                      SchemaElement(name: "t", type: .int64, repetition: .optional, fieldId: 1,
                                    logicalType: .timestamp(isAdjustedToUTC: true, unit: .nanos)),
                      SchemaElement(name: "d", type: .fixedLenByteArray, typeLength: 9, repetition: .required, convertedType: .decimal,
                                    scale: 2, precision: 20, fieldId: 300, logicalType: .decimal(scale: 2, precision: 20))]
        let file = FileMetaData(version: 2, schema: schema, numRows: 100,
                                rowGroups: [RowGroup(columns: [ColumnChunk(fileOffset: 4, metaData: meta)], totalByteSize: 1000, numRows: 100,
                                                     fileOffset: 4, totalCompressedSize: 600, ordinal: 0)],
                                keyValueMetadata: [KeyValue(key: "x", value: nil)], createdBy: "me", columnOrders: [true])
        let decoded = try FileMetaData.decode(file.encode(), base: 0)
        #expect(decoded == file)
    }

    @Test("every logical type round-trips", arguments: [
        LogicalType.string, .map, .list, .enumeration, .decimal(scale: 3, precision: 12), .date,
        .time(isAdjustedToUTC: false, unit: .micros), .timestamp(isAdjustedToUTC: true, unit: .millis),
        .integer(bitWidth: 16, isSigned: false), .unknown, .json, .bson, .uuid, .float16,
    ])
    func logicalTypes(_ t: LogicalType) throws {
        var w = CompactWriter()
        w.beginStruct()
        t.write(&w, 10)
        w.endStruct()
        var r = CompactReader(w.bytes)
        var got: LogicalType?
        try r.readStruct { r, id, type throws(ParquetError) in
            #expect(id == 10)
            got = try LogicalType.read(&r, type)
            return true
        }
        #expect(got == t)
    }

    @Test("unknown fields of every type are skipped")
    func skipsUnknownFields() throws {
        var w = CompactWriter()
        w.beginStruct()
        w.i32(1, 42)
        w.bool(50, true)
        w.fieldHeader(51, .byte); w.bytes.append(7)
        w.i16(52, -3)
        w.i64(53, 1 << 40)
        w.fieldHeader(54, .double); w.bytes += [UInt8](repeating: 0x40, count: 8)
        w.binary(55, [1, 2, 3])
        w.listHeader(56, .structure, count: 2)
        w.beginStruct(); w.string(1, "x"); w.endStruct()
        w.beginStruct(); w.listHeader(1, .boolTrue, count: 2); w.bytes += [1, 2]; w.endStruct()
        w.fieldHeader(57, .map); w.writeVarint(2); w.bytes.append(0x58) // i32 -> binary
        for k in 0..<2 { w.writeZigzag(Int64(k)); w.writeVarint(1); w.bytes.append(9) }
        w.structure(58) { w in w.structure(1) { w in w.i32(2, 5) } }
        w.fieldHeader(59, .map); w.writeVarint(0)
        w.listHeader(300, .i64, count: 20)
        for k in 0..<20 { w.writeZigzag(Int64(k)) }
        w.i32(400, 9)
        w.endStruct()
        var r = CompactReader(w.bytes)
        var seen: [Int16: Int32] = [:]
        try r.readStruct { r, id, t throws(ParquetError) in
            guard id == 1 || id == 400 else { return false }
            seen[id] = try r.readI32(t)
            return true
        }
        #expect(seen == [1: 42, 400: 9])
        #expect(r.remaining == 0)
    }

    @Test("hardening: lengths past the end, bad types and long varints carry the offset")
    func hardening() throws {
        var r = CompactReader([0x18, 0xFF, 0xFF, 0x03, 1, 2], base: 1000) // binary field claiming 65535 bytes
        do {
            try r.readStruct { _, _, _ in false }
            Issue.record("no error")
        } catch {
            #expect(error.kind == .truncated)
            #expect((error.offset ?? 0) >= 1000)
        }
        var list = CompactReader([0x19, 0xF5, 0xFF, 0xFF, 0xFF, 0x7F]) // list of 2^31 i32s
        #expect(throws: ParquetError.self) { try list.readStruct { _, _, _ in false } }
        var badType = CompactReader([0x1E]) // wire type 14
        #expect(throws: ParquetError.self) { try badType.readStruct { _, _, _ in false } }
        var varint = CompactReader([0x15] + [UInt8](repeating: 0xFF, count: 12))
        #expect(throws: ParquetError.self) { try varint.readStruct { _, _, _ in false } }
        var wrongType = CompactReader([0x18, 0x01, 0x41, 0x00]) // field 1 as binary where i32 is expected
        #expect(throws: ParquetError.self) {
            try wrongType.readStruct { r, _, t throws(ParquetError) in _ = try r.readI32(t); return true }
        }
    }

    @Test("field ids beyond a delta of 15 use the long form")
    func longFieldIds() throws {
        var w = CompactWriter()
        w.beginStruct()
        w.i32(1, 1)
        w.i32(100, 2)
        w.i32(-5, 3)
        w.endStruct()
        var r = CompactReader(w.bytes)
        var ids: [Int16] = []
        try r.readStruct { r, id, t throws(ParquetError) in ids.append(id); _ = try r.readI32(t); return true }
        #expect(ids == [1, 100, -5])
    }
}
