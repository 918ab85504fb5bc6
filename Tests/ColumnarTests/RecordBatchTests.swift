import Foundation
import Testing
import Columnar

@Suite struct RecordBatchTests {
    let schema = Schema([
        Field("id", .int64, nullable: false, id: 1),
        Field("name", .string, id: 2),
        Field("score", .double, id: 3),
        Field("tags", .list(element: Field("element", .string, id: 5)), id: 4),
    ])

    func sample() throws -> RecordBatch {
        var b = RecordBatchBuilder(schema: schema)
        try b.append(row: [.int64(1), .string("ann"), .double(0.5), .list([.string("a"), .string("b")])])
        try b.append(row: [.int64(2), .null, .double(1.5), .list([])])
        try b.append(row: [.int64(3), .string("cy"), .null, .null])
        return b.finish()
    }

    @Test func buildsRowsAndReadsThemBack() throws {
        let batch = try sample()
        #expect(batch.count == 3)
        #expect(batch.row(0) == [.int64(1), .string("ann"), .double(0.5), .list([.string("a"), .string("b")])])
        #expect(batch.row(1) == [.int64(2), .null, .double(1.5), .list([])])
        #expect(batch.row(2) == [.int64(3), .string("cy"), .null, .null])
        #expect(batch.column(named: "name")?.nullCount == 1)
        #expect(batch.column(named: "id")?.validity == nil)
    }

    @Test func slicesShareStorageAndKeepValues() throws {
        let batch = try sample()
        let s = batch.slice(1..<3)
        #expect(s.count == 2)
        #expect(s.row(0) == batch.row(1))
        #expect(s.row(1) == batch.row(2))
        #expect(s.column(named: "name")?.nullCount == 1)
        #expect(s.slice(1..<2).row(0) == batch.row(2))
    }

    @Test func projectionPicksColumnsInOrder() throws {
        let p = try sample().project(["score", "id"])
        #expect(p.schema.names == ["score", "id"])
        #expect(p.row(0) == [.double(0.5), .int64(1)])
        #expect(throws: ColumnarError.self) { try sample().project(["nope"]) }
    }

    @Test func rejectsNullInRequiredColumnAndWrongTypes() throws {
        var b = RecordBatchBuilder(schema: schema)
        #expect(throws: ColumnarError.self) { try b.append(row: [.null, .null, .null, .null]) }
        var c = RecordBatchBuilder(schema: schema)
        #expect(throws: ColumnarError.self) { try c.append(row: [.string("x"), .null, .null, .null]) }
        #expect(throws: ColumnarError.self) { try c.append(row: [.int64(1)]) }
    }

    @Test func typedColumnsCoverEveryLogicalType() throws {
        let u = UUID()
        let fields: [Field] = [
            Field("b", .boolean), Field("d", .date), Field("ts", .timestamp(unit: .microseconds, utc: true)),
            Field("dec", .decimal(precision: 10, scale: 2)), Field("u", .uuid), Field("f", .float),
            Field("bin", .binary), Field("fx", .fixedBinary(width: 3)),
        ]
        var b = RecordBatchBuilder(schema: Schema(fields))
        try b.append(row: [.boolean(true), .date(19000), .timestamp(5, .milliseconds), .decimal(12345, scale: 2),
                           .uuid(u), .float(1.5), .binary([1, 2]), .binary([7, 8, 9])])
        let batch = b.finish()
        #expect(batch.row(0) == [.boolean(true), .date(19000), .timestamp(5000, .microseconds), .decimal(12345, scale: 2),
                                 .uuid(u), .float(1.5), .binary([1, 2]), .binary([7, 8, 9])])
    }

    @Test func concatenateJoinsBatches() throws {
        let a = try sample()
        let c = try RecordBatch.concatenate([a, a.slice(0..<1)], schema: schema)
        #expect(c.count == 4)
        #expect(c.row(3) == a.row(0))
    }
}
