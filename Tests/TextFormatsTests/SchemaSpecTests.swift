import Columnar
import Foundation
import Testing
@testable import TextFormats

@Suite struct SchemaSpecTests {
    @Test func parsesCompactForm() throws {
        let s = try SchemaSpec.parse("id:int64!, name:string, amount:decimal(10,2), ts:timestamp[us,utc], tags:list<string>")
        #expect(s == Schema([
            Field("id", .int64, nullable: false), Field("name", .string), Field("amount", .decimal(precision: 10, scale: 2)),
            Field("ts", .timestamp(unit: .microseconds, utc: true)), Field("tags", .list(element: Field("element", .string))),
        ]))
    }

    @Test func acceptsAliasesAndDescriptions() throws {
        let aliases: [(String, DataType)] = [
            ("int", .int32), ("long", .int64), ("bigint", .int64), ("double", .double), ("float", .float), ("bool", .boolean),
            ("date", .date), ("timestamp", .timestamp(unit: .microseconds, utc: false)), ("uuid", .uuid), ("binary", .binary),
            ("timestamp[ns]", .timestamp(unit: .nanoseconds, utc: false)), ("timestamptz", .timestamp(unit: .microseconds, utc: true)),
            ("fixed[16]", .fixedBinary(width: 16)), ("decimal(5)", .decimal(precision: 5, scale: 0)),
            ("list<int!>", .list(element: Field("element", .int32, nullable: false))),
        ]
        for (text, type) in aliases { #expect(try SchemaSpec.parseType(text) == type, "\(text)") }
        let all: [DataType] = [.boolean, .int32, .int64, .float, .double, .string, .binary, .fixedBinary(width: 3), .date,
                               .timestamp(unit: .milliseconds, utc: true), .timestamp(unit: .nanoseconds, utc: false),
                               .decimal(precision: 38, scale: 9), .uuid, .list(element: Field("element", .list(element: Field("element", .double))))]
        for type in all {
            #expect(try SchemaSpec.parseType(type.description) == type, "\(type.description)")
            #expect(try SchemaSpec.parseType(SchemaSpec.typeName(type)) == type)
        }
        let schema = Schema([Field("a b", .int64, nullable: false), Field("c", .list(element: Field("element", .string, nullable: false)))])
        #expect(try SchemaSpec.parse(SchemaSpec.format(schema)) == schema)
        #expect(try SchemaSpec.parse("`x:y`:int, \"p,q\":string").names == ["x:y", "p,q"])
    }

    @Test func errorsNamePositions() {
        func message(_ text: String) -> String? { textError { _ = try SchemaSpec.parse(text) }?.message }
        #expect(message("id:int64, name:strin") == "unknown type 'strin' (known: boolean, int32, int64, float, double, string, binary, fixed[n], date, timestamp, decimal(p,s), uuid, list<…>) at position 16")
        #expect(message("id int64") == "expected ':' at position 9")
        #expect(message("id:decimal(10,2") == "expected ')' at position 16")
        #expect(message("a:int,a:int") == "field name 'a' appears twice at position 7")
        #expect(message("a:timestamp[s]") == "expected a time unit (ms, us or ns) at position 14")
        #expect(message("") == "empty schema: expected name:type at position 1")
        #expect(message("a:int x") == "unexpected 'x' at position 7")
        #expect(message("a:decimal(40,2)") != nil)
    }

    @Test func parsesJSONForm() throws {
        let json = #"{"fields":[{"name":"id","type":"int64","nullable":false},{"name":"ts","type":"timestamp[ms, UTC]"}]}"#
        #expect(try SchemaSpec.parse(json) == Schema([Field("id", .int64, nullable: false), Field("ts", .timestamp(unit: .milliseconds, utc: true))]))
        #expect(textError { _ = try SchemaSpec.parse(#"{"fields":[{"name":"a","type":"nope"}]}"#) }?.column == "a")
        #expect(textError { _ = try SchemaSpec.parse(#"{"fields":[{"name":"a"}]}"#) }?.kind == .invalidSchema)
        #expect(textError { _ = try SchemaSpec.parse(#"{"fields":[{"name":"a","type":"int","nullable":"no"}]}"#) }?.kind == .invalidSchema)
        #expect(textError { _ = try SchemaSpec.parse("{oops") }?.kind == .invalidSchema)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tf-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(json.utf8)))
        #expect(try SchemaSpec.parse(fileAt: path).names == ["id", "ts"])
        #expect(TextFormat.detect(path: "a/b.JSONL") == .jsonl)
        #expect(TextFormat.detect(path: "x.csv") == .csv)
        #expect(TextFormat.detect(path: "dir.v2/file") == nil)
    }
}
