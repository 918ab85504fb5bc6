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
    enum CodingKeys: String, CodingKey { case precision, sparse, dense }

    /// Encodes compactly: non-zero registers as `(UInt16 index, UInt8 rank)` triples when few are
    /// set, otherwise every register; both base64.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(precision, forKey: .precision)
        let nonZero = registers.reduce(0) { $0 + ($1 == 0 ? 0 : 1) }
        if nonZero * 3 < registers.count {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(nonZero * 3)
            for (i, r) in registers.enumerated() where r != 0 {
                bytes.append(UInt8(i >> 8)); bytes.append(UInt8(i & 0xFF)); bytes.append(r)
            }
            try c.encode(Data(bytes).base64EncodedString(), forKey: .sparse)
        } else {
            try c.encode(Data(registers).base64EncodedString(), forKey: .dense)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let p = try c.decode(Int.self, forKey: .precision)
        do { try self.init(precision: p) } catch {
            throw DecodingError.dataCorruptedError(forKey: .precision, in: c, debugDescription: error.message)
        }
        if let dense = try c.decodeIfPresent(String.self, forKey: .dense) {
            guard let data = Data(base64Encoded: dense), data.count == registers.count else {
                throw DecodingError.dataCorruptedError(forKey: .dense, in: c, debugDescription: "HyperLogLog registers must be \(registers.count) base64 bytes")
            }
            registers = [UInt8](data)
        } else {
            let sparse = try c.decode(String.self, forKey: .sparse)
            guard let data = Data(base64Encoded: sparse), data.count % 3 == 0 else {
                throw DecodingError.dataCorruptedError(forKey: .sparse, in: c, debugDescription: "sparse HyperLogLog registers must be base64 triples")
            }
            let bytes = [UInt8](data)
            var i = 0
            while i < bytes.count {
                let index = Int(bytes[i]) << 8 | Int(bytes[i + 1])
                guard index < registers.count, bytes[i + 2] <= UInt8(64 - p + 1) else {
                    throw DecodingError.dataCorruptedError(forKey: .sparse, in: c, debugDescription: "HyperLogLog register \(index) out of range")
                }
                registers[index] = bytes[i + 2]
                i += 3
            }
        }
    }
}

extension HyperLogLog: CustomStringConvertible {
    /// A short summary (the registers are not listed).
    public var description: String { "HyperLogLog(precision: \(precision), estimate: \(count))" }
}
