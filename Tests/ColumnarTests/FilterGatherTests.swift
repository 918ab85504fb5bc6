import Foundation
import Testing
import Columnar

/// Building new batches from selected rows: `gather` and `filter(mask:)` for every column type.
@Suite struct FilterGatherTests {
    static let schema = Schema([
        Field("id", .int64, nullable: false),
        Field("b", .boolean),
        Field("i", .int32),
        Field("f", .float),
        Field("d", .double),
        Field("s", .string),
        Field("bin", .binary),
        Field("fx", .fixedBinary(width: 3)),
        Field("day", .date),
        Field("ts", .timestamp(unit: .nanoseconds, utc: false)),
        Field("dec", .decimal(precision: 20, scale: 3)),
        Field("u", .uuid),
        Field("tags", .list(element: Field("element", .string))),
        Field("nested", .list(element: Field("element", .list(element: Field("element", .int32))))),
    ])

    static func batch(rows n: Int) throws -> RecordBatch {
        var b = RecordBatchBuilder(schema: schema)
        for r in 0..<n {
            let null = r % 3 == 1
            func v(_ x: Value) -> Value { null ? .null : x }
            try b.append(row: [
                .int64(Int64(r)), v(.boolean(r % 2 == 0)), v(.int32(Int32(r * 7))), v(.float(Float(r) / 4)),
                v(.double(Double(r) * 1.5)), v(.string(String(repeating: "x", count: r % 5) + "\(r)")),
                v(.binary(Array(repeating: UInt8(r & 0xff), count: r % 4))), v(.binary([UInt8(r & 0xff), 1, 2])),
                v(.date(Int32(r))), v(.timestamp(Int64(r) * 1_000_000_007, .nanoseconds)), v(.decimal(Int128(r) * 1001, scale: 3)),
                v(.uuid(UUID(uuid: (UInt8(r & 0xff), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)))),
                v(.list((0..<(r % 4)).map { k in k == 2 ? .null : .string("t\(r).\(k)") })),
                v(.list((0..<(r % 3)).map { k in .list((0..<k).map { .int32(Int32(r + $0)) }) })),
            ])
        }
        return b.finish()
    }

    @Test func gatherCopiesTheChosenRowsOfEveryType() throws {
        let batch = try Self.batch(rows: 40)
        let rows = [39, 0, 1, 1, 17, 4, 2, 38]
        let out = batch.gather(rows)
        #expect(out.count == rows.count)
        #expect(out.schema == batch.schema)
        for (k, r) in rows.enumerated() {
            #expect(out.row(k) == batch.row(r), "row \(r)")
        }
        // Null counts are recomputed: rows 1, 1, 4 are the null ones.
        #expect(out.column(named: "s")?.nullCount == 3)
        #expect(out.column(named: "id")?.validity == nil)
        // The result validates as a batch of the same schema.
        #expect(throws: Never.self) { try RecordBatch(schema: out.schema, columns: out.columns) }
    }

    @Test func gatherOfASliceAndOfNothing() throws {
        let batch = try Self.batch(rows: 30)
        let slice = batch.slice(7..<20)
        let out = slice.gather([12, 0, 5])
        #expect(out.row(0) == batch.row(19))
        #expect(out.row(1) == batch.row(7))
        #expect(out.row(2) == batch.row(12))
        let none = slice.gather([])
        #expect(none.count == 0)
        #expect(none.columns.allSatisfy { $0.count == 0 })
    }

    @Test func filterMaskKeepsTrueRowsInOrder() throws {
        let batch = try Self.batch(rows: 25)
        let mask = Buffer((0..<25).map { $0 % 4 == 0 || $0 == 13 })
        let out = batch.filter(mask: mask)
        let expected = (0..<25).filter { $0 % 4 == 0 || $0 == 13 }
        #expect(out.count == expected.count)
        for (k, r) in expected.enumerated() { #expect(out.row(k) == batch.row(r)) }

        #expect(batch.filter(mask: Buffer(repeating: true, count: 25)) == batch)
        let empty = batch.filter(mask: Buffer(repeating: false, count: 25))
        #expect(empty.count == 0 && empty.schema == batch.schema)
    }

    @Test func filterByPredicateOnAListBatch() throws {
        let batch = try Self.batch(rows: 12)
        let p = try FilterPredicate.parse("tags IS NOT NULL AND (i >= 42 OR s = 'xx2')", schema: batch.schema)
        let out = try batch.filter(p)
        // Rows with r % 3 == 1 are null; i = 7r >= 42 holds from row 6 on; s = 'xx2' only in row 2.
        #expect(out.count == 5)
        #expect(out.column(named: "id")?.allValues == [2, 6, 8, 9, 11].map { .int64($0) })
        #expect(out.row(1) == batch.row(6))
    }
}

extension Buffer {
    init(repeating value: Element, count: Int) { self.init([Element](repeating: value, count: count)) }
}
