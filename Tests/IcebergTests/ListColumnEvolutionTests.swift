import Columnar
import Foundation
import Testing
import TestSupport
@testable import Iceberg

@Suite("Schema evolution: adding list columns")
struct ListColumnEvolutionTests {
    /// `sampleSchema` plus `tags: list<string>`, the element named and id'd unlike the table's.
    static let userSchema = Schema(sampleSchema.fields + [Field("tags", .list(element: Field("item", .string)))])

    func tagged(_ ids: Range<Int64>) throws -> RecordBatch {
        var b = RecordBatchBuilder(schema: Self.userSchema)
        for i in ids {
            let tags: Value = i % 4 == 0 ? .null : .list((0..<(i % 3)).map { k in k == 1 ? .null : .string("t\(i)-\(k)") })
            try b.append(row: [.int64(i), .string("n"), .double(Double(i)), tags])
        }
        return b.finish()
    }

    /// A table with ids 0..<5 written before `tags: list<string>` was added and 5..<12 after.
    func evolvedTable(_ store: any ObjectStore) throws -> Table {
        var table = try Table.create(store: store, schema: sampleSchema)
        try table.append([try sampleBatch(0..<5)])
        try table.updateSchema([.addColumn(name: "tags", type: .list(ListType(elementID: 0, element: .string)))])
        try table.append([try tagged(5..<12)])
        return table
    }

    @Test func aListColumnGetsFreshIdsAndReadsNullInOldFiles() throws {
        let table = try evolvedTable(MemoryStore())
        let schema = try #require(table.metadata.currentSchema)
        let tags = try #require(schema.fields.last)
        #expect(tags.id == 4 && !tags.required)
        #expect(tags.type == .list(ListType(elementID: 5, element: .string)))
        #expect(table.metadata.lastColumnID == 5)
        var byID: [Value: Value] = [:]
        for b in try TableScan(table: table, columns: ["id", "tags"]).readAll() {
            for i in 0..<b.count {
                let row: [Value] = b.row(i)
                byID[row[0]] = row[1]
            }
        }
        #expect(byID.count == 12)
        for i in Int64(0)..<5 { #expect(byID[Value.int64(i)] == Value.null) }
        let expected = try tagged(5..<12)
        for r in 0..<expected.count {
            let row: [Value] = expected.row(r)
            #expect(byID[row[0]] == row[3])
        }
        // Three-valued filters on the list column work; comparisons with a list are refused.
        let nulls = try TableScan(table: table, columns: ["id"], filter: .isNull("tags")).readAll()
        #expect(ids(nulls) == [0, 1, 2, 3, 4, 8])
        #expect(throws: IcebergError.self) { try TableScan(table: table, filter: .equal("tags", .string("x"))).readAll() }
    }

    @Test func structMapAndNestedListColumnsAreRefused() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        let point = IcebergType.struct(StructType([NestedField(id: 0, name: "x", type: .double)]))
        let structError = #expect(throws: IcebergError.self) { try table.updateSchema([.addColumn(name: "p", type: point)]) }
        #expect(structError?.kind == .unsupported)
        #expect(structError?.message.contains("no struct or map type") == true)
        let map = IcebergType.map(MapType(keyID: 0, key: .string, valueID: 0, value: .long))
        #expect((#expect(throws: IcebergError.self) { try table.updateSchema([.addColumn(name: "m", type: map)]) })?.kind == .unsupported)
        let nested = IcebergType.list(ListType(elementID: 0, element: .list(ListType(elementID: 0, element: .long))))
        #expect((#expect(throws: IcebergError.self) { try table.updateSchema([.addColumn(name: "l", type: nested)]) })?.kind == .invalidOperation)
        #expect(table.metadata.schemas.count == 1)
    }

    @Test func requiredElementsRejectNullElements() throws {
        var table = try Table.create(store: MemoryStore(), schema: sampleSchema)
        try table.updateSchema([.addColumn(name: "tags", type: .list(ListType(elementID: 0, element: .string, elementRequired: true)))])
        let error = #expect(throws: IcebergError.self) { try table.append([try tagged(5..<8)]) }
        #expect(error?.message.contains("null list elements") == true)
        var ok = RecordBatchBuilder(schema: Self.userSchema)
        try ok.append(row: [.int64(1), .null, .null, .list([.string("a")])])
        try table.append([ok.finish()])
        #expect(try TableScan(table: table, columns: ["tags"]).readAll().first?.row(0) == [.list([.string("a")])])
    }

    @Test(.enabled(if: Interop.enabled(["pyiceberg", "pyarrow"])))
    func pyicebergReadsTheAddedListColumn() throws {
        let table = try evolvedTable(try LocalFileStore(root: Interop.temporaryDirectory("iceberg-list-column").path))
        let out = try Interop.runPython("""
            import json, sys
            from pyiceberg.table import StaticTable
            t = StaticTable.from_metadata(sys.argv[1])
            rows = t.scan(selected_fields=("id", "tags")).to_arrow().to_pylist()
            print(json.dumps({"type": str(t.schema().find_field("tags").field_type),
                              "rows": sorted([[r["id"], r["tags"]] for r in rows], key=lambda r: r[0])}))
            """, [table.metadataLocation])
        struct Result: Decodable { let type: String; let rows: [[Tagged]] }
        enum Tagged: Decodable, Equatable {
            case id(Int64), tags([String?]?)
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let i = try? c.decode(Int64.self) { self = .id(i) } else { self = .tags(try c.decode([String?]?.self)) }
            }
        }
        let result = try JSONDecoder().decode(Result.self, from: Data(out.utf8))
        #expect(result.type == "list<string>")
        let expected = try tagged(5..<12)
        var want: [[Tagged]] = (0..<5).map { [.id(Int64($0)), .tags(nil)] }
        for r in 0..<expected.count {
            let row = expected.row(r)
            guard case .int64(let id) = row[0] else { continue }
            if case .list(let values) = row[3] {
                want.append([.id(id), .tags(values.map { if case .string(let s) = $0 { return s } else { return nil } })])
            } else {
                want.append([.id(id), .tags(nil)])
            }
        }
        #expect(result.rows == want)
    }
}
