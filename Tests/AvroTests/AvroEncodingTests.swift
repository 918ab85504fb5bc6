import Testing
@testable import Avro

@Suite struct AvroEncodingTests {
    @Test func zigzagVarintsMatchTheSpecification() throws {
        // Avro spec table: 0→00, -1→01, 1→02, -2→03, 2→04, -64→7f, 64→80 01.
        let cases: [(Int64, [UInt8])] = [(0, [0x00]), (-1, [0x01]), (1, [0x02]), (-2, [0x03]), (2, [0x04]),
                                         (-64, [0x7F]), (64, [0x80, 0x01]), (150, [0xAC, 0x02])]
        for (value, bytes) in cases {
            var e = AvroEncoder()
            e.writeLong(value)
            #expect(e.bytes == bytes, "encoding \(value)")
            var d = AvroDecoder(bytes)
            #expect(try d.readLong() == value)
            #expect(d.isAtEnd)
        }
    }

    @Test func extremeLongsRoundTrip() throws {
        for v in [Int64.max, Int64.min, Int64.max - 1, Int64.min + 1, 1 << 62, -(1 << 62)] {
            var e = AvroEncoder()
            e.writeLong(v)
            #expect(e.bytes.count <= 10)
            var d = AvroDecoder(e.bytes)
            #expect(try d.readLong() == v)
        }
    }

    @Test func intOutOfRangeIsCorrupt() throws {
        var e = AvroEncoder()
        e.writeLong(Int64(Int32.max) + 1)
        var d = AvroDecoder(e.bytes)
        let error = try #require(throws: AvroError.self) { try d.readInt() }
        #expect(error.kind == .corrupt)
    }

    @Test func overlongVarintIsCorrupt() throws {
        var d = AvroDecoder([UInt8](repeating: 0xFF, count: 11))
        let error = try #require(throws: AvroError.self) { try d.readLong() }
        #expect(error.kind == .corrupt)
        #expect(error.offset == 0)
    }

    @Test func primitivesRoundTripThroughSchemas() throws {
        let schema = AvroSchema.record(AvroRecord(name: "all", fields: [
            AvroField("n", .null), AvroField("b", .boolean), AvroField("i", .int), AvroField("l", .long),
            AvroField("f", .float), AvroField("d", .double), AvroField("by", .bytes), AvroField("s", .string),
            AvroField("fx", .fixed(AvroFixed(name: "f4", size: 4))),
            AvroField("e", .enumeration(AvroEnum(name: "color", symbols: ["red", "green"]))),
            AvroField("a", .array(AvroArray(items: .long))),
            AvroField("m", .map(AvroMap(values: .string))),
            AvroField("u", .optional(.long)), AvroField("u2", .optional(.string)),
        ]))
        let value = AvroValue.record([
            "n": .null, "b": .boolean(true), "i": .int(-123456), "l": .long(Int64.min), "f": .float(1.5), "d": .double(-0.25),
            "by": .bytes([0, 255, 7]), "s": .string("héllo ✓"), "fx": .fixed([1, 2, 3, 4]), "e": .enumeration("green"),
            "a": .array([.long(1), .long(-2), .long(300)]), "m": .map([AvroMapEntry("k", .string("v")), AvroMapEntry("", .string(""))]),
            "u": .null, "u2": .string("x"),
        ])
        var e = AvroEncoder()
        try e.write(value, as: schema)
        var d = AvroDecoder(e.bytes)
        #expect(try d.read(schema) == value)
        #expect(d.isAtEnd)
    }

    @Test func knownRecordEncodingIsByteExact() throws {
        // {"a": 27 (long), "b": "foo"} encodes as 36 06 66 6f 6f (Avro spec example).
        let schema = AvroSchema.record(AvroRecord(name: "test", fields: [AvroField("a", .long), AvroField("b", .string)]))
        var e = AvroEncoder()
        try e.write(.record(["a": .long(27), "b": .string("foo")]), as: schema)
        #expect(e.bytes == [0x36, 0x06, 0x66, 0x6F, 0x6F])
    }

    @Test func unionPicksTheMatchingBranchAndEncodesItsIndex() throws {
        var e = AvroEncoder()
        try e.write(.long(1), as: .optional(.long))
        try e.write(.null, as: .optional(.long))
        #expect(e.bytes == [0x02, 0x02, 0x00])
    }

    @Test func missingFieldsTakeTheirDefault() throws {
        let schema = AvroSchema.record(AvroRecord(name: "r", fields: [
            AvroField("x", .optional(.long), defaultValue: .null), AvroField("y", .int, defaultValue: 7),
        ]))
        var e = AvroEncoder()
        try e.write(.record([:]), as: schema)
        var d = AvroDecoder(e.bytes)
        #expect(try d.read(schema) == .record(["x": .null, "y": .int(7)]))
    }

    @Test func mismatchedValuesAreRejectedWithAPath() throws {
        let schema = AvroSchema.record(AvroRecord(name: "r", fields: [AvroField("inner", .array(AvroArray(items: .int)))]))
        var e = AvroEncoder()
        let error = try #require(throws: AvroError.self) {
            try e.write(.record(["inner": .array([.int(1), .string("no")])]), as: schema)
        }
        #expect(error.kind == .typeMismatch)
        #expect(error.path == "inner.[1]")
        let missing = try #require(throws: AvroError.self) { try e.write(.record([:]), as: schema) }
        #expect(missing.message.contains("inner"))
    }

    @Test func blocksWithByteSizesAreRead() throws {
        // An array written as one block with a negative count and a byte size: -2, size 2, items 1, 2, end.
        var d = AvroDecoder([0x03, 0x04, 0x02, 0x04, 0x00])
        #expect(try d.read(.array(AvroArray(items: .long))) == .array([.long(1), .long(2)]))
    }
}
