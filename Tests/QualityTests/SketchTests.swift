import Testing
import Foundation
@testable import Quality

/// Vectors below were produced with the `xxhash` PyPI package (`xxhash.xxh64_intdigest`, seed 0).
@Suite("Hash64 (xxHash64)")
struct Hash64Tests {
    @Test("matches reference xxHash64 vectors for every input-length path")
    func vectors() {
        let cases: [([UInt8], UInt64)] = [
            ([], 0xEF46_DB37_51D8_E999),
            (Array("abc".utf8), 0x44BC_2CF5_AD77_0999),
            (Array("hello world".utf8), 0x45AB_6734_B21E_6968),
            (Array(0..<40), 0xF5DA_40F1_B117_41E9),
            (Array(0..<100), 0x6AC1_E580_3216_6597),
            (Array("12345678".utf8), 0xD2D0_2F08_CF7C_FD4A),
        ]
        for (bytes, expected) in cases { #expect(Hash64.hash(bytes) == expected, "length \(bytes.count)") }
    }

    @Test("integers hash as their 8 little-endian bytes; -0.0 folds onto 0.0")
    func integers() {
        #expect(Hash64.hash(Int64(42)) == 0xB556_806F_B6D1_4353)
        #expect(Hash64.hash(Int64(-7)) == 0xA8D1_54F8_0F8C_BA5A)
        #expect(Hash64.hash(-0.0) == Hash64.hash(0.0))
        #expect(Hash64.hash(1.5) != Hash64.hash(2.5))
    }
}

@Suite("HyperLogLog")
struct HyperLogLogTests {
    @Test("estimates 1,000,000 distinct values within 3 standard errors", arguments: [12, 14])
    func million(precision: Int) throws {
        var hll = try HyperLogLog(precision: precision)
        for i in 0..<1_000_000 { hll.insert(hash: Hash64.hash(Int64(i))) }
        let error = abs(hll.estimate - 1_000_000) / 1_000_000
        let standardError = 1.04 / Double(1 << precision).squareRoot()
        #expect(error < 3 * standardError, "relative error \(error)")
    }

    @Test("small cardinalities are almost exact and duplicates do not count")
    func small() throws {
        var hll = try HyperLogLog()
        #expect(hll.count == 0)
        for _ in 0..<5 { for i in 0..<100 { hll.insert(hash: Hash64.hash(Int64(i))) } }
        #expect(abs(hll.count - 100) <= 1)
    }

    @Test("merge equals the sketch of the union; precision mismatch is rejected")
    func merge() throws {
        var a = try HyperLogLog(), b = try HyperLogLog(), all = try HyperLogLog()
        for i in 0..<50_000 {
            let h = Hash64.hash(Int64(i))
            if i % 3 == 0 { a.insert(hash: h) } else { b.insert(hash: h) }
            all.insert(hash: h)
        }
        try a.merge(b)
        #expect(a == all)
        #expect(throws: QualityError.self) { try a.merge(try HyperLogLog(precision: 10)) }
        #expect(throws: QualityError.self) { try HyperLogLog(precision: 3) }
    }

    @Test("round-trips through sparse and dense JSON")
    func codable() throws {
        var sparse = try HyperLogLog()
        for i in 0..<10 { sparse.insert(hash: Hash64.hash(Int64(i))) }
        var dense = try HyperLogLog(precision: 8)
        for i in 0..<10_000 { dense.insert(hash: Hash64.hash(Int64(i))) }
        var full = try HyperLogLog()
        for i in 0..<300_000 { full.insert(hash: Hash64.hash(Int64(i))) }
        for sketch in [sparse, dense, full] {
            let data = try JSONEncoder().encode(sketch)
            #expect(try JSONDecoder().decode(HyperLogLog.self, from: data) == sketch)
        }
        // 16,384 registers pack into 4 bits each plus a few exceptions: about 11 kB of base64.
        #expect(try JSONEncoder().encode(full).count < 12_500)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(HyperLogLog.self, from: Data(#"{"precision":14,"packed":"AAAA","base":3,"exceptions":""}"#.utf8))
        }
    }
}

@Suite("Quantile sketch (KLL)")
struct QuantileSketchTests {
    static func rankError(_ sketch: QuantileSketch, sorted: [Double]) -> Double {
        let view = sketch.sortedView()
        var worst = 0.0
        for q in [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] {
            let v = view.quantile(q)!
            // The true rank range of v in the data.
            let below = sorted.partitioningIndex { $0 >= v }
            let upTo = sorted.partitioningIndex { $0 > v }
            let lo = Double(below) / Double(sorted.count), hi = Double(upTo) / Double(sorted.count)
            let err = q < lo ? lo - q : (q > hi ? q - hi : 0)
            worst = max(worst, err)
        }
        return worst
    }

    @Test("rank error stays below 2% on shuffled, sorted and skewed input")
    func rankErrorBound() throws {
        var generator = SplitMix(seed: 7)
        let n = 300_000
        let uniform = (0..<n).map { _ in Double(generator.next() % 1_000_000) }
        let skewed = (0..<n).map { _ in exp(Double(generator.next() % 10_000) / 1000) }
        let ascending = (0..<n).map(Double.init)
        for data in [uniform, skewed, ascending] {
            var sketch = try QuantileSketch()
            data.withUnsafeBufferPointer { sketch.insert(contentsOf: $0) }
            #expect(sketch.count == n)
            #expect(sketch.min == data.min() && sketch.max == data.max())
            #expect(Self.rankError(sketch, sorted: data.sorted()) < 0.02)
            #expect(sketch.retained < 2_000, "space stays bounded: \(sketch.retained)")
        }
    }

    @Test("merged per-batch sketches stay within the bound and keep exact count/min/max")
    func mergeBound() throws {
        var generator = SplitMix(seed: 11)
        let data = (0..<200_000).map { _ in Double(generator.next() % 50_000) - 25_000 }
        var merged = try QuantileSketch()
        for start in stride(from: 0, to: data.count, by: 7_000) {
            var part = try QuantileSketch()
            data[start..<min(start + 7_000, data.count)].withUnsafeBufferPointer { part.insert(contentsOf: $0) }
            try merged.merge(part)
        }
        #expect(merged.count == data.count)
        #expect(merged.min == data.min() && merged.max == data.max())
        #expect(Self.rankError(merged, sorted: data.sorted()) < 0.02)
        #expect(throws: QualityError.self) { try merged.merge(try QuantileSketch(k: 100)) }
    }

    @Test("JSON round trip is exact; extremes answer q=0 and q=1")
    func codable() throws {
        var sketch = try QuantileSketch(k: 50)
        for i in 0..<10_000 { sketch.insert(Double(i) * 0.5) }
        sketch.insert(.nan)
        let decoded = try JSONDecoder().decode(QuantileSketch.self, from: JSONEncoder().encode(sketch))
        #expect(decoded == sketch)
        #expect(decoded.quantile(0) == 0 && decoded.quantile(1) == 4999.5)
        #expect(try QuantileSketch().quantile(0.5) == nil)
        // Whole numbers (negative and large ones too) are stored as varint deltas.
        var ints = try QuantileSketch(), large = try QuantileSketch()
        for i in 0..<200_000 {
            ints.insert(Double((i &* 7_919) % 200_000 - 100_000))
            large.insert(Double((i &* 7_919) % 200_000 - 100_000) * 1e10)
        }
        let data = try JSONEncoder().encode(ints)
        #expect(try JSONDecoder().decode(QuantileSketch.self, from: data) == ints)
        #expect(data.count < ints.retained * 4, "\(data.count) bytes for \(ints.retained) items")
        #expect(try JSONDecoder().decode(QuantileSketch.self, from: JSONEncoder().encode(large)) == large)
        #expect(QuantileSketch.decodeLevel("x") == nil && QuantileSketch.decodeLevel("i/w==") == nil)
    }
}

@Suite("Frequent values (Misra-Gries)")
struct FrequentValuesTests {
    @Test("finds the heavy hitters of a Zipf-like stream with bounded error")
    func skewed() throws {
        var summary = try FrequentValues(capacity: 50)
        var truth: [String: Int] = [:]
        var generator = SplitMix(seed: 3)
        for _ in 0..<100_000 {
            // P(value = i) ∝ 1/(i+1): a heavy head and a long tail of 5,000 values.
            let r = Double(generator.next() % 1_000_000) / 1_000_000
            let i = Int(pow(5000.0, r)) - 1
            let v = "v\(i)"
            truth[v, default: 0] += 1
            summary.insert(v)
        }
        let trueTop = truth.sorted { $0.value > $1.value }.prefix(5).map(\.key)
        let top = summary.top(5).map(\.value)
        #expect(Set(top) == Set(trueTop))
        for item in summary.items {
            #expect(item.count <= truth[item.value]!)
            #expect(truth[item.value]! <= item.count + summary.maxError)
        }
        #expect(summary.maxError <= 100_000 / 51)
        #expect(summary.total == 100_000)
    }

    @Test("exact when distinct values fit; merge adds counts")
    func exactAndMerge() throws {
        var a = try FrequentValues(capacity: 10), b = try FrequentValues(capacity: 10)
        a.insert("x", count: 5); a.insert("y", count: 2)
        b.insert("x", count: 1); b.insert("z", count: 7)
        try a.merge(b)
        #expect(a.items == [.init(value: "z", count: 7), .init(value: "x", count: 6), .init(value: "y", count: 2)])
        #expect(a.maxError == 0 && a.total == 15)
        let decoded = try JSONDecoder().decode(FrequentValues.self, from: JSONEncoder().encode(a))
        #expect(decoded == a)
    }

    @Test("quickselect finds the rank-th largest")
    func select() {
        var generator = SplitMix(seed: 5)
        for _ in 0..<50 {
            var values = (0..<(1 + Int(generator.next() % 200))).map { _ in Int(generator.next() % 20) }
            let rank = 1 + Int(generator.next() % UInt64(values.count))
            let expected = values.sorted(by: >)[rank - 1]
            #expect(FrequentValues.largest(rank, of: &values) == expected)
        }
    }
}

@Suite("Moments")
struct MomentsTests {
    @Test("batched, single and merged updates agree with the two-pass formula")
    func agree() {
        let data = (0..<10_001).map { Double($0 % 97) * 1.25 + 1e6 }
        let mean = data.reduce(0, +) / Double(data.count)
        let variance = data.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(data.count)
        var single = Moments()
        for v in data { single.insert(v) }
        var merged = Moments()
        for start in stride(from: 0, to: data.count, by: 333) {
            var part = Moments()
            data[start..<min(start + 333, data.count)].withUnsafeBufferPointer { part.insert(contentsOf: $0) }
            merged.merge(part)
        }
        for m in [single, merged] {
            #expect(m.count == data.count)
            #expect(abs(m.mean - mean) < 1e-9 * mean)
            #expect(abs(m.variance! - variance) < 1e-9 * variance)
        }
        #expect(Moments().variance == nil)
    }
}

/// A small deterministic generator for test data.
struct SplitMix: RandomNumberGenerator {
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

extension Array where Element == Double {
    func partitioningIndex(where belongs: (Double) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongs(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

@Suite("sortDoubles")
struct SortDoublesTests {
    @Test("sorts random, sorted, reversed, constant and few-valued inputs of every small size")
    func sorts() {
        var g = SplitMix(seed: 9)
        for n in Array(0...40) + [199, 200, 1_000, 5_000] {
            let random = (0..<n).map { _ in Double(g.next() % 1_000) - 500 }
            let inputs = [random, random.sorted(), random.sorted(by: >), Array(repeating: 1.5, count: n),
                          (0..<n).map { Double($0 % 3) }, (0..<n).map { _ in [-0.0, 0.0, .infinity, -.infinity][Int(g.next() % 4)] }]
            for input in inputs {
                var values = input
                values.withUnsafeMutableBufferPointer { sortDoubles($0) }
                #expect(values == input.sorted(), "n = \(n)")
            }
        }
    }
}
