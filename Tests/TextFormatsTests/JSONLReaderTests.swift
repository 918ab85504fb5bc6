import Columnar
import Foundation
import Testing
@testable import TextFormats

@Suite struct JSONLReaderTests {
    let schema = Schema([
        Field("id", .int64, nullable: false), Field("name", .string), Field("score", .double),
        Field("tags", .list(element: Field("element", .string))),
    ])

    @Test func readsObjectsMissingKeysAndBlankLines() throws {
        let text = """
        {"id": 1, "name": "a\\"b\\u00e9\\ud83d\\ude00", "score": 1.5, "tags": ["x", "y"]}

        {"tags": [], "id": 2}
           \t
        {"id":3,"name":null,"score":-2,"tags":null}\r
        """
        let (_, rows) = try readAll(text, .jsonl, schema: schema)
        #expect(rows == [
            [.int64(1), .string("a\"bé😀"), .double(1.5), .list([.string("x"), .string("y")])],
            [.int64(2), .null, .null, .list([])],
            [.int64(3), .null, .double(-2), .null],
        ])
    }

    @Test func unknownKeysAreErrorsUnlessIgnored() throws {
        let text = "{\"id\":1}\n{\"id\":2,\"extra\":true}\n"
        let e = textError { _ = try readAll(bytes: Array(text.utf8), .jsonl, schema: schema, name: "d.jsonl") }
        #expect(e?.kind == .unknownColumn)
        #expect(e?.description == "d.jsonl:2: column 'extra': unknown key 'extra' (schema columns: id, name, score, tags); remove it or ignore unknown keys")
        var options = TextReadOptions()
        options.jsonl.ignoreUnknownKeys = true
        let (_, rows) = try readAll(text, .jsonl, schema: schema, options: options)
        #expect(rows.map { $0[0] } == [.int64(1), .int64(2)])
    }

    @Test func nestedObjectsAreErrorsOrJSONText() throws {
        let text = "{\"id\":1,\"name\":{\"first\": \"a\", \"n\": [1, {\"z\": null}]}}\n"
        let (_, rows) = try readAll(text, .jsonl, schema: schema)
        #expect(rows[0][1] == .string("{\"first\": \"a\", \"n\": [1, {\"z\": null}]}"))
        let e = textError { _ = try readAll(bytes: Array("{\"id\":1,\"score\":{\"a\":1}}".utf8), .jsonl, schema: schema, name: "n.jsonl") }
        #expect(e?.kind == .conversion)
        #expect(e?.description == "n.jsonl:1: column 'score': a nested object cannot be read as double; declare the column as string to keep it as JSON text")
        let arrayAsString = try readAll("{\"id\":1,\"name\":[1,\"a\\n\",null,true]}", .jsonl, schema: schema)
        #expect(arrayAsString.rows[0][1] == .string("[1,\"a\\n\",null,true]"))
    }

    @Test func malformedJSONNamesLineAndColumn() {
        func fail(_ text: String) -> TextFormatError? {
            textError { _ = try readAll(bytes: Array(text.utf8), .jsonl, schema: schema, name: "m.jsonl") }
        }
        let e = fail("{\"id\":1}\n{\"id\":2,,}\n")
        #expect(e?.kind == .malformedJSON)
        #expect(e?.line == 2)
        #expect(e?.description == "m.jsonl:2: malformed JSON at column 9: expected a quoted key (byte 17)")
        #expect(fail("{\"name\":\"é\" x}")?.message == "malformed JSON at column 13: expected ',' or '}' after a value")
        #expect(fail("[1,2]")?.message == "malformed JSON at column 1: expected a JSON object ('{') at the start of the line")
        #expect(fail("{\"id\":1} 2")?.kind == .malformedJSON)
        #expect(fail("{\"id\":01}")?.kind == .malformedJSON)
        #expect(fail("{\"id\":1,\"name\":\"a\tb\"}")?.kind == .malformedJSON)
        #expect(fail("{\"id\":1,\"name\":\"\\ud800\"}")?.kind == .malformedJSON)
        #expect(fail("{\"id\":1,\"id\":2}")?.message == "key 'id' appears twice in the object")
        #expect(fail("{\"name\":\"x\"}")?.description == "m.jsonl:1: column 'id': required column 'id' has no value")
        #expect(fail("{\"id\":\"x1\"}")?.description == "m.jsonl:1: column 'id': cannot read \"x1\" as int64; expected an integer")
        #expect(fail("{\"id\":1.5}")?.kind == .conversion)
        #expect(fail("{\"id\":1,\"tags\":\"a\"}")?.kind == .conversion)
    }

    @Test func invalidUTF8() {
        let bytes = Array("{\"id\":1}\n{\"id\":2,\"name\":\"".utf8) + [0xC3, 0x28] + Array("\"}\n".utf8)
        let e = textError { _ = try readAll(bytes: bytes, .jsonl, schema: schema, name: "u.jsonl") }
        #expect(e?.kind == .invalidUTF8)
        #expect(e?.line == 2)
        #expect(e?.offset == 9 + 16)
    }

    @Test func everyChunkSizeGivesTheSameRows() throws {
        let text = "{\"id\":1,\"name\":\"Zürich 😀 日本\",\"tags\":[\"a\",\"b\"]}\r\n\n{\"id\":2,\"score\":1e3}\n{\"id\":3,\"name\":\"\\\"q\\\"\"}"
        let expected = try readAll(text, .jsonl, schema: schema).rows
        #expect(expected.count == 3)
        for chunk in 1...10 {
            #expect(try readAll(text, .jsonl, schema: schema, options: tinyChunks(chunk)).rows == expected, "chunk \(chunk)")
            #expect(try readAll(text, .jsonl, options: tinyChunks(chunk, batchSize: 1)).rows.count == 3, "chunk \(chunk)")
        }
    }

    @Test func escapedKeysAndPipes() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("{\"\\u0069d\":7,\"na\\/me\":\"x\"}\n".utf8))
        try pipe.fileHandleForWriting.close()
        let s = Schema([Field("id", .int64), Field("na/me", .string)])
        var reader = try TextTableReader(fileHandle: pipe.fileHandleForReading, format: .jsonl, schema: s)
        #expect(try reader.next()?.row(0) == [.int64(7), .string("x")])
        #expect(try reader.next() == nil)
    }

    @Test func emptyInput() throws {
        var r = try TextTableReader(string: "\n  \n", format: .jsonl, schema: schema)
        #expect(r.inputIsEmpty)
        #expect(try r.next() == nil)
        var inferred = try TextTableReader(string: "", format: .jsonl)
        #expect(inferred.schema.fields.isEmpty)
        #expect(try inferred.next() == nil)
    }
}
