import Foundation
import Testing
@testable import Codecs

/// SplitMix64: a tiny deterministic generator so mutation runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
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

/// Malformed, truncated and malicious input: the decoder must throw `CodecError`, never
/// crash, hang or produce more than `limit` bytes.
@Suite("Zstd hostile input")
struct ZstdHostileInputTests {
    static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    static func decode(_ bytes: [UInt8], limit: Int) throws(CodecError) -> [UInt8] {
        var result: Result<[UInt8], CodecError> = .success([])
        bytes.withUnsafeBytes { raw in
            result = Result { () throws(CodecError) -> [UInt8] in try Zstd.decompress(raw, limit: limit) }
        }
        return try result.get()
    }

    static func expectError(_ kind: CodecError.Kind, _ bytes: [UInt8], limit: Int = 1 << 20, mentioning words: String = "",
                            sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let out = try decode(bytes, limit: limit)
            Issue.record("expected \(kind), decoded \(out.count) bytes", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
            #expect(words.isEmpty || error.message.contains(words), "\(error)", sourceLocation: sourceLocation)
            #expect(error.codec == .zstd, sourceLocation: sourceLocation)
        }
    }

    /// A block header: last flag, type (0 raw, 1 RLE, 2 compressed), size.
    static func blockHeader(last: Bool, type: Int, size: Int) -> [UInt8] {
        let v = (size << 3) | (type << 1) | (last ? 1 : 0)
        return [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF)]
    }

    @Test("a header claiming 1 TB of content is rejected before any allocation")
    func contentSizeBomb() {
        // Descriptor 0xC0: 8-byte content size, not single segment; window log 20.
        var frame = Self.magic + [0xC0, 0x50]
        withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { frame += $0 }
        frame += Self.blockHeader(last: true, type: 1, size: 100) + [0x41]
        Self.expectError(.outputTooLarge, frame)
    }

    @Test("RLE blocks expanding past the limit stop at the limit")
    func rleBomb() {
        // No content size, window 8 MiB: 1000 RLE blocks of 128 KiB would be 128 MiB.
        var frame = Self.magic + [0x00, 0x68]
        for i in 0..<1000 { frame += Self.blockHeader(last: i == 999, type: 1, size: 128 * 1024) + [0x00] }
        Self.expectError(.outputTooLarge, frame, limit: 1 << 20)
    }

    @Test("a block larger than 128 KiB is corrupt")
    func oversizedBlock() {
        var frame = Self.magic + [0x00, 0x68]  // window 8 MiB, no content size
        frame += Self.blockHeader(last: true, type: 0, size: 128 * 1024 + 1)
        frame += [UInt8](repeating: 7, count: 128 * 1024 + 1)
        Self.expectError(.corrupt, frame, limit: 1 << 24, mentioning: "exceeds the maximum of 131072")
    }

    @Test("a block larger than a small window is corrupt")
    func blockBeyondWindow() {
        // Single segment, 1-byte content size 10: the window (and block maximum) is 10 bytes.
        let frame = Self.magic + [0x20, 10] + Self.blockHeader(last: true, type: 1, size: 11) + [1]
        Self.expectError(.corrupt, frame)
    }

    @Test("content checksum mismatch is reported as .checksum")
    func checksumMismatch() throws {
        var frame = try ZstdGoldenTests.fixture("text-level1")
        frame[frame.count - 1] ^= 0x40
        Self.expectError(.checksum, frame)
    }

    @Test("frames needing a dictionary are unsupported")
    func dictionary() {
        // Descriptor 0x21: single segment, 1-byte dictionary id.
        let frame = Self.magic + [0x21, 0x07, 0x03] + Self.blockHeader(last: true, type: 0, size: 3) + [1, 2, 3]
        Self.expectError(.unsupported, frame, mentioning: "dictionary 7")
    }

    @Test("a zero dictionary id means no dictionary")
    func zeroDictionary() throws {
        let frame = Self.magic + [0x21, 0x00, 0x03] + Self.blockHeader(last: true, type: 0, size: 3) + [1, 2, 3]
        #expect(try Self.decode(frame, limit: 3) == [1, 2, 3])
    }

    @Test("structural errors", arguments: [
        ("reserved bit", [0x28, 0xB5, 0x2F, 0xFD, 0x28, 0x01, 0x01, 0x00, 0x00]),
        ("magic number", [0x28, 0xB5, 0x2F, 0xFE, 0x20, 0x00, 0x01, 0x00, 0x00]),
        ("reserved block type", [0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x00, 0x07, 0x00, 0x00]),
        // Compressed block, treeless literals (type 3) with no earlier Huffman table.
        ("no earlier Huffman table", [0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x08, 0x2D, 0x00, 0x00, 0x43, 0x40, 0x00, 0x01, 0x00]),
        // Compressed block: raw literal "a", one sequence, all three tables in repeat mode.
        ("repeat mode", [0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x08, 0x25, 0x00, 0x00, 0x08, 0x61, 0x01, 0xFC, 0x01]),
    ] as [(String, [UInt8])])
    func structural(_ message: String, _ frame: [UInt8]) {
        Self.expectError(.corrupt, frame, mentioning: message)
    }

    @Test("truncated frames report .truncated with an offset")
    func truncation() throws {
        let frame = try ZstdGoldenTests.fixture("small-text-level3")
        for length in [1, 3, 4, 5, 6, 8, frame.count - 4] {
            do {
                _ = try Self.decode(Array(frame.prefix(length)), limit: 1000)
                Issue.record("prefix of \(length) bytes decoded")
            } catch {
                #expect(error.kind == .truncated || error.kind == .corrupt, "\(error)")
                #expect(error.offset != nil)
            }
        }
    }

    @Test("mutated frames decode or throw CodecError, within the limit", .timeLimit(.minutes(2)))
    func mutations() throws {
        let names = ["small-text-level3", "nibbles-level3", "int64-level19", "text-no-content-size",
                     "runs-level3", "rle-literals-level19", "multi-frame"]
        var rng = SplitMix64(seed: 0x5EED_2026)
        var outcomes = (decoded: 0, failed: 0)
        for name in names {
            let original = try ZstdGoldenTests.fixture(name)
            let limit = try #require(ZstdGoldenTests.manifest[name]).size + 64
            for _ in 0..<700 {
                let mutated = Self.mutate(original, using: &rng)
                do {
                    let out = try Self.decode(mutated, limit: limit)
                    #expect(out.count <= limit)
                    outcomes.decoded += 1
                } catch {
                    outcomes.failed += 1
                }
            }
        }
        // Frames from our own encoder (block-specific FSE tables, FSE-compressed weights).
        for sample in [ZstdSamples.text(20_000, seed: 21), ZstdSamples.skewedBinary(20_000, seed: 22),
                       ZstdSamples.int64Column(3_000, seed: 23)] {
            var original: [UInt8] = []
            sample.withUnsafeBytes { Zstd.compress($0, into: &original) }
            for _ in 0..<700 {
                let mutated = Self.mutate(original, using: &rng)
                do {
                    let out = try Self.decode(mutated, limit: sample.count + 64)
                    #expect(out.count <= sample.count + 64)
                    outcomes.decoded += 1
                } catch {
                    outcomes.failed += 1
                }
            }
        }
        let total = outcomes.decoded + outcomes.failed
        #expect(total == (names.count + 3) * 700)
        #expect(outcomes.failed > total / 2, "most mutations should be detected")
        print("zstd mutation run: \(total) inputs, \(outcomes.decoded) decoded, \(outcomes.failed) rejected")
    }

    /// One random corruption: bit flips, byte overwrites (biased to headers), truncation,
    /// insertion, deletion or duplication.
    static func mutate(_ input: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        func position(headerBias: Bool) -> Int {
            if headerBias && Bool.random(using: &rng) { return Int.random(in: 0..<min(bytes.count, 48), using: &rng) }
            return Int.random(in: 0..<bytes.count, using: &rng)
        }
        switch Int.random(in: 0..<7, using: &rng) {
        case 0:
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[position(headerBias: false)] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
            }
        case 1:
            bytes[position(headerBias: true)] = [0x00, 0xFF, 0x80, 0x7F, UInt8.random(in: 0...255, using: &rng)].randomElement(using: &rng)!
        case 2:
            bytes.removeLast(Int.random(in: 1...bytes.count, using: &rng))
        case 3:
            let at = position(headerBias: false)
            bytes.insert(contentsOf: (0..<Int.random(in: 1...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
        case 4:
            let at = position(headerBias: false)
            bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &rng)))
        case 5:
            let at = position(headerBias: false)
            let chunk = bytes[at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng))]
            bytes.insert(contentsOf: chunk, at: position(headerBias: false))
        default:
            let at = position(headerBias: true)
            for i in at..<min(bytes.count, at + 4) { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        }
        return bytes
    }
}
