import Foundation
import Testing
@testable import Codecs

/// Test inputs shared by the round-trip and interop suites.
enum ZstdSamples {
    /// Word-like text of `size` bytes.
    static func text(_ size: Int, seed: UInt64) -> [UInt8] {
        let words = "the of and to in is data mesh table column parquet iceberg schema contract quality policy training model pipeline batch record field value null"
            .split(separator: " ").map { Array($0.utf8) }
        var rng = SplitMix64(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(size + 16)
        while out.count < size {
            out += words[Int(rng.next() % UInt64(words.count))]
            out.append(rng.next() % 20 == 0 ? 10 : 32)
        }
        return Array(out.prefix(size))
    }

    static func random(_ size: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        return (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    /// Little-endian int64 ids with small deltas (like a Parquet PLAIN page).
    static func int64Column(_ count: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var value: Int64 = 1_000_000
        var out: [UInt8] = []
        out.reserveCapacity(count * 8)
        for _ in 0..<count {
            value += Int64(rng.next() % 7)
            withUnsafeBytes(of: value.littleEndian) { out += $0 }
        }
        return out
    }

    /// Runs of one byte mixed with text.
    static func runs(_ size: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var out: [UInt8] = []
        while out.count < size {
            if rng.next() % 3 == 0 {
                out += [UInt8](repeating: UInt8(truncatingIfNeeded: rng.next()), count: Int(rng.next() % 200_000))
            } else {
                out += text(Int(rng.next() % 3000), seed: rng.next())
            }
        }
        return Array(out.prefix(size))
    }

    /// Binary data with a skewed byte distribution over all 256 values (large Huffman alphabets).
    static func skewedBinary(_ size: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        return (0..<size).map { _ in
            let r = rng.next()
            return r % 4 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : UInt8(truncatingIfNeeded: (r >> 8) % 16) &* 17
        }
    }

    static let all: [(String, [UInt8])] = [
        ("empty", []),
        ("one byte", [42]),
        ("short text", text(100, seed: 1)),
        ("text 300 KB", text(300_000, seed: 2)),
        ("random 50 KB", random(50_000, seed: 3)),
        ("int64 column", int64Column(40_000, seed: 4)),
        ("runs", runs(500_000, seed: 5)),
        ("skewed binary", skewedBinary(100_000, seed: 6)),
        ("zeros 1 MB", [UInt8](repeating: 0, count: 1 << 20)),
        ("text 70000 (2-byte content size)", text(65_791, seed: 7)),
    ]
}

/// Our encoder's frames must decode (with our decoder) to the input and actually compress.
@Suite("Zstd round trip")
struct ZstdRoundTripTests {
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        input.withUnsafeBytes { Zstd.compress($0, into: &out) }
        return out
    }

    @Test("compress then decompress returns the input", arguments: ZstdSamples.all.map(\.0))
    func roundTrip(name: String) throws {
        let input = try #require(ZstdSamples.all.first { $0.0 == name }?.1)
        let frame = Self.compress(input)
        let (output, _) = try frame.withUnsafeBytes { try Zstd.decompressReportingFeatures($0, limit: input.count) }
        #expect(output == input)
        // And through the codec entry point that Parquet uses.
        #expect(try CompressionCodec.zstd.decompress(frame, uncompressedSize: input.count) == input)
    }

    @Test("the encoder really compresses and uses compressed blocks")
    func compresses() throws {
        for (name, input, maxRatio) in [("text", ZstdSamples.text(300_000, seed: 2), 0.45),
                                        ("int64", ZstdSamples.int64Column(40_000, seed: 4), 0.6),
                                        ("skewed", ZstdSamples.skewedBinary(100_000, seed: 6), 0.8),
                                        ("zeros", [UInt8](repeating: 0, count: 1 << 20), 0.01)] {
            let frame = Self.compress(input)
            #expect(Double(frame.count) < Double(input.count) * maxRatio, "\(name): \(frame.count) of \(input.count)")
            let (_, features) = try frame.withUnsafeBytes { try Zstd.decompressReportingFeatures($0, limit: input.count) }
            #expect(features.contains(.contentChecksum))
            if name != "zeros" { #expect(features.contains(.compressedBlock), "\(name)") }
            if name == "text" { #expect(features.contains(.huffmanFourStreams)) }
            if name == "skewed" { #expect(features.contains(.compressedWeights)) }
        }
    }

    @Test("random data falls back to raw blocks without expanding much")
    func incompressible() throws {
        let input = ZstdSamples.random(200_000, seed: 9)
        let frame = Self.compress(input)
        #expect(frame.count <= input.count + 32)
    }

    @Test("XXH64 matches published vectors")
    func xxhash() {
        let empty: [UInt8] = []
        #expect(empty.withUnsafeBytes { XXHash64.hash($0) } == 0xEF46_DB37_51D8_E999)
        #expect(Array("abc".utf8).withUnsafeBytes { XXHash64.hash($0) } == 0x44BC_2CF5_AD77_0999)
    }

    @Test("FSE table descriptions written by the encoder read back identically")
    func countsRoundTrip() throws {
        for code in [SequenceCode.literalLength, .matchLength, .offset] {
            let (counts, log) = code.defaultDistribution
            let bytes = FSEEncoder.writeCounts(counts, accuracyLog: log)
            let (read, readLog, size) = try bytes.withUnsafeBufferPointer {
                try FSE.readCounts($0.baseAddress!, start: 0, end: $0.count, maxSymbol: code.maxSymbol,
                                   maxAccuracyLog: code.maxAccuracyLog, what: code.name)
            }
            #expect(readLog == log)
            #expect(size == bytes.count)
            #expect(Array(read.prefix(counts.count)) == counts)
        }
    }
}
