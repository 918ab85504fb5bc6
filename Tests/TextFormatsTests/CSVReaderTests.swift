import Columnar
import Foundation
import Testing
@testable import TextFormats

@Suite struct CSVReaderTests {
    let schema = Schema([Field("id", .int64, nullable: false), Field("name", .string), Field("score", .double)])

    @Test func readsQuotedFieldsWithDelimitersNewlinesAndEscapes() throws {
        let text = "id,name,score\r\n1,\"Smith, Jane\",1.5\r\n2,\"say \"\"hi\"\"\nbye\",\r\n3,plain,-2\n"
        let (s, rows) = try readAll(text, schema: schema)
        #expect(s == schema)
        #expect(rows == [
            [.int64(1), .string("Smith, Jane"), .double(1.5)],
            [.int64(2), .string("say \"hi\"\nbye"), .null],
            [.int64(3), .string("plain"), .double(-2)],
        ])
    }

    @Test func skipsBOMAndBlankLinesAndHandlesMissingFinalNewline() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name,score\n\n1,a,2\n\r\n2,b,3".utf8)
        let (_, rows) = try readAll(bytes: bytes, schema: schema)
        #expect(rows.map { $0[0] } == [.int64(1), .int64(2)])
        #expect(rows[1][2] == .double(3))
    }

    @Test func nullTokensAndQuotedEmptyStrings() throws {
        let text = "id,name,score\n1,,NA\n2,\"\",NULL\n3,\"NULL\",null\n4,N/A,\n"
        let (_, rows) = try readAll(text, schema: schema)
        #expect(rows.map { $0[1] } == [.null, .string(""), .string("NULL"), .null])
        #expect(rows.map { $0[2] } == [.null, .null, .null, .null])
        var options = TextReadOptions()
        options.csv.nullValues = ["-"]
        let (_, custom) = try readAll("id,name,score\n1,-,-\n2,,\n", schema: schema, options: options)
        #expect(textError { _ = try readAll("id,name,score\n1,a,NA\n", schema: schema, options: options) }?.kind == .conversion)
        #expect(custom.map { $0[1] } == [.null, .string("")])
        #expect(custom[0][2] == .null)
        #expect(custom[1][2] == .null)   // empty is null in non-string columns regardless
    }

    @Test func otherDelimitersAndNoHeader() throws {
        var options = TextReadOptions()
        options.csv = CSVReadOptions(delimiter: UInt8(ascii: ";"))
        let (_, rows) = try readAll("id;name;score\n1;\"a;b\";2,5\n", schema: Schema([Field("id", .int64), Field("name", .string), Field("score", .string)]), options: options)
        #expect(rows == [[.int64(1), .string("a;b"), .string("2,5")]])
        options.csv = CSVReadOptions(delimiter: UInt8(ascii: "\t"))
        options.csv.hasHeader = false
        let (s, tabbed) = try readAll("1\tx\n2\ty\n", options: options)
        #expect(s.names == ["f0", "f1"])
        #expect(tabbed == [[.int64(1), .string("x")], [.int64(2), .string("y")]])
        let (named, _) = try readAll("1\tx\n", schema: Schema([Field("a", .int32), Field("b", .string)]), options: options)
        #expect(named.names == ["a", "b"])
        let mismatch = textError { _ = try readAll(bytes: Array("1\tx\n".utf8), schema: Schema([Field("a", .int32)]), name: "n.tsv", options: options) }
        #expect(mismatch?.description == "n.tsv:1: the input has 2 fields per record but the schema has 1 columns (no header: columns are matched by position)")
    }

    @Test func columnsMatchByNameInAnyOrder() throws {
        let (_, rows) = try readAll("score,id,name\n0.5,7,x\n", schema: schema)
        #expect(rows == [[.int64(7), .string("x"), .double(0.5)]])
        // A nullable schema column absent from the input is all null.
        let (_, partial) = try readAll("id\n1\n", schema: schema)
        #expect(partial == [[.int64(1), .null, .null]])
    }

    @Test func extraAndMissingColumns() throws {
        let extra = textError { _ = try readAll(bytes: Array("id,name,score,bonus\n1,a,2,3\n".utf8), name: "t.csv") }
        #expect(extra == nil) // inference: no schema, no problem
        let e = textError { _ = try readAll(bytes: Array("id,name,score,bonus\n1,a,2,3\n".utf8), schema: schema, name: "t.csv") }
        #expect(e?.kind == .unknownColumn)
        #expect(e?.column == "bonus")
        var options = TextReadOptions()
        options.ignoreExtraColumns = true
        let (_, rows) = try readAll("id,bonus,name,score\n1,9,a,2\n", schema: schema, options: options)
        #expect(rows == [[.int64(1), .string("a"), .double(2)]])
        let missing = textError { _ = try readAll(bytes: Array("name,score\na,2\n".utf8), schema: schema, name: "t.csv") }
        #expect(missing?.description == "t.csv: column 'id': required column 'id' is missing from the input")
    }

    @Test func errorMessages() {
        func fail(_ text: String, schema: Schema? = nil) -> TextFormatError? {
            textError { _ = try readAll(bytes: Array(text.utf8), schema: schema, name: "data.csv") }
        }
        let ragged = fail("a,b\n1,2\n3,4,5\n")
        #expect(ragged?.kind == .raggedRow)
        #expect(ragged?.description == "data.csv:3: expected 2 fields (as in the header) but found 3")

        let unterminated = fail("a,b\n1,\"open\n2,3\n")
        #expect(unterminated?.kind == .unterminatedQuote)
        #expect(unterminated?.line == 2)
        #expect(unterminated?.description == "data.csv:2: column 'b': quoted field 2 is not closed before the end of the input (byte 6)")

        let stray = fail("a,b\n1,ab\"c\n")
        #expect(stray?.kind == .strayQuote)
        #expect(stray?.line == 2)
        #expect(stray?.offset == 8)
        #expect(fail("a,b\n1,\"ab\"c\n")?.kind == .strayQuote)

        let conversion = fail("id,name,score\n1,a,2\nabc,b,3\n", schema: schema)
        #expect(conversion?.kind == .conversion)
        #expect(conversion?.description == "data.csv:3: column 'id': cannot read \"abc\" as int64; expected an integer")

        let required = fail("id,name,score\n,a,1\n", schema: schema)
        #expect(required?.kind == .missingValue)
        #expect(required?.description == "data.csv:2: column 'id': required column 'id' has no value")

        let duplicate = fail("a,b,a\n1,2,3\n")
        #expect(duplicate?.kind == .badHeader)
        #expect(duplicate?.description == "data.csv:1: column 'a': header has the column name 'a' twice (columns 1 and 3)")
        #expect(fail("a,,c\n1,2,3\n")?.message == "header column 2 has an empty name")

        let long = String(repeating: "x", count: 100)
        let truncated = fail("id,name,score\n\(long),a,1\n", schema: schema)
        #expect(truncated?.message == "cannot read \"\(String(repeating: "x", count: 40))…\" as int64; expected an integer")
    }

    @Test func syntaxErrorsAreTheSameWithASchemaAndAnyChunkSize() {
        // With a schema, data records go through the batch scanner rather than the sampler.
        let s = Schema([Field("a", .int64), Field("b", .string)])
        let cases: [(String, TextFormatError.Kind, Int, String?)] = [
            ("a,b\n1,x\n2,y,z\n", .raggedRow, 3, nil),
            ("a,b\n1,x\n2\n", .raggedRow, 3, nil),
            ("a,b\n1,x\n2,\"open\n3,4\n", .unterminatedQuote, 3, "b"),
            ("a,b\n1,x\n2,ab\"c\n", .strayQuote, 3, "b"),
            ("a,b\n1,x\n\"2\"x,y\n", .strayQuote, 3, "a"),
            ("a,b\n1,\"x\ny\"\nq,y\n", .conversion, 4, "a"),
        ]
        for (text, kind, line, column) in cases {
            for chunk in [1, 2, 3, 5, 8, 1 << 20] {
                for schema in [s, nil] {
                    let e = textError { _ = try readAll(bytes: Array(text.utf8), schema: schema, name: "e.csv", options: tinyChunks(chunk, batchSize: 2)) }
                    if kind == .conversion && schema == nil { #expect(e == nil); continue }
                    #expect(e?.kind == kind, "\(text) chunk \(chunk)")
                    #expect(e?.line == line, "\(text) chunk \(chunk)")
                    #expect(e?.column == column, "\(text) chunk \(chunk)")
                    #expect(e?.file == "e.csv")
                }
            }
        }
    }

    @Test func invalidUTF8ReportsByteOffset() {
        let bytes = Array("id,name,score\n1,ok,1\n2,".utf8) + [0x62, 0xFF] + Array(",1\n".utf8)
        let e = textError { _ = try readAll(bytes: bytes, schema: schema, name: "u.csv") }
        #expect(e?.kind == .invalidUTF8)
        #expect(e?.line == 3)
        #expect(e?.column == "name")
        #expect(e?.offset == 24)
    }

    @Test func emptyInputIsReportedAndOptionallyAnError() throws {
        var reader = try TextTableReader(string: "", format: .csv)
        #expect(reader.inputIsEmpty)
        #expect(try reader.next() == nil)
        var headerOnly = try TextTableReader(string: "id,name,score\n", format: .csv, schema: schema)
        #expect(!headerOnly.inputIsEmpty)
        #expect(try headerOnly.next() == nil)
        #expect(headerOnly.rowsRead == 0)
        var strict = TextReadOptions()
        strict.allowEmpty = false
        let e = textError {
            var r = try TextTableReader(string: "id,name,score\n", name: "h.csv", format: .csv, schema: schema, options: strict)
            _ = try r.next()
        }
        #expect(e?.description == "h.csv: the input has a header but no rows")
        let e2 = textError {
            var r = try TextTableReader(string: "", format: .csv, options: strict)
            _ = try r.next()
        }
        #expect(e2?.kind == .emptyInput)
    }

    @Test func batchesRespectBatchSize() throws {
        var text = "id,name,score\n"
        for i in 0..<10 { text += "\(i),n\(i),\(i).5\n" }
        var options = TextReadOptions()
        options.batchSize = 4
        var reader = try TextTableReader(string: text, format: .csv, schema: schema, options: options)
        var sizes: [Int] = []
        while let b = try reader.next() { sizes.append(b.count) }
        #expect(sizes == [4, 4, 2])
        #expect(reader.rowsRead == 10)
    }

    @Test func largeBatchesConvertColumnsConcurrentlyAndReportTheSequentialError() throws {
        // 10,000 rows: above the size at which a batch's columns convert concurrently.
        var lines = ["id,name,score"]
        for i in 0..<10_000 { lines.append("\(i),n\(i),\(Double(i) + 0.5)") }
        let good = try readAll(lines.joined(separator: "\n") + "\n", schema: schema).rows
        #expect(good.count == 10_000 && good[9_999] == [.int64(9_999), .string("n9999"), .double(9_999.5)])
        // Bad values in two columns: `score` early, `id` late. Column by column, `id` fails first.
        lines[1 + 3_000] = "3000,n3000,oops"
        lines[1 + 9_000] = "nine,n9000,9000.5"
        let error = textError { _ = try readAll(lines.joined(separator: "\n") + "\n", schema: schema) }
        #expect(error?.column == "id" && error?.line == 9_002, "\(String(describing: error))")
    }

    @Test func everyChunkSizeGivesTheSameRows() throws {
        // Quoted newlines, doubled quotes, CRLF and multi-byte UTF-8 land on every possible chunk split.
        let text = "id,name,score\r\n1,\"a,\"\"b\"\"\r\nc\",1.25\r\n2,Zürich 😀,\r\n3,\"\",-0.5\r\n4,\"日本\",7"
        let expected = try readAll(text, schema: schema).rows
        #expect(expected.count == 4)
        #expect(expected[0][1] == .string("a,\"b\"\r\nc"))
        #expect(expected[1][1] == .string("Zürich 😀"))
        for chunk in 1...12 {
            let (_, rows) = try readAll(text, schema: schema, options: tinyChunks(chunk))
            #expect(rows == expected, "chunk size \(chunk)")
            let (_, inferred) = try readAll(text, options: tinyChunks(chunk, batchSize: 2))
            #expect(inferred.count == 4, "chunk size \(chunk)")
        }
    }

    @Test func readsFilesWithProgress() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rows.csv").path
        var text = "id,name,score\n"
        for i in 0..<1000 { text += "\(i),name \(i),\(Double(i) / 4)\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        final class Log: @unchecked Sendable { // test-only: written from the reader's thread, read after
            var calls: [(Int64, Int64?)] = []
        }
        let log = Log()
        var options = TextReadOptions()
        options.chunkSize = 1000
        options.batchSize = 300
        options.progress = { log.calls.append(($0, $1)) }
        var reader = try TextTableReader(path: path, schema: schema, options: options)
        var total = 0
        while let b = try reader.next() { total += b.count }
        #expect(total == 1000)
        #expect(reader.totalBytes == Int64(text.utf8.count))
        #expect(reader.bytesConsumed == Int64(text.utf8.count))
        #expect(log.calls.count >= text.utf8.count / 1000)
        #expect(log.calls.last?.0 == Int64(text.utf8.count))
        #expect(log.calls.allSatisfy { $0.1 == Int64(text.utf8.count) })
        let tsv = dir.appendingPathComponent("rows.tsv").path
        try "a\tb\n1\t2\n".write(toFile: tsv, atomically: true, encoding: .utf8)
        var tabbed = try TextTableReader(path: tsv)
        #expect(tabbed.schema.names == ["a", "b"])
        #expect(try tabbed.next()?.count == 1)
        #expect(textError { _ = try TextTableReader(path: dir.appendingPathComponent("none.csv").path) }?.kind == .io)
        #expect(textError { _ = try TextTableReader(path: dir.appendingPathComponent("x.parquet").path) }?.kind == .unsupported)
    }

    @Test func fieldsLongerThanManyChunks() throws {
        let long = String(repeating: "ab,\"\"c\n", count: 20_000)   // 160 KB of quoted content with escapes
        let text = "id,name,score\n1,\"\(long)\",2\n2,short,3\n"
        let (_, rows) = try readAll(text, schema: schema, options: tinyChunks(4096, batchSize: 1))
        #expect(rows.count == 2)
        #expect(rows[0][1] == .string(String(repeating: "ab,\"c\n", count: 20_000)))
        #expect(rows[1] == [.int64(2), .string("short"), .double(3)])
    }

    @Test func readsFromFileHandlePipe() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("id,name,score\n5,p,1\n".utf8))
        try pipe.fileHandleForWriting.close()
        var reader = try TextTableReader(fileHandle: pipe.fileHandleForReading, format: .csv, schema: schema)
        #expect(reader.totalBytes == nil)
        #expect(try reader.next()?.row(0) == [.int64(5), .string("p"), .double(1)])
    }
}
