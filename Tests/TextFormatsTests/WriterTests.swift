import Columnar
import Foundation
import Testing
@testable import TextFormats

@Suite struct WriterTests {
    static let schema = Schema([
        Field("id", .int64, nullable: false), Field("name", .string), Field("x", .double), Field("ok", .boolean),
        Field("ts", .timestamp(unit: .microseconds, utc: true)), Field("naive", .timestamp(unit: .milliseconds, utc: false)),
        Field("day", .date), Field("amount", .decimal(precision: 10, scale: 2)), Field("u", .uuid), Field("raw", .binary),
        Field("tags", .list(element: Field("element", .string))),
    ])

    static func batch() throws -> RecordBatch {
        var b = RecordBatchBuilder(schema: schema)
        try b.append(row: [.int64(1), .string("plain"), .double(1.5), .boolean(true),
                           .timestamp(micros(2026, 1, 2, 3, 4, 5, 123_456), .microseconds), .timestamp(micros(2026, 1, 2, 3, 4, 5) / 1000, .milliseconds),
                           .date(20_455), .decimal(1230, scale: 2), .uuid(UUID(uuidString: "123E4567-E89B-12D3-A456-426614174000")!),
                           .binary(Array("hello".utf8)), .list([.string("a"), .null])])
        try b.append(row: [.int64(-2), .string("q\"uo,te\n\u{01}"), .double(0.1), .boolean(false),
                           .timestamp(-1, .microseconds), .timestamp(1, .milliseconds), .date(-1), .decimal(-5, scale: 2), .null, .binary([]), .list([])])
        try b.append(row: [.int64(3), .null, .double(.nan), .null, .null, .null, .null, .null, .null, .null, .null])
        try b.append(row: [.int64(4), .string(""), .double(-.infinity), .null, .null, .null, .null, .null, .null, .null, .null])
        return b.finish()
    }

    @Test func jsonLinesGolden() throws {
        let out = MemoryOutput()
        var w = JSONLinesWriter(output: out, schema: Self.schema)
        try w.write(try Self.batch())
        try w.finish()
        #expect(out.string == """
        {"id":1,"name":"plain","x":1.5,"ok":true,"ts":"2026-01-02T03:04:05.123456Z","naive":"2026-01-02T03:04:05","day":"2026-01-02","amount":12.30,"u":"123e4567-e89b-12d3-a456-426614174000","raw":"aGVsbG8=","tags":["a",null]}
        {"id":-2,"name":"q\\"uo,te\\n\\u0001","x":0.1,"ok":false,"ts":"1969-12-31T23:59:59.999999Z","naive":"1970-01-01T00:00:00.001","day":"1969-12-31","amount":-0.05,"u":null,"raw":"","tags":[]}
        {"id":3,"name":null,"x":"NaN","ok":null,"ts":null,"naive":null,"day":null,"amount":null,"u":null,"raw":null,"tags":null}
        {"id":4,"name":"","x":"-Infinity","ok":null,"ts":null,"naive":null,"day":null,"amount":null,"u":null,"raw":null,"tags":null}

        """)
    }

    @Test func csvGolden() throws {
        let out = MemoryOutput()
        var w = CSVWriter(output: out, schema: Self.schema)
        try w.write(try Self.batch())
        try w.finish()
        #expect(out.string == """
        id,name,x,ok,ts,naive,day,amount,u,raw,tags
        1,plain,1.5,true,2026-01-02T03:04:05.123456Z,2026-01-02T03:04:05,2026-01-02,12.30,123e4567-e89b-12d3-a456-426614174000,aGVsbG8=,"[""a"",null]"
        -2,"q""uo,te
        \u{01}",0.1,false,1969-12-31T23:59:59.999999Z,1970-01-01T00:00:00.001,1969-12-31,-0.05,,"",[]
        3,,NaN,,,,,,,,
        4,"",-Infinity,,,,,,,,

        """)
    }

    @Test func csvHeaderOnlyAndQuotingOfNullLookalikes() throws {
        let out = MemoryOutput()
        let s = Schema([Field("a b", .string), Field("c,d", .int32)])
        var w = CSVWriter(output: out, schema: s)
        try w.finish()
        #expect(out.string == "a b,\"c,d\"\n")
        let out2 = MemoryOutput()
        var w2 = CSVWriter(output: out2, schema: s, delimiter: UInt8(ascii: "\t"), header: false)
        var b = RecordBatchBuilder(schema: s)
        for v in ["NULL", "NA", " pad", "a,b", "tab\there"] { try b.append(row: [.string(v), .int32(1)]) }
        try w2.write(b.finish())
        try w2.finish()
        #expect(out2.string == "\"NULL\"\t1\n\"NA\"\t1\n\" pad\"\t1\na,b\t1\n\"tab\there\"\t1\n")
    }

    @Test func tableGolden() throws {
        let s = Schema([Field("id", .int64), Field("name", .string), Field("amount", .decimal(precision: 6, scale: 2))])
        var b = RecordBatchBuilder(schema: s)
        try b.append(row: [.int64(1), .string("alice"), .decimal(1230, scale: 2)])
        try b.append(row: [.int64(22), .null, .decimal(-7, scale: 2)])
        try b.append(row: [.int64(3), .string(String(repeating: "é", count: 50) + "\nx"), .null])
        let out = MemoryOutput()
        var w = TableWriter(output: out, schema: s, maxCellWidth: 10)
        try w.write(b.finish())
        var more = RecordBatchBuilder(schema: s)
        try more.append(row: [.int64(123_456_789_012), .string("b"), .null])
        try w.write(more.finish())
        try w.finish()
        #expect(out.string == """
        id | name       | amount
        ---+------------+-------
         1 | alice      |  12.30
        22 | null       |  -0.07
         3 | ééééééééé… |   null
        1… | b          |   null
        (4 rows)

        """)
        let empty = MemoryOutput()
        var e = TableWriter(output: empty, schema: s)
        try e.finish()
        #expect(empty.string == "id | name | amount\n---+------+-------\n(0 rows)\n")
    }

    @Test func tableShowsEveryTypeOnOneLine() throws {
        let out = MemoryOutput()
        var w = TableWriter(output: out, schema: Self.schema)
        try w.write(try Self.batch().slice(0..<2))
        try w.finish()
        let lines = out.string.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 6)   // header, rule, 2 rows, footer, final newline
        #expect(lines[2].hasPrefix(" 1 | plain"))
        #expect(lines[2].contains("| 2026-01-02T03:04:05.123456Z | 2026-01-02T03:04:05     | 2026-01-02 |  12.30 | 123e4567-e89b-12d3-a456-426614174000 | aGVsbG8= | [\"a\",null]"))
        #expect(lines[3].contains("q\"uo,te\\n\\x01"))
        #expect(lines[4] == "(2 rows)")
        // Rows are aligned: everything before the last column has the same width (the last column is not padded).
        let prefixes = Set([lines[0], lines[2], lines[3]].map { $0.components(separatedBy: " | ").dropLast().joined(separator: " | ").count })
        #expect(prefixes.count == 1)
        #expect(lines[1].count == lines[2].count) // the widest cell of the last column spans the rule
    }

    @Test func valueFormatterConventions() {
        #expect(ValueFormatter.timestamp(0, unit: .nanoseconds, utc: true) == "1970-01-01T00:00:00Z")
        #expect(ValueFormatter.timestamp(1_500_000_000, unit: .nanoseconds, utc: false) == "1970-01-01T00:00:01.500000000")
        #expect(ValueFormatter.timestamp(253_402_300_799_999, unit: .milliseconds, utc: true) == "9999-12-31T23:59:59.999Z")
        #expect(ValueFormatter.date(-719_528) == "0000-01-01")
        #expect(ValueFormatter.decimal(5, scale: 3) == "0.005")
        #expect(ValueFormatter.decimal(-123_456, scale: 2) == "-1234.56")
        #expect(ValueFormatter.decimal(42, scale: 0) == "42")
        var out: [UInt8] = []
        ValueFormatter.appendInteger(Int64.min, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "-9223372036854775808")
        out = []
        ValueFormatter.appendBase64(Array("ab".utf8), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "YWI=")
    }

    @Test func writerRejectsOtherSchemas() throws {
        var w = JSONLinesWriter(output: MemoryOutput(), schema: Schema([Field("a", .int64)]))
        let other = RecordBatch.empty(Schema([Field("b", .int64)]))
        #expect(textError { try w.write(other) }?.kind == .unsupported)
    }

    @Test func roundTripsThroughCSVAndJSONLines() throws {
        let batch = try Self.batch()
        for format in [TextFormat.csv, .jsonl] {
            let out = MemoryOutput()
            if format == .csv {
                var w = CSVWriter(output: out, schema: Self.schema)
                try w.write(batch)
                try w.finish()
            } else {
                var w = JSONLinesWriter(output: out, schema: Self.schema)
                try w.write(batch)
                try w.finish()
            }
            for chunk in [3, 64, 1 << 20] {
                let (_, rows) = try readAll(bytes: out.bytes, format, schema: Self.schema, options: tinyChunks(chunk, batchSize: 2))
                #expect(rows.count == batch.count)
                for i in 0..<batch.count {
                    for (k, v) in rows[i].enumerated() {
                        let want = batch.row(i)[k]
                        if case .double(let x) = want, x.isNaN { #expect(v.doubleValue?.isNaN == true); continue }
                        #expect(v == want, "\(format) row \(i) column \(Self.schema.fields[k].name)")
                    }
                }
            }
        }
    }
}
