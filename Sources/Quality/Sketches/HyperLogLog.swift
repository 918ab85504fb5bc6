import Foundation

/// A HyperLogLog sketch estimating the number of distinct values from their 64-bit hashes.
///
/// `2^precision` one-byte registers; the standard error is about `1.04 / sqrt(2^precision)`
/// (0.81 % at the default precision 14). Estimation uses Ertl's improved raw estimator, which is
/// unbiased from one value up to billions without empirical bias tables. Merging takes the
/// register-wise maximum, so a merged sketch equals the sketch of the concatenated input.
public struct HyperLogLog: Sendable, Equatable {
    /// The number of index bits (4...16).
    public let precision: Int
    /// One register per bucket: the largest observed rank.
    public private(set) var registers: [UInt8]

    /// Creates an empty sketch; `precision` must be in 4...16.
    public init(precision: Int = 14) throws(QualityError) {
        guard (4...16).contains(precision) else {
            throw QualityError(.invalidParameter, "HyperLogLog precision must be between 4 and 16, got \(precision)")
        }
        self.precision = precision
        self.registers = [UInt8](repeating: 0, count: 1 << precision)
    }

    /// Records one hashed value.
    public mutating func insert(hash: UInt64) {
        let p = precision
        let index = Int(truncatingIfNeeded: hash >> UInt64(64 - p))
        let rest = (hash << UInt64(p)) | (1 << UInt64(p - 1))
        let rank = UInt8(truncatingIfNeeded: rest.leadingZeroBitCount + 1)
        registers.withUnsafeMutableBufferPointer { r in
            if rank > r[index] { r[index] = rank }
        }
    }

    /// Records many hashed values.
    public mutating func insert(hashes: UnsafeBufferPointer<UInt64>) {
        let p = UInt64(precision)
        let shift = 64 - p
        let guardBit: UInt64 = 1 << (p - 1)
        registers.withUnsafeMutableBufferPointer { r in
            for h in hashes {
                let index = Int(truncatingIfNeeded: h >> shift)
                let rank = UInt8(truncatingIfNeeded: ((h << p) | guardBit).leadingZeroBitCount + 1)
                if rank > r[index] { r[index] = rank }
            }
        }
    }

    /// Folds `other` into this sketch (register-wise maximum).
    public mutating func merge(_ other: HyperLogLog) throws(QualityError) {
        guard other.precision == precision else {
            throw QualityError(.incompatibleMerge, "cannot merge HyperLogLog sketches of precision \(precision) and \(other.precision)")
        }
        registers.withUnsafeMutableBufferPointer { r in
            other.registers.withUnsafeBufferPointer { o in
                for i in 0..<r.count where o[i] > r[i] { r[i] = o[i] }
            }
        }
    }

    /// The estimated number of distinct values.
    public var estimate: Double {
        let m = Double(registers.count)
        let q = 64 - precision
        var histogram = [Int](repeating: 0, count: q + 2)
        for r in registers { histogram[Int(r)] += 1 }
        if histogram[0] == registers.count { return 0 }
        var z = m * Self.tau(1 - Double(histogram[q + 1]) / m)
        var k = q
        while k >= 1 {
            z = 0.5 * (z + Double(histogram[k]))
            k -= 1
        }
        z += m * Self.sigma(Double(histogram[0]) / m)
        return (m / (2 * log(2.0))) * m / z
    }

    /// The estimate rounded to a whole count.
    public var count: Int { Int(estimate.rounded()) }

    static func sigma(_ x0: Double) -> Double {
        if x0 == 1 { return .infinity }
        var x = x0
        var y = 1.0
        var z = x
        while true {
            x *= x
            let previous = z
            z += x * y
            y += y
            if z == previous { return z }
        }
    }

    static func tau(_ x0: Double) -> Double {
        if x0 == 0 || x0 == 1 { return 0 }
        var x = x0
        var y = 1.0
        var z = 1 - x
        while true {
            x = x.squareRoot()
            let previous = z
            y *= 0.5
            z -= (1 - x) * (1 - x) * y
            if z == previous { return z / 3 }
        }
    }
}

extension HyperLogLog: Codable {
    enum CodingKeys: String, CodingKey { case precision, sparse, packed, base, exceptions, dense }

    /// Encodes compactly, base64 throughout: few set registers as `(UInt16 index, UInt8 rank)`
    /// triples (`sparse`); otherwise two registers per byte as 4-bit offsets from `base`
    /// (`packed`), with the registers outside `base...base+14` listed as triples (`exceptions`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(precision, forKey: .precision)
        let nonZero = registers.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
        if nonZero * 3 < registers.count / 2 {
            try c.encode(Data(triples(registers.indices.filter { registers[$0] != 0 })).base64EncodedString(), forKey: .sparse)
            return
        }
        var histogram = [Int](repeating: 0, count: 256)
        for r in registers { histogram[Int(r)] += 1 }
        var base = 0, best = Int.max
        for candidate in 0..<242 {
            let inside = histogram[candidate...(candidate + 14)].reduce(0, +)
            if registers.count - inside < best { best = registers.count - inside; base = candidate }
        }
        var packed = [UInt8](repeating: 0, count: (registers.count + 1) / 2)
        var exceptions: [Int] = []
        for (i, r) in registers.enumerated() {
            let offset: UInt8
            if Int(r) >= base && Int(r) <= base + 14 { offset = r - UInt8(base) } else { offset = 15; exceptions.append(i) }
            packed[i / 2] |= i % 2 == 0 ? offset : offset << 4
        }
        try c.encode(Data(packed).base64EncodedString(), forKey: .packed)
        try c.encode(base, forKey: .base)
        try c.encode(Data(triples(exceptions)).base64EncodedString(), forKey: .exceptions)
    }

    func triples(_ indices: [Int]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(indices.count * 3)
        for i in indices {
            bytes.append(UInt8(i >> 8)); bytes.append(UInt8(i & 0xFF)); bytes.append(registers[i])
        }
        return bytes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let p = try c.decode(Int.self, forKey: .precision)
        do { try self.init(precision: p) } catch {
            throw DecodingError.dataCorruptedError(forKey: .precision, in: c, debugDescription: error.message)
        }
        let maxRank = UInt8(64 - p + 1)
        func bytes(_ key: CodingKeys) throws -> [UInt8] {
            guard let data = Data(base64Encoded: try c.decode(String.self, forKey: key)) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "HyperLogLog \(key.stringValue) must be base64")
            }
            return [UInt8](data)
        }
        func apply(triples: [UInt8], _ key: CodingKeys) throws {
            guard triples.count % 3 == 0 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "HyperLogLog \(key.stringValue) must be (index, rank) triples")
            }
            var i = 0
            while i < triples.count {
                let index = Int(triples[i]) << 8 | Int(triples[i + 1])
                guard index < registers.count, triples[i + 2] <= maxRank else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "HyperLogLog register \(index) out of range")
                }
                registers[index] = triples[i + 2]
                i += 3
            }
        }
        if c.contains(.packed) {
            let packed = try bytes(.packed)
            let base = try c.decode(Int.self, forKey: .base)
            guard packed.count == (registers.count + 1) / 2, (0...Int(maxRank)).contains(base) else {
                throw DecodingError.dataCorruptedError(forKey: .packed, in: c, debugDescription: "HyperLogLog packed registers have the wrong size or base")
            }
            for i in registers.indices {
                let offset = i % 2 == 0 ? packed[i / 2] & 0x0F : packed[i / 2] >> 4
                registers[i] = offset == 15 ? 0 : UInt8(min(base + Int(offset), Int(maxRank)))
            }
            try apply(triples: try bytes(.exceptions), .exceptions)
        } else if c.contains(.dense) {
            let dense = try bytes(.dense)
            guard dense.count == registers.count, dense.allSatisfy({ $0 <= maxRank }) else {
                throw DecodingError.dataCorruptedError(forKey: .dense, in: c, debugDescription: "HyperLogLog registers must be \(registers.count) ranks")
            }
            registers = dense
        } else {
            try apply(triples: try bytes(.sparse), .sparse)
        }
    }
}

extension HyperLogLog: CustomStringConvertible {
    /// A short summary (the registers are not listed).
    public var description: String { "HyperLogLog(precision: \(precision), estimate: \(count))" }
}
