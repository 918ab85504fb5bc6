import Columnar
import Foundation
import Testing
@testable import TextFormats

@Suite struct CoercionTests {
    static let uuidText = "123e4567-e89b-12d3-a456-426614174000"
    static let uuid = UUID(uuidString: uuidText)!

    let schema = Schema([
        Field("b", .boolean), Field("i32", .int32), Field("i64", .int64), Field("f", .float), Field("d", .double),
        Field("s", .string), Field("bin", .binary), Field("fx", .fixedBinary(width: 2)), Field("dt", .date),
        Field("ms", .timestamp(unit: .milliseconds, utc: true)), Field("ns", .timestamp(unit: .nanoseconds, utc: false)),
        Field("dec", .decimal(precision: 6, scale: 2)), Field("u", .uuid),
        Field("l", .list(element: Field("element", .int32))), Field("lt", .list(element: Field("element", .date))),
    ])

    var expected: [Value] {
        [.boolean(true), .int32(-7), .int64(1 << 40), .float(0.25), .double(0.1), .string("hé"), .binary(Array("hello".utf8)),
         .binary([0xFF, 0x00]), .date(20_455), .timestamp(micros(2026, 1, 2, 3, 4, 5, 123_000) / 1000, .milliseconds),
         .timestamp(micros(2026, 1, 2, 3, 4, 5) * 1000 + 7, .nanoseconds), .decimal(123_45, scale: 2), .uuid(Self.uuid),
         .list([.int32(1), .null, .int32(3)]), .list([.date(0)])]
    }

    @Test func csvCoercesEveryType() throws {
        let header = schema.names.joined(separator: ",")
        let row = "true,-7,1099511627776,0.25,0.1,hé,aGVsbG8=,/wA=,2026-01-02,2026-01-02T03:04:05.123Z,2026-01-02T03:04:05.000000007,123.45,\(Self.uuidText),\"[1,null,3]\",\"[\"\"1970-01-01\"\"]\""
        let nulls = Array(repeating: "", count: schema.fields.count).joined(separator: ",")
        let (_, rows) = try readAll(header + "\n" + row + "\n" + nulls + "\n", schema: schema)
        #expect(rows[0] == expected)
        #expect(rows[1] == Array(repeating: .null, count: schema.fields.count))
    }

    @Test func jsonlCoercesEveryType() throws {
        let line = """
        {"b":true,"i32":-7,"i64":1099511627776,"f":0.25,"d":0.1,"s":"h\\u00e9","bin":"aGVsbG8=","fx":"/wA=","dt":"2026-01-02",\
        "ms":"2026-01-02T03:04:05.123Z","ns":"2026-01-02T03:04:05.000000007","dec":123.45,"u":"\(Self.uuidText)","l":[1,null,3],"lt":["1970-01-01"]}
        """
        let (_, rows) = try readAll(line + "\n{}\n", .jsonl, schema: schema)
        #expect(rows[0] == expected)
        #expect(rows[1] == Array(repeating: .null, count: schema.fields.count))
        // Numbers in strings, epoch integers for timestamps, decimals as strings.
        let (_, more) = try readAll("{\"i64\":\"42\",\"ms\":1767323045123,\"dec\":\"-0.5\",\"d\":\"NaN\",\"s\":12.50,\"b\":\"false\"}", .jsonl, schema: schema)
        #expect(more[0][2] == .int64(42))
        #expect(more[0][9] == .timestamp(1_767_323_045_123, .milliseconds))
        #expect(more[0][11] == .decimal(-50, scale: 2))
        #expect(more[0][4].doubleValue?.isNaN == true)
        #expect(more[0][5] == .string("12.50"))
        #expect(more[0][0] == .boolean(false))
    }

    @Test func csvEpochIntegersForTimestamps() throws {
        let s = Schema([Field("t", .timestamp(unit: .microseconds, utc: true))])
        let (_, rows) = try readAll("t\n1767323045000000\n-1\n", schema: s)
        #expect(rows == [[.timestamp(1_767_323_045_000_000, .microseconds)], [.timestamp(-1, .microseconds)]])
    }

    @Test func valuesThatDoNotFitAreErrors() {
        func fail(_ type: DataType, _ text: String) -> TextFormatError? {
            textError { _ = try readAll(bytes: Array("c\n\"\(text)\"\n".utf8), schema: Schema([Field("c", type)]), name: "v.csv") }
        }
        #expect(fail(.int64, "abc")?.message == "cannot read \"abc\" as int64; expected an integer")
        #expect(fail(.int32, "1099511627776")?.message == "cannot read \"1099511627776\" as int32 (out of range); expected an integer between -2147483648 and 2147483647")
        #expect(fail(.date, "2026-13-01")?.description == "v.csv:2: column 'c': cannot read \"2026-13-01\" as date; expected YYYY-MM-DD")
        #expect(fail(.decimal(precision: 5, scale: 2), "1234.5")?.message == "cannot read \"1234.5\" as decimal(5,2); expected a number with at most 5 digits, 2 after the point")
        #expect(fail(.decimal(precision: 5, scale: 2), "1.234")?.kind == .conversion)
        #expect(fail(.boolean, "maybe")?.kind == .conversion)
        #expect(fail(.double, "1,5")?.kind == .conversion)
        #expect(fail(.float, "x")?.kind == .conversion)
        #expect(fail(.uuid, "not-a-uuid")?.kind == .conversion)
        #expect(fail(.binary, "***")?.kind == .conversion)
        #expect(fail(.fixedBinary(width: 4), "/wA=")?.message == "cannot read \"/wA=\" as fixed[4] (decodes to 2 bytes); expected base64 text of 4 bytes")
        #expect(fail(.timestamp(unit: .microseconds, utc: true), "yesterday")?.kind == .conversion)
        #expect(fail(.timestamp(unit: .nanoseconds, utc: true), "2500-01-01T00:00:00Z")?.message.contains("out of range") == true)
        #expect(fail(.list(element: Field("element", .int64)), "[1,")?.message == "cannot read \"[1,\" as list<int64> (not a JSON array); expected a JSON array")
        #expect(fail(.list(element: Field("element", .int64)), "[1,\"\"x\"\"]")?.kind == .conversion)
        #expect(fail(.list(element: Field("element", .int64, nullable: false)), "[null]")?.kind == .missingValue)
    }
}
