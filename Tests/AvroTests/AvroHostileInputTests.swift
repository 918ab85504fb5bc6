import Testing
@testable import Avro

@Suite struct AvroHostileInputTests {
    static func sampleFile(_ codec: AvroCodec) throws -> [UInt8] {
        try AvroContainer(schema: Sample.schema, codec: codec, values: Sample.values(12)).encoded(blockSize: 128)
    }

    @Test(arguments: AvroCodec.allCases)
    func everyTruncationThrowsATypedError(_ codec: AvroCodec) throws {
        let bytes = try Self.sampleFile(codec)
        // Cutting at any point either throws or (exactly at a block boundary) yields a prefix of the items.
        let full = try AvroContainer(reading: bytes).values
        for cut in 0..<bytes.count {
            do {
                let read = try AvroContainer(reading: Array(bytes[0..<cut]))
                #expect(Array(full.prefix(read.values.count)) == read.values)
            } catch {
                #expect(error.offset == nil || error.offset! <= cut)
            }
        }
    }

    @Test(arguments: AvroCodec.allCases)
    func flippedBytesNeverCrash(_ codec: AvroCodec) throws {
        let bytes = try Self.sampleFile(codec)
        var rng = SplitMix(seed: 42)
        for _ in 0..<400 {
            var mutated = bytes
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let i = Int(rng.next() % UInt64(mutated.count))
                mutated[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            }
            _ = try? AvroContainer(reading: mutated)
        }
    }

    @Test func badMagicIsCorrupt() throws {
        let error = try #require(throws: AvroError.self) { try AvroContainer(reading: Array("PAR1xxxxxxxx".utf8)) }
        #expect(error.kind == .corrupt)
        #expect(error.offset == 0)
    }

    @Test func syncMismatchIsReportedAtItsOffset() throws {
        var bytes = try AvroContainer(schema: .long, values: [.long(1)]).encoded()
        bytes[bytes.count - 1] ^= 0xFF
        let error = try #require(throws: AvroError.self) { try AvroContainer(reading: bytes) }
        #expect(error.kind == .corrupt)
        #expect(error.offset == bytes.count - 16)
    }

    @Test func hugeStringLengthDoesNotAllocate() throws {
        var e = AvroEncoder()
        e.writeLong(Int64.max / 2)
        var d = AvroDecoder(e.bytes + [1, 2, 3])
        let error = try #require(throws: AvroError.self) { try d.readString() }
        #expect(error.kind == .limitExceeded)
    }

    @Test func hugeArrayCountIsRejected() throws {
        var e = AvroEncoder()
        e.writeLong(1 << 40)
        var d = AvroDecoder(e.bytes + [0, 0])
        let error = try #require(throws: AvroError.self) { try d.read(.array(AvroArray(items: .long))) }
        #expect(error.kind == .limitExceeded)
        // Zero-size items are capped by maxEmptyItems instead of the remaining bytes.
        var n = AvroDecoder(e.bytes)
        n.maxEmptyItems = 1000
        #expect(throws: AvroError.self) { try n.read(.array(AvroArray(items: .null))) }
    }

    @Test func blockCountBeyondItsBytesIsRejected() throws {
        // Header + one block declaring 1_000_000 longs in 2 bytes.
        let good = try AvroContainer(schema: .long, values: []).encoded(syncMarker: [UInt8](repeating: 7, count: 16))
        var e = AvroEncoder()
        e.writeLong(1_000_000)
        e.writeLong(2)
        let bytes = good + e.bytes + [2, 4] + [UInt8](repeating: 7, count: 16)
        let error = try #require(throws: AvroError.self) { try AvroContainer(reading: bytes) }
        #expect(error.kind == .corrupt)
    }

    @Test func deflateBombIsLimited() throws {
        let values = [AvroValue](repeating: .string(String(repeating: "a", count: 100_000)), count: 50)
        let bytes = try AvroContainer(schema: .string, codec: .deflate, values: values).encoded(blockSize: 10 << 20)
        let error = try #require(throws: AvroError.self) {
            try AvroContainer(reading: bytes, limits: AvroReadLimits(maxBlockBytes: 1 << 20))
        }
        #expect(error.kind == .codec)
    }

    @Test func invalidUnionIndexIsCorrupt() throws {
        var d = AvroDecoder([0x06])
        let error = try #require(throws: AvroError.self) { try d.read(.optional(.long)) }
        #expect(error.kind == .corrupt)
    }

    @Test func invalidUTF8IsCorrupt() throws {
        var d = AvroDecoder([0x04, 0xC3, 0x28])
        let error = try #require(throws: AvroError.self) { try d.readString() }
        #expect(error.kind == .corrupt)
    }
}

/// A small deterministic PRNG for fuzz-style tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
