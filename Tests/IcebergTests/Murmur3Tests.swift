import Testing
@testable import Iceberg

/// The test vectors of the Iceberg spec, Appendix B.
@Suite struct Murmur3Tests {
    @Test func specVectors() throws {
        #expect(Murmur3.hash(.int(34)) == 2017239379)
        #expect(Murmur3.hash(.long(34)) == 2017239379)
        #expect(Murmur3.hash(.decimal(unscaled: 1420, scale: 2)) == -500754589)
        #expect(Murmur3.hash(.date(17486)) == -653330422)  // 2017-11-16
        #expect(Murmur3.hash(.time(81_068_000_000)) == -662762989)  // 22:31:08
        #expect(Murmur3.hash(.timestamp(1_510_871_468_000_000)) == -2047944441)  // 2017-11-16T22:31:08
        #expect(Murmur3.hash(.timestamp(1_510_871_468_000_001)) == -1207196810)
        #expect(Murmur3.hash(.timestamptz(1_510_871_468_000_000)) == -2047944441)
        #expect(Murmur3.hash(.timestampNs(1_510_871_468_000_000_000)) == -2047944441)
        #expect(Murmur3.hash(.timestamptzNs(1_510_871_468_000_001_001)) == -1207196810)
        #expect(Murmur3.hash(.string("iceberg")) == 1210000089)
        #expect(Murmur3.hash(Literal.uuid(string: "f79c3e09-677c-4bbd-a479-3f349cb785e7")!) == 1488055340)
        #expect(Murmur3.hash(.fixed([0, 1, 2, 3])) == -188683207)
        #expect(Murmur3.hash(.binary([0, 1, 2, 3])) == -188683207)
        #expect(Murmur3.hash(.boolean(true)) == 1392991556)
        #expect(Murmur3.hash(.float(1.0)) == -142385009)
        #expect(Murmur3.hash(.float(0.0)) == 1669671676)
        #expect(Murmur3.hash(.float(-0.0)) == 1669671676)
        #expect(Murmur3.hash(.double(1.0)) == -142385009)
        #expect(Murmur3.hash(.double(-0.0)) == 1669671676)
    }

    @Test func uuidLiteralParsesTheSpecExampleBigEndian() throws {
        let u = try #require(Literal.uuid(string: "f79c3e09-677c-4bbd-a479-3f349cb785e7"))
        #expect(u == .uuid([0xF7, 0x9C, 0x3E, 0x09, 0x67, 0x7C, 0x4B, 0xBD, 0xA4, 0x79, 0x3F, 0x34, 0x9C, 0xB7, 0x85, 0xE7]))
        #expect(u.description == "f79c3e09-677c-4bbd-a479-3f349cb785e7")
    }

    @Test func tailLengthsAllHash() throws {
        // Every tail length (0–3 bytes after whole blocks) gives distinct hashes.
        let hashes = Set((0..<8).map { Murmur3.hash32(Array(UInt8(0)..<UInt8($0))) })
        #expect(hashes.count == 8)
        #expect(Murmur3.hash32([]) == 0)
    }
}
