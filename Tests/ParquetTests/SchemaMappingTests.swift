import Columnar
import Foundation
import Testing
@testable import Parquet

@Suite("Schema mapping")
struct SchemaMappingTests {
    @Test("decimals use the smallest physical type, like pyarrow", arguments: [
        (1, PhysicalType.int32, 0), (9, .int32, 0), (10, .int64, 0), (18, .int64, 0), (19, .fixedLenByteArray, 9),
        (20, .fixedLenByteArray, 9), (21, .fixedLenByteArray, 9), (22, .fixedLenByteArray, 10), (38, .fixedLenByteArray, 16),
    ])
    func decimalPhysical(precision: Int, physical: PhysicalType, width: Int) {
        let (p, len) = SchemaMapping.physical(for: .decimal(precision: precision, scale: 0))
        #expect(p == physical)
        if width > 0 { #expect(len == Int32(width)) }
    }

    @Test("written elements carry logical and converted types and field ids")
    func writtenElements() throws {
        let schema = SchemaMapping.assigningFieldIds(Schema([
            Field("s", .string, nullable: false), Field("d", .date), Field("t", .timestamp(unit: .microseconds, utc: true)),
            Field("tl", .timestamp(unit: .nanoseconds, utc: false)), Field("m", .decimal(precision: 12, scale: 3)),
            Field("u", .uuid), Field("l", .list(element: Field("element", .float, nullable: false))),
        ]))
        let (elements, leaves) = try SchemaMapping.write(schema)
        let byName = Dictionary(elements.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["s"]?.convertedType == .utf8 && byName["s"]?.logicalType == .string && byName["s"]?.repetition == .required)
        #expect(byName["d"]?.convertedType == .date)
        #expect(byName["t"]?.convertedType == .timestampMicros)
        #expect(byName["tl"]?.convertedType == nil && byName["tl"]?.logicalType == .timestamp(isAdjustedToUTC: false, unit: .nanos))
        #expect(byName["m"]?.type == .int64 && byName["m"]?.precision == 12 && byName["m"]?.scale == 3)
        #expect(byName["u"]?.type == .fixedLenByteArray && byName["u"]?.typeLength == 16 && byName["u"]?.logicalType == .uuid)
        #expect(byName["l"]?.convertedType == .list && byName["list"]?.repetition == .repeated)
        #expect(byName["element"]?.repetition == .required && byName["element"]?.fieldId == 8)
        #expect(elements.filter { $0.name != "schema" && $0.name != "list" }.allSatisfy { $0.fieldId != nil })
        #expect(leaves.last?.maxDefinitionLevel == 2 && leaves.last?.maxRepetitionLevel == 1)
        let back = try SchemaMapping.read(elements, metadata: [:])
        #expect(back.schema == schema)
    }

    /// Rewrites a file's footer with `schema` (levels of the new shape must equal the old ones).
    static func reshape(_ bytes: [UInt8], _ edit: (inout FileMetaData) -> Void) throws -> [UInt8] {
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        var meta = reader.metadata
        edit(&meta)
        let footer = meta.encode()
        let n = UInt32(footer.count)
        return Array(bytes[0..<reader.footerOffset]) + footer
            + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + Array("PAR1".utf8)
    }

    @Test("legacy two-level lists and bare repeated fields read as lists")
    func legacyLists() throws {
        // A required list of required elements has the same levels in the 3-level, 2-level and bare forms.
        let schema = Schema([Field("a", .list(element: Field("element", .int32, nullable: false)), nullable: false)])
        var builder = RecordBatchBuilder(schema: schema)
        for row: [Value] in [[.list([.int32(1), .int32(2)])], [.list([])], [.list([.int32(3)])]] { try builder.append(row: row) }
        let batch = builder.finish()
        let bytes = try ParquetWriter.write([batch], schema: schema, options: .init(codec: .uncompressed))
        let twoLevel = try Self.reshape(bytes) { m in
            m.schema = [m.schema[0], m.schema[1], SchemaElement(name: "array", type: .int32, repetition: .repeated)]
            m.rowGroups[0].columns[0].metaData!.pathInSchema = ["a", "array"]
        }
        let r2 = try ParquetFileReader(source: MemorySource(bytes: twoLevel))
        #expect(r2.schema.fields[0].type == .list(element: Field("array", .int32, nullable: false)))
        #expect(try r2.read().columns[0].allValues == batch.columns[0].allValues)
        let bare = try Self.reshape(bytes) { m in
            m.schema = [SchemaElement(name: "schema", numChildren: 1), SchemaElement(name: "a", type: .int32, repetition: .repeated)]
            m.rowGroups[0].columns[0].metaData!.pathInSchema = ["a"]
        }
        let r3 = try ParquetFileReader(source: MemorySource(bytes: bare))
        #expect(try r3.read().columns[0].allValues == batch.columns[0].allValues)
    }

    @Test("unsupported shapes (structs) are listed and skipped; other columns still read")
    func unsupportedShapes() throws {
        let schema = Schema([Field("a", .int64, nullable: false), Field("b", .int64, nullable: false)])
        let batch = TestData.batch(schema, rows: 5, seed: 1)
        let bytes = try ParquetWriter.write([batch], schema: schema, options: .init(codec: .uncompressed))
        let nested = try Self.reshape(bytes) { m in
            m.schema = [SchemaElement(name: "schema", numChildren: 2), m.schema[1],
                        SchemaElement(name: "st", repetition: .required, numChildren: 1), m.schema[2]]
            m.rowGroups[0].columns[1].metaData!.pathInSchema = ["st", "b"]
        }
        let reader = try ParquetFileReader(source: MemorySource(bytes: nested))
        #expect(reader.unsupportedColumns == ["st"])
        #expect(reader.schema.names == ["a"])
        #expect(try reader.read().columns[0] == batch.columns[0])
        #expect(throws: ParquetError.self) { try reader.read(columns: ["st"]) }
    }

    @Test("a schema tree with a child count past the end is rejected")
    func brokenTree() {
        let elements = [SchemaElement(name: "schema", numChildren: 1), SchemaElement(name: "g", numChildren: 5)]
        #expect(throws: ParquetError.self) { try SchemaMapping.read(elements, metadata: [:]) }
    }
}

@Suite("Inspection and less common shapes")
struct InspectionTests {
    @Test("BYTE_ARRAY-backed decimals read as decimals")
    func byteArrayDecimal() throws {
        let schema = Schema([Field("m", .binary)])
        var builder = RecordBatchBuilder(schema: schema)
        for row: [Value] in [[.binary([0x01, 0x00])], [.binary([0xFF])], [.null], [.binary([0x00, 0x80, 0x00])]] { try builder.append(row: row) }
        let bytes = try ParquetWriter.write([builder.finish()], schema: schema, options: .init(codec: .uncompressed))
        let decimal = try SchemaMappingTests.reshape(bytes) { m in
            m.schema[1].logicalType = .decimal(scale: 1, precision: 10)
            m.schema[1].convertedType = .decimal
        }
        let reader = try ParquetFileReader(source: MemorySource(bytes: decimal))
        #expect(reader.schema.fields[0].type == .decimal(precision: 10, scale: 1))
        #expect(try reader.read().columns[0].allValues == [.decimal(256, scale: 1), .decimal(-1, scale: 1), .null, .decimal(32768, scale: 1)])
    }

    @Test("page listing for inspection: dictionary page first, then data pages with their value counts")
    func pages() throws {
        let schema = Schema([Field("s", .string, nullable: false)])
        let batch = TestData.batch(schema, rows: 3000, seed: 2, cardinality: 20)
        let bytes = try ParquetWriter.write([batch], schema: schema, options: .init(codec: .snappy, pageSize: 1024))
        let reader = try ParquetFileReader(source: MemorySource(bytes: bytes))
        let pages = try reader.pages(rowGroup: 0, leaf: 0)
        #expect(pages.first?.header.type == .dictionaryPage)
        #expect(pages.first?.header.dictionaryPageHeader?.numValues == 20)
        let data = pages.dropFirst()
        #expect(data.count > 1 && data.allSatisfy { $0.header.type == .dataPage && $0.header.dataPageHeader?.encoding == .rleDictionary })
        #expect(data.reduce(0) { $0 + Int($1.header.dataPageHeader!.numValues) } == 3000)
        #expect(pages.first?.offset == Int(reader.metadata.rowGroups[0].columns[0].metaData!.dictionaryPageOffset!))
        #expect(data.first?.offset == Int(reader.metadata.rowGroups[0].columns[0].metaData!.dataPageOffset))
        #expect(data.allSatisfy { $0.header.dataPageHeader?.statistics?.minValue != nil })
    }
}

@Suite("Legacy annotations")
struct LegacyAnnotationTests {
    @Test("converted-type-only columns (no logical type) map like their logical equivalents")
    func convertedOnly() throws {
        let schema = Schema([Field("s", .string), Field("t", .timestamp(unit: .milliseconds, utc: true)), Field("d", .date),
                             Field("m", .decimal(precision: 7, scale: 2)), Field("u", .int32)])
        var builder = RecordBatchBuilder(schema: schema)
        try builder.append(row: [.string("x"), .timestamp(5, .milliseconds), .date(3), .decimal(-12345, scale: 2), .int32(-1)])
        let batch = builder.finish()
        let bytes = try ParquetWriter.write([batch], schema: schema, options: .init(codec: .uncompressed))
        let legacy = try SchemaMappingTests.reshape(bytes) { m in
            for i in 1..<m.schema.count { m.schema[i].logicalType = nil }
            m.schema[5].convertedType = .uint32
        }
        let reader = try ParquetFileReader(source: MemorySource(bytes: legacy))
        #expect(reader.schema.fields.map(\.type) == [.string, .timestamp(unit: .milliseconds, utc: true), .date,
                                                     .decimal(precision: 7, scale: 2), .int64])
        let row = try reader.read().row(0)
        #expect(row == [.string("x"), .timestamp(5, .milliseconds), .date(3), .decimal(-12345, scale: 2), .int64(4_294_967_295)])
        #expect(try reader.rowGroupStatistics(0)["u"]?.max == .int64(4_294_967_295))
    }
}
