import Testing
@testable import Avro
@testable import Iceberg

/// Appendix D JSON single-value serialization, with the spec's examples.
@Suite struct LiteralJSONTests {
    @Test func specExamples() throws {
        let cases: [(JSONValue, IcebergType, Literal)] = [
            (true, .boolean, .boolean(true)), (34, .int, .int(34)), (34, .long, .long(34)), (1.0, .float, .float(1)),
            (1.0, .double, .double(1)), ("14.20", .decimal(precision: 9, scale: 2), .decimal(unscaled: 1420, scale: 2)),
            ("2017-11-16", .date, .date(17486)), ("22:31:08.123456", .time, .time(81_068_123_456)),
            ("2017-11-16T22:31:08.123456", .timestamp, .timestamp(1_510_871_468_123_456)),
            ("2017-11-16T22:31:08.123456+00:00", .timestamptz, .timestamptz(1_510_871_468_123_456)),
            ("2017-11-16T22:31:08.123456789", .timestampNs, .timestampNs(1_510_871_468_123_456_789)),
            ("2017-11-16T22:31:08.123456789+00:00", .timestamptzNs, .timestamptzNs(1_510_871_468_123_456_789)),
            ("iceberg", .string, .string("iceberg")),
            ("f79c3e09-677c-4bbd-a479-3f349cb785e7", .uuid, Literal.uuid(string: "f79c3e09-677c-4bbd-a479-3f349cb785e7")!),
            ("000102ff", .fixed(4), .fixed([0, 1, 2, 255])), ("000102ff", .binary, .binary([0, 1, 2, 255])),
        ]
        for (json, type, literal) in cases {
            #expect(try Literal(json: json, type: type) == literal, "\(type.name)")
            #expect(literal.json == json, "\(type.name)")
        }
    }

    @Test func lenientInputsNormalise() throws {
        #expect(try Literal(json: "2017-11-16T14:31:08-08:00", type: .timestamptz) == .timestamptz(1_510_871_468_000_000))
        #expect(try Literal(json: "2017-11-16T22:31:08Z", type: .timestamptz) == .timestamptz(1_510_871_468_000_000))
        #expect(try Literal(json: "-1.5", type: .decimal(precision: 5, scale: 2)) == .decimal(unscaled: -150, scale: 2))
        #expect(try Literal(json: "1969-12-31T23:59:59.9", type: .timestamp) == .timestamp(-100_000))
    }

    @Test func invalidValuesAreRejected() throws {
        let cases: [(JSONValue, IcebergType)] = [
            ("2026-02-30", .date), ("2026-13-01", .date), ("25:00:00", .time), ("1.234", .decimal(precision: 9, scale: 2)),
            ("abc", .fixed(2)), ("0102", .fixed(3)), (1.5, .int), (3_000_000_000, .int), ("x", .uuid), (1, .string),
            ("2017-11-16T22:31:08", .timestamptz), ("2017-11-16 22:31:08", .timestamp),
        ]
        for (json, type) in cases {
            #expect(throws: IcebergError.self, "\(json.serialized()) as \(type.name)") { try Literal(json: json, type: type) }
        }
    }
}
