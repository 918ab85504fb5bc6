import Foundation

/// A KLL sketch of a stream of doubles: approximate ranks and quantiles in bounded space.
///
/// Items live in levels; an item at level `h` stands for `2^h` input values. When the sketch is
/// full, the lowest over-full level is sorted and every other item (the odd or even positions,
/// chosen by a deterministic pseudo-random bit) moves up one level. With the default `k = 200`
/// the normalized rank error is below about 1.7 % with 99 % confidence, whatever the input
/// distribution, and space is O(k). Exact minimum and maximum are kept alongside. Sketches merge
/// (the union of their levels, compacted), so per-batch, per-file and per-version sketches
/// combine into the sketch of the whole.
public struct QuantileSketch: Sendable, Equatable {
    /// The accuracy parameter: the capacity of the top level.
    public let k: Int
    /// The number of values seen.
    public private(set) var count: Int = 0
    /// The smallest value seen (`+inf` when empty).
    public private(set) var min: Double = .infinity
    /// The largest value seen (`-inf` when empty).
    public private(set) var max: Double = -.infinity
    /// `levels[h]` holds items of weight `2^h`; levels above 0 are kept sorted.
    var levels: [[Double]] = [[]]
    /// State of the coin deciding which half a compaction keeps.
    var coin: UInt64 = 0x5EED_0F_C0FFEE

    static let minimumCapacity = 8
    static let decay = 2.0 / 3.0

    /// Creates an empty sketch; `k` must be in 8...65535.
    public init(k: Int = 200) throws(QualityError) {
        guard (8...65_535).contains(k) else {
            throw QualityError(.invalidParameter, "quantile sketch k must be between 8 and 65535, got \(k)")
        }
        self.k = k
    }

    /// True when no value was recorded.
    public var isEmpty: Bool { count == 0 }

    /// The number of items retained.
    public var retained: Int { levels.reduce(0) { $0 + $1.count } }

    /// Level capacities: `k·(2/3)^depth`, but `k` for level 0 and at least `k/2` for the others,
    /// so values are sorted in runs of `k` and compactions do not cascade through many tiny
    /// levels (more items retained than plain KLL: space grows by `k/2` per level, error only
    /// shrinks).
    static func capacities(k: Int, levels: Int) -> [Int] {
        (0..<levels).map { h in
            let decayed = Swift.max(minimumCapacity, Int((Double(k) * pow(decay, Double(levels - 1 - h))).rounded(.up)))
            return h == 0 ? k : Swift.max(decayed, k / 2)
        }
    }

    var totalCapacity: Int { Self.capacities(k: k, levels: levels.count).reduce(0, +) }

    /// Records one value; NaN is ignored.
    public mutating func insert(_ value: Double) {
        if value.isNaN { return }
        withUnsafePointer(to: value) { insert(contentsOf: UnsafeBufferPointer(start: $0, count: 1)) }
    }

    /// Records many values (NaN must already be filtered out).
    public mutating func insert(contentsOf values: UnsafeBufferPointer<Double>) {
        var position = 0
        let capacity0 = k
        while position < values.count {
            if levels[0].count >= capacity0 { compress() }
            let take = Swift.min(capacity0 - levels[0].count, values.count - position)
            let chunk = UnsafeBufferPointer(rebasing: values[position..<(position + take)])
            var lo = min, hi = max
            for v in chunk {
                if v < lo { lo = v }
                if v > hi { hi = v }
            }
            min = lo
            max = hi
            levels[0].append(contentsOf: chunk)
            count += take
            position += take
        }
    }

    /// Compacts over-full levels, lowest first, until each level fits its capacity.
    mutating func compress() {
        var caps = Self.capacities(k: k, levels: levels.count)
        var h = 0
        while h < levels.count {
            if levels[h].count >= caps[h] {
                let before = levels.count
                compact(level: h)
                if levels.count != before { caps = Self.capacities(k: k, levels: levels.count) }
                h = 0
            } else {
                h += 1
            }
        }
    }

    mutating func compact(level h: Int) {
        if h + 1 == levels.count { levels.append([]) }
        var items = levels[h]
        levels[h] = []
        if h == 0 { items.withUnsafeMutableBufferPointer { sortDoubles($0) } }
        let start = items.count % 2
        coin = coin &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let offset = Int(coin >> 63)
        var promoted: [Double] = []
        promoted.reserveCapacity(items.count / 2)
        var i = start + offset
        while i < items.count {
            promoted.append(items[i])
            i += 2
        }
        if start == 1 { levels[h] = [items[0]] }
        levels[h + 1] = Self.mergeSorted(levels[h + 1], promoted)
    }

    static func mergeSorted(_ a: [Double], _ b: [Double]) -> [Double] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [Double] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] <= b[j] { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }

    /// Folds `other` into this sketch.
    public mutating func merge(_ other: QuantileSketch) throws(QualityError) {
        guard other.k == k else {
            throw QualityError(.incompatibleMerge, "cannot merge quantile sketches with k \(k) and \(other.k)")
        }
        if other.isEmpty { return }
        while levels.count < other.levels.count { levels.append([]) }
        levels[0].append(contentsOf: other.levels[0])
        for h in 1..<other.levels.count {
            levels[h] = Self.mergeSorted(levels[h], other.levels[h])
        }
        count += other.count
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
        coin ^= other.coin
        compress()
    }

    /// A sorted, weighted snapshot for answering many queries.
    public func sortedView() -> SortedQuantiles { SortedQuantiles(self) }

    /// The approximate `q`-quantile (`q` in 0...1); `nil` when empty.
    public func quantile(_ q: Double) -> Double? { sortedView().quantile(q) }

    /// The approximate fraction of values `<= value`.
    public func cumulativeFraction(_ value: Double) -> Double { sortedView().cumulativeFraction(value) }
}

/// The retained items of a ``QuantileSketch`` sorted with cumulative weights.
public struct SortedQuantiles: Sendable {
    let values: [Double]
    let cumulative: [Int]
    let count: Int
    let min: Double
    let max: Double

    init(_ sketch: QuantileSketch) {
        var pairs: [(Double, Int)] = []
        pairs.reserveCapacity(sketch.retained)
        for (h, level) in sketch.levels.enumerated() {
            for v in level { pairs.append((v, 1 << h)) }
        }
        pairs.sort { $0.0 < $1.0 }
        var running = 0
        var cumulative: [Int] = []
        cumulative.reserveCapacity(pairs.count)
        for p in pairs {
            running += p.1
            cumulative.append(running)
        }
        self.values = pairs.map(\.0)
        self.cumulative = cumulative
        self.count = sketch.count
        self.min = sketch.min
        self.max = sketch.max
    }

    /// The approximate `q`-quantile (`q` clamped to 0...1): the smallest retained value whose
    /// cumulative weight reaches `q × count`; 0 and 1 give the exact minimum and maximum.
    public func quantile(_ q: Double) -> Double? {
        guard count > 0, !values.isEmpty else { return nil }
        if q <= 0 { return min }
        if q >= 1 { return max }
        let target = q * Double(cumulative.last!)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if Double(cumulative[mid]) >= target { hi = mid } else { lo = mid + 1 }
        }
        return values[lo]
    }

    /// The approximate fraction of values `<= value` (exact at and beyond the extremes).
    public func cumulativeFraction(_ value: Double) -> Double {
        guard count > 0, let total = cumulative.last, total > 0 else { return 0 }
        if value < min { return 0 }
        if value >= max { return 1 }
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : Double(cumulative[lo - 1]) / Double(total)
    }
}

extension QuantileSketch: Codable {
    enum CodingKeys: String, CodingKey { case k, count, min, max, coin, levels }

    /// Encodes each level exactly and compactly: whole numbers as `i` + base64 of zigzag-varint
    /// deltas (levels are mostly sorted, so deltas are small), other values as `d` + base64 of
    /// little-endian doubles.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(k, forKey: .k)
        try c.encode(count, forKey: .count)
        if count > 0 {
            try c.encode(min, forKey: .min)
            try c.encode(max, forKey: .max)
        }
        try c.encode(String(coin, radix: 16), forKey: .coin)
        let encoded = levels.map(Self.encodeLevel)
        try c.encode(encoded, forKey: .levels)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let k = try c.decode(Int.self, forKey: .k)
        do { try self.init(k: k) } catch {
            throw DecodingError.dataCorruptedError(forKey: .k, in: c, debugDescription: error.message)
        }
        count = try c.decode(Int.self, forKey: .count)
        if count > 0 {
            min = try c.decode(Double.self, forKey: .min)
            max = try c.decode(Double.self, forKey: .max)
        }
        guard let coin = UInt64(try c.decode(String.self, forKey: .coin), radix: 16) else {
            throw DecodingError.dataCorruptedError(forKey: .coin, in: c, debugDescription: "coin must be hexadecimal")
        }
        self.coin = coin
        var decoded: [[Double]] = []
        for text in try c.decode([String].self, forKey: .levels) {
            guard let level = Self.decodeLevel(text) else {
                throw DecodingError.dataCorruptedError(forKey: .levels, in: c, debugDescription: "quantile sketch levels must be 'i' + base64 varints or 'd' + base64 doubles")
            }
            decoded.append(level)
        }
        levels = decoded.isEmpty ? [[]] : decoded
        var weight = 0
        for (h, level) in levels.enumerated() { weight += level.count << h }
        guard weight == count else {
            throw DecodingError.dataCorruptedError(forKey: .levels, in: c, debugDescription: "quantile sketch weights (\(weight)) do not add up to its count (\(count))")
        }
    }
}

extension QuantileSketch: CustomStringConvertible {
    /// A short summary (the retained items are not listed).
    public var description: String { "QuantileSketch(k: \(k), count: \(count), retained: \(retained), min: \(min), max: \(max))" }
}

extension QuantileSketch {
    static let integral = 9_007_199_254_740_992.0 // 2^53: doubles below it are exact integers

    static func encodeLevel(_ level: [Double]) -> String {
        if level.allSatisfy({ abs($0) < integral && $0 == $0.rounded() }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(level.count * 2)
            var previous: Int64 = 0
            for v in level {
                let n = Int64(v)
                let delta = n &- previous
                previous = n
                var zigzag = UInt64(bitPattern: (delta << 1) ^ (delta >> 63))
                while zigzag >= 0x80 {
                    bytes.append(UInt8(zigzag & 0x7F) | 0x80)
                    zigzag >>= 7
                }
                bytes.append(UInt8(zigzag))
            }
            return "i" + Data(bytes).base64EncodedString()
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(level.count * 8)
        for v in level { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return "d" + Data(bytes).base64EncodedString()
    }

    static func decodeLevel(_ text: String) -> [Double]? {
        guard let tag = text.first, let data = Data(base64Encoded: String(text.dropFirst())) else { return nil }
        let bytes = [UInt8](data)
        var level: [Double] = []
        switch tag {
        case "i":
            var previous: Int64 = 0
            var i = 0
            while i < bytes.count {
                var zigzag: UInt64 = 0
                var shift: UInt64 = 0
                while true {
                    guard i < bytes.count, shift < 64 else { return nil }
                    let b = bytes[i]
                    i += 1
                    zigzag |= UInt64(b & 0x7F) << shift
                    if b < 0x80 { break }
                    shift += 7
                }
                let delta = Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
                previous = previous &+ delta
                level.append(Double(previous))
            }
        case "d":
            guard bytes.count % 8 == 0 else { return nil }
            level.reserveCapacity(bytes.count / 8)
            for i in stride(from: 0, to: bytes.count, by: 8) {
                var bits: UInt64 = 0
                for j in 0..<8 { bits |= UInt64(bytes[i + j]) << UInt64(8 * j) }
                level.append(Double(bitPattern: bits))
            }
        default:
            return nil
        }
        return level
    }
}

