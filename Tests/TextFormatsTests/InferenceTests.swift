import Columnar
import Foundation
import Testing
@testable import TextFormats

@Suite struct InferenceTests {
    @Test func csvColumnTypes() throws {
        let text = """
        b,i,d,mixed,dt,tsz,tsn,tsns,s,empty,both,ts_and_date,zone_mix
        true,1,1.5,1,2026-01-02,2026-01-02T03:04:05Z,2026-01-02 03:04:05,2026-01-02T03:04:05.123456789,x,,1,2026-01-02,2026-01-02T00:00:00Z
        FALSE,-2,,2.5,2026-12-31,2026-01-02T03:04:05.5+01:00,2026-01-02T03:04:05.25,2026-01-02T03:04:05,007,,true,2026-01-02T03:04:05,2026-01-02T00:00:00
        ,3,NaN,3,,,,,y,,,,
        """
        let (schema, rows) = try readAll(text)
        let types = Dictionary(uniqueKeysWithValues: schema.fields.map { ($0.name, $0.type) })
        #expect(types["b"] == .boolean)
        #expect(types["i"] == .int64)
        #expect(types["d"] == .double)
        #expect(types["mixed"] == .double)
        #expect(types["dt"] == .date)
        #expect(types["tsz"] == .timestamp(unit: .microseconds, utc: true))
        #expect(types["tsn"] == .timestamp(unit: .microseconds, utc: false))
        #expect(types["tsns"] == .timestamp(unit: .nanoseconds, utc: false))
        #expect(types["s"] == .string)
        #expect(types["empty"] == .string)
        #expect(types["both"] == .string)
        #expect(types["ts_and_date"] == .timestamp(unit: .microseconds, utc: false))
        #expect(types["zone_mix"] == .string)
        #expect(schema.fields.allSatisfy { $0.nullable })
        #expect(rows[1][1] == .int64(-2))
        #expect(rows[1][5] == .timestamp(micros(2026, 1, 2, 2, 4, 5, 500_000), .microseconds))
        #expect(rows[0][7] == .timestamp(micros(2026, 1, 2, 3, 4, 5) * 1000 + 123_456_789, .nanoseconds))
        #expect(rows[2][0] == .null)
        #expect(rows[1][8] == .string("007"))
    }

    @Test func sampleSizeAndFullScan() throws {
        var text = "v\n"
        for i in 0..<20 { text += "\(i)\n" }
        text += "1.5\n"
        var options = TextReadOptions()
        options.inference = .sample(rows: 5)
        options.batchSize = 7
        let e = textError { _ = try readAll(bytes: Array(text.utf8), schema: nil, name: "s.csv", options: options) }
        #expect(e?.description == "s.csv:22: column 'v': cannot read \"1.5\" as int64; expected an integer")
        options.inference = .fullScan
        let (schema, rows) = try readAll(text, options: options)
        #expect(schema.fields[0].type == .double)
        #expect(rows.count == 21)
        #expect(rows[20] == [.double(1.5)])
        // Full scan of JSON Lines, and of a file.
        let (js, jrows) = try readAll("{\"a\":1}\n{\"a\":2.5,\"b\":\"x\"}\n", .jsonl, options: options)
        #expect(js.fields.map(\.type) == [.double, .string])
        #expect(jrows == [[.double(1), .null], [.double(2.5), .string("x")]])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tf-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try SchemaInference.infer(path: path, options: options).fields[0].type == .double)
        var sampled = TextReadOptions()
        sampled.inference = .sample(rows: 3)
        #expect(try SchemaInference.infer(path: path, options: sampled).fields[0].type == .int64)
    }

    @Test func fullScanNeedsARewindableInput() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("a\n1\n".utf8))
        try pipe.fileHandleForWriting.close()
        var options = TextReadOptions()
        options.inference = .fullScan
        let e = textError { _ = try TextTableReader(fileHandle: pipe.fileHandleForReading, format: .csv, options: options) }
        #expect(e?.kind == .unsupported)
    }

    @Test func jsonTypes() throws {
        let text = """
        {"b":true,"i":1,"d":1,"s":"x","ts":"2026-01-02T03:04:05Z","dt":"2026-01-02","l":[1,2],"ld":[[1.5]],"o":{"k":1},"n":null,"num_str":"12"}
        {"b":false,"i":-5,"d":2.5,"s":"2026-01-02","ts":"2026-01-02T03:04:05.1Z","dt":null,"l":[],"ld":[[],null],"o":{"k":2},"n":null,"num_str":"13"}
        """
        let (schema, rows) = try readAll(text, .jsonl)
        let types = Dictionary(uniqueKeysWithValues: schema.fields.map { ($0.name, $0.type) })
        #expect(schema.names == ["b", "i", "d", "s", "ts", "dt", "l", "ld", "o", "n", "num_str"])
        #expect(types["b"] == .boolean)
        #expect(types["i"] == .int64)
        #expect(types["d"] == .double)
        #expect(types["s"] == .string)
        #expect(types["ts"] == .timestamp(unit: .microseconds, utc: true))
        #expect(types["dt"] == .date)
        #expect(types["l"] == .list(element: Field("element", .int64)))
        #expect(types["ld"] == .list(element: Field("element", .list(element: Field("element", .double)))))
        #expect(types["o"] == .string)
        #expect(types["n"] == .string)
        #expect(types["num_str"] == .string)
        #expect(rows[0][7] == .list([.list([.double(1.5)])]))
        #expect(rows[1][7] == .list([.list([]), .null]))
        #expect(rows[0][8] == .string("{\"k\":1}"))
        #expect(rows[0][10] == .string("12"))
    }
}
