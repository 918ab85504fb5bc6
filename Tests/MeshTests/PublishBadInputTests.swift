import Columnar
import Foundation
import Iceberg
import Parquet
import Testing
@testable import Mesh

@Suite("PublishPipeline: bad input")
struct PublishBadInputTests {
    /// One unreadable input: its file name and content, and what the one-line error must name.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var bytes: [UInt8]
        var mentions: [String]
        var testDescription: String { name }

        init(_ name: String, _ file: String, _ text: String, mentions: [String]) {
            self.init(name, file, Array(text.utf8), mentions: mentions)
        }

        init(_ name: String, _ file: String, _ bytes: [UInt8], mentions: [String]) {
            self.name = name
            self.file = file
            self.bytes = bytes
            self.mentions = mentions
        }
    }

    static let header = "id,amount,country,email,ts\n"
    static let good = "1,1.00,DE,a@b.c,2026-01-01T00:00:00Z\n"

    static let cases: [Case] = [
        Case("unterminated quote", "quote.csv", header + good + "2,2.00,\"DE,a@b.c,2026-01-01T00:00:00Z\n", mentions: ["quote.csv", "line 3"]),
        Case("stray quote", "stray.csv", header + good + "2,2.00,D\"E,a@b.c,2026-01-01T00:00:00Z\n", mentions: ["stray.csv", "line 3"]),
        Case("ragged row", "ragged.csv", header + good + good + "3,3.00,DE\n", mentions: ["ragged.csv", "line 4"]),
        Case("invalid UTF-8", "utf8.csv", Array((header + good).utf8) + [0x32, 0x2C, 0x31, 0x2C, 0x44, 0xFF, 0x45, 0x2C, 0x2C] + Array("2026-01-01T00:00:00Z\n".utf8),
             mentions: ["utf8.csv", "line 3"]),
        Case("value does not fit the type", "type.csv", header + good + "2,abc,DE,a@b.c,2026-01-01T00:00:00Z\n", mentions: ["type.csv", "line 3", "amount", "abc"]),
        Case("too many decimals", "scale.csv", header + "2,1.005,DE,a@b.c,2026-01-01T00:00:00Z\n", mentions: ["scale.csv", "line 2", "amount", "1.005"]),
        Case("bad timestamp", "ts.csv", header + "2,1.00,DE,a@b.c,yesterday\n", mentions: ["ts.csv", "line 2", "ts", "yesterday"]),
        Case("unknown column", "extra.csv", "id,amount,country,email,ts,colour\n1,1.00,DE,a@b.c,2026-01-01T00:00:00Z,red\n", mentions: ["extra.csv", "colour", "contract"]),
        Case("missing required column", "noid.csv", "amount,country,email,ts\n1.00,DE,a@b.c,2026-01-01T00:00:00Z\n", mentions: ["noid.csv", "'id'"]),
        Case("empty file", "empty.csv", "", mentions: ["empty.csv", "empty"]),
        Case("blank lines only", "blank.jsonl", "\n\n", mentions: ["blank.jsonl", "empty"]),
        Case("header without rows", "header.csv", header, mentions: ["header.csv", "no rows"]),
        Case("unknown format", "data.txt", header + good, mentions: ["data.txt", "format"]),
        Case("malformed JSON line", "bad.jsonl", "{\"id\": 1, \"amount\": 1.0, \"ts\": \"2026-01-01T00:00:00Z\"}\n{\"id\": 2, \"amount\": \n",
             mentions: ["bad.jsonl", "line 2"]),
        Case("JSON key not in the contract", "key.jsonl", "{\"id\": 1, \"amount\": 1.0, \"ts\": \"2026-01-01T00:00:00Z\", \"colour\": \"red\"}\n",
             mentions: ["key.jsonl", "colour"]),
        Case("JSON value does not fit", "jtype.jsonl", "{\"id\": \"x1\", \"amount\": 1.0, \"ts\": \"2026-01-01T00:00:00Z\"}\n", mentions: ["jtype.jsonl", "line 1", "id"]),
        Case("JSON required key in no row", "nots.jsonl", "{\"id\": 1, \"amount\": 1.0}\n{\"id\": 2}\n", mentions: ["nots.jsonl", "'ts'"]),
        Case("not a Parquet file", "fake.parquet", header + good, mentions: ["fake.parquet", "Parquet"]),
    ]

    @Test("each unreadable or mismatched input is a one-line error naming file, line and column, and leaves nothing", arguments: cases)
    func badInput(_ c: Case) throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        // A good version first, so "nothing left behind" covers a table with data too.
        _ = try PublishPipeline().run(try PublishFixture.request([try PublishFixture.write(PublishFixture.csv(0..<5), "ok.csv", in: dir)], tag: "v1"), table: &table)
        let before = try PublishFixture.state(table)
        let path = try PublishFixture.write(c.bytes, c.file, in: dir)
        let error = #expect(throws: MeshError.self) {
            try PublishPipeline(targetFileSize: 1024, batchSize: 1).run(try PublishFixture.request([path], tag: "v2"), table: &table)
        }
        // Columns that do not match the contract are schema drift (a recorded, alerted rejection
        // at the service level); everything else is unreadable input.
        let drift: Set<String> = ["unknown column", "missing required column", "JSON required key in no row"]
        #expect(error?.kind == (drift.contains(c.name) ? .schemaMismatch : .invalidInput))
        let text = error?.description ?? ""
        #expect(!text.contains("\n"), "one line: \(text)")
        for mention in c.mentions { #expect(text.contains(mention), "'\(mention)' in: \(text)") }
        let after = try PublishFixture.state(table)
        #expect(after.keys == before.keys)
        #expect(after.metadata == before.metadata)
    }

    @Test("a later bad row fails the publish after files were written, and they are deleted")
    func failureAfterRolledFiles() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let before = try PublishFixture.state(table)
        let text = PublishFixture.csv(0..<3000) + "3000,1.00,DE,a@b.c,not-a-time\n"
        let path = try PublishFixture.write(text, "late.csv", in: dir)
        let error = #expect(throws: MeshError.self) {
            try PublishPipeline(targetFileSize: 2048, batchSize: 200).run(try PublishFixture.request([path], tag: "v1"), table: &table)
        }
        #expect(error?.description.contains("line 3002") == true, "\(error?.description ?? "")")
        #expect(try PublishFixture.state(table).keys == before.keys)
    }

    @Test("a Parquet input is matched by name and its types checked against the contract")
    func parquetTypes() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let before = try PublishFixture.state(table)
        // amount as a string: no conversion to decimal(10,2).
        let schema = Schema([Field("id", .int64), Field("amount", .string), Field("ts", .timestamp(unit: .microseconds, utc: true))])
        let batch = try RecordBatch(schema: schema, columns: [
            Column(type: .int64, values: .int64([1])),
            Column(type: .string, values: .bytes(VariableBytes(offsets: [0, 3], data: Buffer(Array("1.5".utf8))))),
            Column(type: .timestamp(unit: .microseconds, utc: true), values: .int64([0])),
        ])
        let path = try PublishFixture.write(try ParquetWriter.write([batch], schema: schema), "typed.parquet", in: dir)
        let error = #expect(throws: MeshError.self) { try PublishPipeline().run(try PublishFixture.request([path], tag: "v1"), table: &table) }
        #expect(error?.kind == .schemaMismatch)
        #expect(error?.description.contains("typed.parquet") == true)
        #expect(error?.description.contains("amount") == true)
        #expect(try PublishFixture.state(table).keys == before.keys)
    }

    @Test("a Parquet value that does not fit names its row")
    func parquetOverflow() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let schema = Schema([Field("id", .int64), Field("amount", .decimal(precision: 20, scale: 2)), Field("ts", .timestamp(unit: .milliseconds, utc: true))])
        let batch = try RecordBatch(schema: schema, columns: [
            Column(type: .int64, values: .int64([1, 2, 3])),
            Column(type: .decimal(precision: 20, scale: 2), values: .decimal([100, 250, 1_000_000_000_000])),
            Column(type: .timestamp(unit: .milliseconds, utc: true), values: .int64([0, 1, 2])),
        ])
        let path = try PublishFixture.write(try ParquetWriter.write([batch], schema: schema), "wide.parquet", in: dir)
        let error = #expect(throws: MeshError.self) { try PublishPipeline().run(try PublishFixture.request([path], tag: "v1"), table: &table) }
        let text = error?.description ?? ""
        #expect(text.contains("wide.parquet") && text.contains("row 3") && text.contains("amount"), "\(text)")
    }

    @Test("a Parquet input with narrower types is converted to the contract's")
    func parquetConversion() throws {
        let dir = try PublishFixture.folder()
        var table = try PublishFixture.table()
        let schema = Schema([Field("id", .int32), Field("amount", .decimal(precision: 5, scale: 1)), Field("country", .string),
                             Field("ts", .timestamp(unit: .milliseconds, utc: true))])
        let batch = try RecordBatch(schema: schema, columns: [
            Column(type: .int32, values: .int32([1, 2])),
            Column(type: .decimal(precision: 5, scale: 1), values: .decimal([15, 20])),
            Column(type: .string, values: .bytes(VariableBytes(offsets: [0, 2, 4], data: Buffer(Array("DEUS".utf8))))),
            Column(type: .timestamp(unit: .milliseconds, utc: true), values: .int64([1_000, 2_000])),
        ])
        let path = try PublishFixture.write(try ParquetWriter.write([batch], schema: schema), "narrow.parquet", in: dir)
        let outcome = try PublishPipeline().run(try PublishFixture.request([path], tag: "v1"), table: &table)
        #expect(outcome.accepted)
        let read = try #require(try TableScan(table: table).readAll().first)
        #expect(read.column(named: "id")?.value(at: 1) == .int64(2))
        #expect(read.column(named: "amount")?.value(at: 0) == .decimal(150, scale: 2))
        #expect(read.column(named: "ts")?.value(at: 1) == .timestamp(2_000_000, .microseconds))
        #expect(read.column(named: "email")?.value(at: 0) == .null)
    }
}
