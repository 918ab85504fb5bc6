import Testing
import Codecs

/// The decoder's fast path (short literals and copies with offsets of at least 8, taken while
/// both the input and the output have room to spare) against a byte-at-a-time reference decoder,
/// and its hostile-input behaviour, which must match the checked path's.
@Suite("Snappy decoder fast path")
struct SnappyFastPathTests {
    /// A random valid block of `count` output bytes made of short literals and copies of every
    /// offset width (offsets 1…2000, so both overlapping and distant copies), with its expected output.
    static func randomBlock(_ count: Int, seed: UInt64) -> (block: [UInt8], output: [UInt8]) {
        var rng = SeededGenerator(seed: seed)
        var out: [UInt8] = []
        var elements: [UInt8] = []
        while out.count < count {
            let left = count - out.count
            if out.isEmpty || rng.next() % 2 == 0 {
                let length = min(left, Int(rng.next() % (rng.next() % 8 == 0 ? 90 : 16)) + 1)
                if length <= 60 {
                    elements.append(UInt8((length - 1) << 2))
                } else {
                    elements += [0xF0, UInt8(length - 1)]
                }
                for _ in 0..<length {
                    let b = UInt8(truncatingIfNeeded: rng.next())
                    elements.append(b)
                    out.append(b)
                }
            } else {
                let length = min(left, Int(rng.next() % 64) + 1)
                let offset = min(out.count, Int(rng.next() % (rng.next() % 4 == 0 ? 2000 : 24)) + 1)
                switch rng.next() % 3 {
                case 0 where length >= 4 && length <= 11 && offset < 2048:
                    elements += [UInt8(1 | (length - 4) << 2 | (offset >> 8) << 5), UInt8(offset & 0xFF)]
                case 1:
                    elements += [UInt8(2 | (length - 1) << 2), UInt8(offset & 0xFF), UInt8(offset >> 8)]
                default:
                    elements += [UInt8(3 | (length - 1) << 2), UInt8(offset & 0xFF), UInt8(offset >> 8), 0, 0]
                }
                for _ in 0..<length { out.append(out[out.count - offset]) }
            }
        }
        var preamble: [UInt8] = []
        var v = count
        while v >= 0x80 { preamble.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        preamble.append(UInt8(v))
        return (preamble + elements, out)
    }

    @Test("random blocks of short elements decode exactly", arguments: [0, 1, 17, 63, 64, 65, 200, 4096, 70_000])
    func randomBlocks(_ count: Int) throws {
        for seed in 0..<8 as Range<UInt64> {
            let (block, expected) = Self.randomBlock(count, seed: seed &+ UInt64(count))
            #expect(try Snappy.decompress(block, limit: count) == expected, "seed \(seed)")
        }
    }

    @Test("the benchmark's double column (short literals and copies) round-trips")
    func doubles() throws {
        var rng = SeededGenerator(seed: 3)
        var bytes: [UInt8] = []
        for _ in 0..<50_000 {
            let d = Double(rng.next() % 1_000_000) / 100
            withUnsafeBytes(of: d.bitPattern.littleEndian) { bytes += $0 }
        }
        #expect(try Snappy.decompress(Snappy.compress(bytes), limit: bytes.count) == bytes)
    }

    @Test("copies of every length 4…64 at offsets 8…40 decode exactly in each offset width")
    func everyShortOffsetCopy() throws {
        // 64 literal bytes, then the copy, then 200 literal bytes so the copy is met on the fast
        // path; offsets 8…15 make the second 8-byte move read bytes the first one just wrote.
        let head = TestData.random(64, seed: 11), tail = TestData.random(200, seed: 12)
        for width in 1...3 {
            for offset in 8...40 {
                for length in 4...64 where width != 1 || (length <= 11 && offset < 2048) {
                    var expected = head
                    for _ in 0..<length { expected.append(expected[expected.count - offset]) }
                    expected += tail
                    let copy: [UInt8] = switch width {
                    case 1: [UInt8(1 | (length - 4) << 2 | (offset >> 8) << 5), UInt8(offset & 0xFF)]
                    case 2: [UInt8(2 | (length - 1) << 2), UInt8(offset & 0xFF), UInt8(offset >> 8)]
                    default: [UInt8(3 | (length - 1) << 2), UInt8(offset & 0xFF), UInt8(offset >> 8), 0, 0]
                    }
                    var block: [UInt8] = []
                    var v = expected.count
                    while v >= 0x80 { block.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
                    block.append(UInt8(v))
                    block += [0xF0, 63] + head + copy + [0xF0, 199] + tail
                    #expect(try Snappy.decompress(block, limit: expected.count) == expected,
                            "width \(width), offset \(offset), length \(length)")
                }
            }
        }
    }

    /// A block whose first 100 bytes are a literal and whose `element` follows with plenty of
    /// literal bytes after it, so the element is met where the fast path applies.
    static func afterLiteral(_ element: [UInt8], declared: Int = 400) -> [UInt8] {
        [UInt8(declared & 0x7F) | 0x80, UInt8(declared >> 7), 0xF0, 99] + TestData.random(100, seed: 5) + element
            + [0xF0, 199] + TestData.random(200, seed: 6)
    }

    func failure(_ input: [UInt8], limit: Int) -> CodecError? {
        do {
            _ = try Snappy.decompress(input, limit: limit)
            return nil
        } catch {
            return error
        }
    }

    @Test("invalid copies met on the fast path are reported at their tag, as on the checked path")
    func invalidCopies() throws {
        let tag = 2 + 2 + 100
        // Offset 200 with 100 bytes written, in each offset width.
        for element: [UInt8] in [[0x0D | 0 << 5, 200], [0x0E, 200, 0], [0x0F, 200, 0, 0, 0]] {
            let error = failure(Self.afterLiteral(element), limit: 400)
            #expect(error?.kind == .corrupt)
            #expect(error?.offset == tag)
            #expect(error?.message.contains("reaches before the start of the output") == true)
        }
        let zero = failure(Self.afterLiteral([0x0E, 0, 0]), limit: 400)
        #expect(zero?.kind == .corrupt)
        #expect(zero?.offset == tag)
        #expect(zero?.message.contains("offset 0") == true)
        // Valid copies there decode: offsets 8 and 100, and an overlapping offset 3.
        for (element, offset) in [([UInt8(0x0E), 8, 0], 8), ([0x0E, 100, 0], 100), ([0x0E, 3, 0], 3)] {
            let block = Self.afterLiteral(element, declared: 304)
            let literal = TestData.random(100, seed: 5)
            var expected = literal
            for _ in 0..<4 { expected.append(expected[expected.count - offset]) }
            expected += TestData.random(200, seed: 6)
            #expect(try Snappy.decompress(block, limit: 304) == expected, "offset \(offset)")
        }
    }

    @Test("elements overrunning the declared output near its end are too large")
    func overrunNearEnd() {
        // 100 literal bytes then a copy of 64 when only 20 remain: the fast path must not take it.
        let block: [UInt8] = [120, 0xF0, 99] + TestData.random(100, seed: 7) + [0xFE, 50, 0] + [UInt8](repeating: 0, count: 20)
        let error = failure(block, limit: 120)
        #expect(error?.kind == .outputTooLarge)
        #expect(error?.offset == 103)
    }
}
