import Testing
import Codecs

/// Takes valid compressed streams and applies thousands of seeded random mutations: every
/// mutated stream must either decode within the limit or throw ``CodecError`` — never crash,
/// hang, or exceed the limit.
@Suite("Mutated compressed streams")
struct MutationTests {
    /// The ways a stream is damaged.
    enum Mutation: CaseIterable {
        case bitFlips, truncation, insertion, deletion, overwrite, lengthField, duplication
    }

    /// Counts of one run, printed so they can be quoted.
    struct Tally {
        var tried = 0, decoded = 0, rejected = 0
    }

    /// The inputs compressed and then damaged.
    static let originals: [[UInt8]] = [
        TestData.text(3_000, seed: 41),
        TestData.mixed(6_000, seed: 42),
        TestData.repetitive(2_500),
        TestData.random(400, seed: 43),
        Array("short input, short output".utf8),
        TestData.text(70_000, seed: 44),
    ]

    /// Damages `bytes` in one randomly chosen way; `lengthField` rewrites a size or header
    /// field the format's decoder relies on.
    static func mutate(
        _ bytes: [UInt8], using generator: inout SeededGenerator, lengthField: ([UInt8], inout SeededGenerator) -> [UInt8]
    ) -> [UInt8] {
        var bytes = bytes
        func position(_ count: Int) -> Int { Int(generator.next() % UInt64(max(count, 1))) }
        switch Mutation.allCases[Int(generator.next() % UInt64(Mutation.allCases.count))] {
        case .bitFlips:
            for _ in 0...(generator.next() % 3) where !bytes.isEmpty {
                bytes[position(bytes.count)] ^= 1 << (generator.next() % 8)
            }
        case .truncation:
            bytes.removeLast(1 + position(bytes.count))
        case .insertion:
            let insert = (0...(generator.next() % 8)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            bytes.insert(contentsOf: insert, at: position(bytes.count + 1))
        case .deletion:
            if !bytes.isEmpty {
                let start = position(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + position(16)))
            }
        case .overwrite:
            if !bytes.isEmpty { bytes[position(bytes.count)] = UInt8(truncatingIfNeeded: generator.next()) }
        case .lengthField:
            bytes = lengthField(bytes, &generator)
        case .duplication:
            if !bytes.isEmpty {
                let start = position(bytes.count)
                let slice = bytes[start..<min(bytes.count, start + 1 + position(64))]
                bytes.insert(contentsOf: slice, at: position(bytes.count + 1))
            }
        }
        return bytes
    }

    /// Runs `iterations` mutations of each codec stream through `decode`.
    static func run(
        _ name: String, iterations: Int, seed: UInt64,
        compress: ([UInt8]) -> [UInt8],
        decode: ([UInt8], Int) throws(CodecError) -> [UInt8],
        lengthField: ([UInt8], inout SeededGenerator) -> [UInt8]
    ) -> Tally {
        var generator = SeededGenerator(seed: seed)
        let streams = originals.map { (original: $0, compressed: compress($0)) }
        var tally = Tally()
        for iteration in 0..<iterations {
            let (original, compressed) = streams[iteration % streams.count]
            let mutated = mutate(compressed, using: &generator, lengthField: lengthField)
            // Mostly the true size; sometimes a smaller or larger limit.
            let limit = generator.next() % 4 == 0 ? Int(generator.next() % UInt64(2 * original.count + 2)) : original.count
            tally.tried += 1
            do {
                let output = try decode(mutated, limit)
                #expect(output.count <= limit, "\(name) iteration \(iteration) exceeded its limit")
                tally.decoded += 1
            } catch {
                #expect(error.message.isEmpty == false)
                tally.rejected += 1
            }
        }
        print("\(name) mutations: tried \(tally.tried), decoded \(tally.decoded), rejected \(tally.rejected)")
        return tally
    }

    /// Rewrites a little-endian 32-bit field at `index` (negative: from the end) with a
    /// random, huge, or nearby value.
    static func rewrite32(_ bytes: [UInt8], at index: Int, _ generator: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        let start = index >= 0 ? index : bytes.count + index
        guard start >= 0, start + 4 <= bytes.count else { return bytes }
        let value: UInt32 = switch generator.next() % 3 {
        case 0: UInt32.max
        case 1: UInt32(truncatingIfNeeded: generator.next())
        default: UInt32(bytes[start]) &+ UInt32(generator.next() % 5) &- 2
        }
        for byte in 0..<4 { bytes[start + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
        return bytes
    }

    @Test("Snappy: mutated blocks decode or throw, within the limit")
    func snappy() {
        let tally = Self.run("snappy", iterations: 6_000, seed: 0x5A,
                             compress: { Snappy.compress($0) },
                             decode: { (input, limit) throws(CodecError) in try Snappy.decompress(input, limit: limit) },
                             lengthField: { bytes, generator in
                                 // Replace the varint preamble with another (possibly over-long) one.
                                 var rest = Array(bytes.drop { $0 & 0x80 != 0 }.dropFirst())
                                 let choices: [UInt64] = [0, 1, UInt64(UInt32.max), 1 << 35, generator.next() % 100_000]
                                 var value = choices[Int(generator.next() % UInt64(choices.count))]
                                 var preamble: [UInt8] = []
                                 repeat {
                                     preamble.append(UInt8(value & 0x7F) | (value >= 0x80 ? 0x80 : 0))
                                     value >>= 7
                                 } while value != 0
                                 rest.insert(contentsOf: preamble, at: 0)
                                 return rest
                             })
        #expect(tally.tried == 6_000)
        #expect(tally.rejected > 1_000)
        #expect(tally.decoded > 0)
    }

    @Test("Snappy: random element bytes behind a valid preamble")
    func snappyGarbage() {
        var generator = SeededGenerator(seed: 0x6B)
        var rejected = 0
        for iteration in 0..<3_000 {
            let body = TestData.random(Int(generator.next() % 64), seed: generator.next())
            let declared = Int(generator.next() % UInt64(3 * body.count + 1))
            var input: [UInt8] = declared < 128 ? [UInt8(declared)] : [UInt8(declared & 0x7F) | 0x80, UInt8(declared >> 7)]
            input += body
            do {
                let output = try Snappy.decompress(input, limit: 256)
                #expect(output.count == declared, "iteration \(iteration)")
            } catch {
                rejected += 1
            }
        }
        print("snappy random bodies: tried 3000, rejected \(rejected)")
        #expect(rejected > 0)
    }

    @Test("gzip: mutated members decode or throw, within the limit")
    func gzip() {
        let tally = Self.run("gzip", iterations: 3_000, seed: 0x6A,
                             compress: { Gzip.compress($0) },
                             decode: { (input, limit) throws(CodecError) in try Gzip.decompress(input, limit: limit) },
                             lengthField: { bytes, generator in
                                 var bytes = bytes
                                 switch generator.next() % 3 {
                                 case 0: return Self.rewrite32(bytes, at: -4, &generator) // ISIZE
                                 case 1: return Self.rewrite32(bytes, at: -8, &generator) // CRC-32
                                 default:
                                     // Header flags: claim an extra field, name, comment or header CRC.
                                     if bytes.count > 3 { bytes[3] = UInt8(truncatingIfNeeded: generator.next()) }
                                     return bytes
                                 }
                             })
        #expect(tally.tried == 3_000)
        #expect(tally.rejected > 1_000)
    }

    @Test("raw deflate and zlib: mutated streams decode or throw, within the limit")
    func deflateAndZlib() {
        let raw = Self.run("deflate", iterations: 3_000, seed: 0x7A,
                           compress: { Deflate.compress($0) },
                           decode: { (input, limit) throws(CodecError) in try Deflate.decompress(input, limit: limit) },
                           lengthField: { bytes, generator in
                               // A stored block's LEN/NLEN pair, placed at the start.
                               let length = UInt16(truncatingIfNeeded: generator.next())
                               return [0x01, UInt8(length & 0xFF), UInt8(length >> 8), ~UInt8(length & 0xFF), ~UInt8(length >> 8)] + bytes
                           })
        let zlib = Self.run("zlib", iterations: 2_000, seed: 0x7B,
                            compress: { Zlib.compress($0, level: 9) },
                            decode: { (input, limit) throws(CodecError) in try Zlib.decompress(input, limit: limit) },
                            lengthField: { bytes, generator in Self.rewrite32(bytes, at: -4, &generator) })
        #expect(raw.tried == 3_000 && zlib.tried == 2_000)
        #expect(raw.rejected > 500 && zlib.rejected > 500)
    }
}
