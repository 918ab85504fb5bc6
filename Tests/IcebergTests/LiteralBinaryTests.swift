import Testing
@testable import Iceberg

/// Appendix D single-value binary serialization.
@Suite struct LiteralBinaryTests {
    @Test func knownEncodings() throws {
        #expect(Literal.int(1).binary == [1, 0, 0, 0])
        #expect(Literal.long(-2).binary == [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Literal.float(1.0).binary == [0, 0, 0x80, 0x3F])
        #expect(Literal.double(0.5).binary == [0, 0, 0, 0, 0, 0, 0xE0, 0x3F])
        #expect(Literal.string("é").binary == [0xC3, 0xA9])
        #expect(Literal.boolean(true).binary == [1])
        #expect(Literal.date(20485).binary == [0x05, 0x50, 0, 0])
        // Decimals: minimal two's complement big-endian.
        #expect(Literal.decimal(unscaled: 314, scale: 2).binary == [0x01, 0x3A])
        #expect(Literal.decimal(unscaled: 1, scale: 2).binary == [0x01])
        #expect(Literal.decimal(unscaled: 0, scale: 2).binary == [0x00])
        #expect(Literal.decimal(unscaled: -1, scale: 0).binary == [0xFF])
        #expect(Literal.decimal(unscaled: 128, scale: 0).binary == [0x00, 0x80])
        #expect(Literal.decimal(unscaled: -128, scale: 0).binary == [0x80])
        #expect(Literal.decimal(unscaled: -129, scale: 0).binary == [0xFF, 0x7F])
    }

    @Test func roundTripsEveryType() throws {
        let cases: [(Literal, IcebergType)] = [
            (.boolean(false), .boolean), (.int(Int32.min), .int), (.long(Int64.max), .long), (.float(-0.0), .float),
            (.double(.infinity), .double), (.decimal(unscaled: -225, scale: 2), .decimal(precision: 9, scale: 2)),
            (.decimal(unscaled: Int128(10).power(37), scale: 0), .decimal(precision: 38, scale: 0)),
            (.date(-719_162), .date), (.time(86_399_999_999), .time), (.timestamp(-1), .timestamp), (.timestamptz(1), .timestamptz),
            (.timestampNs(Int64.min), .timestampNs), (.timestamptzNs(5), .timestamptzNs), (.string(""), .string), (.string("ice✓"), .string),
            (Literal.uuid(string: "f79c3e09-677c-4bbd-a479-3f349cb785e7")!, .uuid), (.fixed([9, 8, 7]), .fixed(3)), (.binary([]), .binary),
        ]
        for (literal, type) in cases {
            #expect(try Literal(binary: literal.binary, type: type) == literal, "\(type.name)")
        }
    }

    @Test func wrongSizesAreTypeMismatches() throws {
        for (bytes, type) in [([UInt8](repeating: 0, count: 3), IcebergType.int), ([0], .long), ([], .decimal(precision: 3, scale: 0)),
                              ([0xC3], .string), ([1, 2], .uuid), ([1], .fixed(2)), ([0, 0], .boolean)] {
            let error = try #require(throws: IcebergError.self) { try Literal(binary: bytes, type: type) }
            #expect(error.kind == .typeMismatch)
        }
    }

    @Test func descriptionsAreReadable() throws {
        #expect(Literal.decimal(unscaled: -225, scale: 2).description == "-2.25")
        #expect(Literal.decimal(unscaled: 5, scale: 3).description == "0.005")
        #expect(Literal.date(20513).description == "2026-03-01")
        #expect(Literal.date(-1).description == "1969-12-31")
        #expect(Literal.timestamptz(1_772_366_400_000_001).description == "2026-03-01T12:00:00.000001+00:00")
        #expect(Literal.timestamp(-1).description == "1969-12-31T23:59:59.999999")
    }
}

extension Int128 {
    func power(_ n: Int) -> Int128 { (0..<n).reduce(1) { acc, _ in acc * self } }
}
