/// A small, fast, seedable random generator (SplitMix64) so test inputs are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Deterministic inputs for codec tests.
enum TestData {
    /// `count` uniformly random bytes (incompressible).
    static func random(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            var word = generator.next()
            for _ in 0..<8 where index < count {
                bytes[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        return bytes
    }

    /// English-like text of at least `count` bytes built from a small vocabulary (compressible
    /// like real prose), cut to exactly `count`.
    static func text(_ count: Int, seed: UInt64) -> [UInt8] {
        let words = ["the", "mesh", "data", "product", "contract", "owner", "quality", "schema",
                     "column", "table", "of", "and", "a", "pipeline", "training", "iceberg",
                     "parquet", "snapshot", "partition", "value", "null", "governance", "is", "to"]
        var generator = SeededGenerator(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 16)
        while bytes.count < count {
            bytes += Array(words[Int(generator.next() % UInt64(words.count))].utf8)
            bytes.append(generator.next() % 11 == 0 ? UInt8(ascii: "\n") : UInt8(ascii: " "))
        }
        return Array(bytes.prefix(count))
    }

    /// The same short line over and over (highly repetitive).
    static func repetitive(_ count: Int) -> [UInt8] {
        let line = Array("id=42,name=meshwork,kind=repetitive;".utf8)
        return (0..<count).map { line[$0 % line.count] }
    }

    /// Something like a Parquet page: runs, small integers, random stretches and text.
    static func mixed(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 4096)
        var part: UInt64 = 0
        while bytes.count < count {
            let length = Int(generator.next() % 4000) + 1
            switch part % 4 {
            case 0: bytes += repeatElement(UInt8(truncatingIfNeeded: generator.next()), count: length)
            case 1:
                var value = UInt32(truncatingIfNeeded: generator.next() % 1000)
                for _ in 0..<(length / 4 + 1) {
                    value &+= UInt32(generator.next() % 7)
                    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
                }
            case 2: bytes += random(length, seed: generator.next())
            default: bytes += text(length, seed: generator.next())
            }
            part += 1 + generator.next() % 3
        }
        return Array(bytes.prefix(count))
    }

    /// A named variety of inputs: edge sizes, incompressible, repetitive, text, mixed, and
    /// sizes around the 64 KiB Snappy fragment boundary.
    static let corpus: [(name: String, bytes: [UInt8])] = {
        var cases: [(String, [UInt8])] = [
            ("empty", []),
            ("one byte", [0x41]),
            ("two bytes", [0x00, 0xFF]),
            ("15 bytes", Array("fifteen bytes!!".utf8)),
            ("16 zeros", [UInt8](repeating: 0, count: 16)),
            ("17 bytes", Array("seventeen bytes!!".utf8)),
            ("random 100", random(100, seed: 1)),
            ("random 64 KiB", random(65_536, seed: 2)),
            ("random 200000", random(200_000, seed: 3)),
            ("zeros 1 MiB", [UInt8](repeating: 0, count: 1 << 20)),
            ("repetitive 100000", repetitive(100_000)),
            ("text 5000", text(5_000, seed: 4)),
            ("text 1.5 MiB", text(1_572_864 + 7, seed: 5)),
            ("mixed 300000", mixed(300_000, seed: 6)),
            ("all byte values", (0..<1024).map { UInt8(truncatingIfNeeded: $0) }),
        ]
        for size in [65_535, 65_536, 65_537, 131_072 + 3] {
            cases.append(("text \(size)", text(size, seed: UInt64(size))))
        }
        return cases
    }()
}
