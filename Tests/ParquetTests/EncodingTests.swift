import Foundation
import Testing
@testable import Parquet

@Suite("Encodings")
struct EncodingTests {
    static func decodeRle(_ bytes: [UInt8], width: Int, count: Int) throws -> [UInt32] {
        try withBytes(bytes) { (p) throws(ParquetError) in
            var r = ByteReader(p)
            var out: [UInt32] = []
            try RleHybrid.decode(&r, bitWidth: width, count: count, into: &out)
            return out
        }
    }

    @Test("bit packing matches the spec example (values 0…7, width 3)")
    func specBitPacking() throws {
        var out: [UInt8] = []
        BitPacking.pack((0..<8).map(UInt64.init), bitWidth: 3, into: &out)
        #expect(out == [0b1000_1000, 0b1100_0110, 0b1111_1010])
        // The same values as one bit-packed run of the hybrid encoding.
        #expect(try Self.decodeRle([0x03] + out, width: 3, count: 8) == Array(0..<8))
    }

    @Test("RLE runs: a known byte sequence")
    func knownRle() throws {
        // 10 × 4 as an RLE run (header 10<<1), then 8 literals bit-packed with width 3.
        #expect(try Self.decodeRle([0x14, 0x04, 0x03, 0x88, 0xC6, 0xFA], width: 3, count: 18) == [UInt32](repeating: 4, count: 10) + Array(0..<8))
        var enc: [UInt8] = []
        [UInt32](repeating: 4, count: 10).withUnsafeBufferPointer { RleHybrid.encode($0, bitWidth: 3, into: &enc) }
        #expect(enc == [0x14, 0x04])
    }

    @Test("RLE hybrid round-trips random data at every width", arguments: [0, 1, 2, 3, 5, 8, 13, 17, 24, 31, 32])
    func rleRoundTrip(width: Int) throws {
        var rng = SeededGenerator(seed: UInt64(width))
        let maxValue: UInt64 = width == 0 ? 0 : (1 << UInt64(width)) - 1
        var values: [UInt32] = []
        while values.count < 5000 {
            let v = UInt32(UInt64.random(in: 0...maxValue, using: &rng))
            values += [UInt32](repeating: v, count: Bool.random(using: &rng) ? 1 : Int.random(in: 1...40, using: &rng))
        }
        var enc: [UInt8] = []
        values.withUnsafeBufferPointer { RleHybrid.encode($0, bitWidth: width, into: &enc) }
        #expect(try Self.decodeRle(enc, width: width, count: values.count) == values)
    }

    @Test("RLE rejects runs longer than expected and widths above 32")
    func rleHostile() throws {
        #expect(throws: ParquetError.self) { try Self.decodeRle([0xFE, 0xFF, 0x01, 0x01], width: 1, count: 10) }
        #expect(throws: ParquetError.self) { try Self.decodeRle([0x02, 0x01], width: 33, count: 1) }
        #expect(throws: ParquetError.self) { try Self.decodeRle([0x00], width: 1, count: 1) }
        #expect(throws: ParquetError.self) { try Self.decodeRle([0x02, 0x07], width: 2, count: 1) } // value does not fit
    }

    @Test("DELTA_BINARY_PACKED: the spec's example 1…5 and random round trips via a reference encoder")
    func deltaBinaryPacked() throws {
        // Spec example: 1 2 3 4 5 -> deltas 1 1 1 1, min delta 1, bit width 0.
        var bytes: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00]
        let values = try withBytes(bytes) { (p) throws(ParquetError) in
            var r = ByteReader(p)
            return try DeltaDecoder.binaryPacked(&r, limit: 5)
        }
        #expect(values == [1, 2, 3, 4, 5])
        bytes[3] = 0x06 // 6 values claimed, limit 5
        #expect(throws: ParquetError.self) {
            try withBytes(bytes) { (p) throws(ParquetError) in var r = ByteReader(p); _ = try DeltaDecoder.binaryPacked(&r, limit: 5) }
        }
    }

    @Test("BYTE_STREAM_SPLIT of floats")
    func byteStreamSplit() throws {
        let floats: [Float] = [1.5, -2.25, 1e-3]
        let plain = floats.flatMap { f in withUnsafeBytes(of: f.bitPattern.littleEndian) { Array($0) } }
        var split = [UInt8](repeating: 0, count: plain.count)
        for i in 0..<3 { for k in 0..<4 { split[k * 3 + i] = plain[i * 4 + k] } }
        var values = DecodedValues(physical: .float, width: 0)
        try withBytes(split) { (p) throws(ParquetError) in
            var r = ByteReader(p)
            try DeltaDecoder.byteStreamSplit(&r, count: 3, into: &values)
        }
        #expect(values.floats == floats)
    }

    @Test("DELTA_BYTE_ARRAY prefixes longer than the previous value are rejected")
    func deltaByteArrayHostile() throws {
        // prefix lengths [5] (first value has no predecessor), suffix lengths [1], data "a".
        let bytes: [UInt8] = [0x80, 0x01, 0x04, 0x01, 0x0A, 0x80, 0x01, 0x04, 0x01, 0x02, UInt8(ascii: "a")]
        var values = DecodedValues(physical: .byteArray, width: 0)
        #expect(throws: ParquetError.self) {
            try withBytes(bytes) { (p) throws(ParquetError) in var r = ByteReader(p); try DeltaDecoder.byteArray(&r, count: 1, into: &values) }
        }
    }

    @Test("PLAIN INT96 converts Julian day + nanoseconds to the Unix epoch")
    func int96() throws {
        #expect(PlainDecoder.int96ToNanos(nanosOfDay: 5, julianDay: 2_440_588) == 5)
        #expect(PlainDecoder.int96ToNanos(nanosOfDay: 0, julianDay: 2_440_589) == 86_400_000_000_000)
    }

    @Test("DELTA_BINARY_PACKED round-trips and ends exactly where the stream ends", arguments: [0, 1, 2, 31, 33, 127, 128, 129, 1000])
    func deltaRoundTrip(count: Int) throws {
        var rng = SeededGenerator(seed: UInt64(count) + 1)
        let shapes: [[Int64]] = [
            (0..<count).map { _ in Int64.random(in: .min ... .max, using: &rng) },
            (0..<count).map { Int64($0) * 3 - 7 },
            (0..<count).map { _ in Int64(Int32.random(in: .min ... .max, using: &rng)) },
            (0..<count).map { $0 % 2 == 0 ? .max : .min },
        ]
        for (shape, values) in shapes.enumerated() {
            var bytes: [UInt8] = []
            DeltaEncoder.binaryPacked(values, thirtyTwoBit: shape == 2, into: &bytes)
            bytes += [0xAB, 0xCD] // trailing data must not be consumed
            let (decoded, end) = try withBytes(bytes) { (p) throws(ParquetError) in
                var r = ByteReader(p)
                return (try DeltaDecoder.binaryPacked(&r, limit: count), r.position)
            }
            #expect(shape == 2 ? decoded.map { Int64(Int32(truncatingIfNeeded: $0)) } == values : decoded == values)
            #expect(end == bytes.count - 2)
        }
    }

    @Test("DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY round-trip")
    func deltaByteArrays() throws {
        var rng = SeededGenerator(seed: 77)
        let words = (0..<300).map { i -> [UInt8] in
            Array("prefix-\(i / 10)-".utf8) + (0..<Int.random(in: 0...6, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        for front in [false, true] {
            var bytes: [UInt8] = []
            if front { DeltaEncoder.byteArray(words, into: &bytes) } else { DeltaEncoder.lengthByteArray(words, into: &bytes) }
            var values = DecodedValues(physical: .byteArray, width: 0)
            try withBytes(bytes) { (p) throws(ParquetError) in
                var r = ByteReader(p)
                if front { try DeltaDecoder.byteArray(&r, count: words.count, into: &values) } else { try DeltaDecoder.lengthByteArray(&r, count: words.count, into: &values) }
                #expect(r.remaining == 0)
            }
            #expect((0..<words.count).map { Array(values.data[values.offsets[$0]..<values.offsets[$0 + 1]]) } == words)
        }
    }
}
