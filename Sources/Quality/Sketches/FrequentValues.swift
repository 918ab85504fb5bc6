/// The most frequent values of a column with their counts (Misra–Gries summary).
///
/// Keeps at most ``capacity`` counters. A reported count is a lower bound and the true count is
/// at most `count + maxError`; any value occurring more than `total / (capacity + 1)` times is
/// guaranteed to be present. With fewer distinct values than the capacity the counts are exact
/// (`maxError == 0`). Summaries merge (counts add, then the excess is trimmed), keeping the same
/// guarantee for the union.
public struct FrequentValues: Sendable, Equatable {
    /// The maximum number of counters kept.
    public let capacity: Int
    /// The number of values summarised.
    public private(set) var total: Int = 0
    /// The largest amount by which any count may be under-reported.
    public private(set) var maxError: Int = 0
    /// Counter per value hash.
    var counters: [UInt64: Entry] = [:]

    struct Entry: Sendable, Equatable {
        var value: String
        var count: Int
    }

    /// One value and how often it was seen.
    public struct Item: Sendable, Hashable, Codable {
        /// The value.
        public var value: String
        /// Its count (a lower bound; exact when the summary's `maxError` is 0).
        public var count: Int
    }

    /// Creates an empty summary; `capacity` must be at least 1.
    public init(capacity: Int) throws(QualityError) {
        guard capacity >= 1 else {
            throw QualityError(.invalidParameter, "frequent-values capacity must be at least 1, got \(capacity)")
        }
        self.capacity = capacity
    }

    /// Records `count` occurrences of `value`.
    public mutating func insert(_ value: String, count: Int = 1) {
        var text = value
        let hash = text.withUTF8 { Hash64.hash(UnsafeRawBufferPointer($0)) }
        add(hashes: [hash], counts: [count]) { _ in value }
    }

    /// Records pre-aggregated counts: `counts[i]` occurrences of the value hashed `hashes[i]`,
    /// whose text `value(i)` is only materialised when it is kept.
    mutating func add(hashes: [UInt64], counts: [Int], value: (Int) -> String) {
        var pending: [Int] = []
        for i in hashes.indices {
            total += counts[i]
            if counters[hashes[i]] != nil {
                counters[hashes[i]]!.count += counts[i]
            } else {
                pending.append(i)
            }
        }
        if counters.count + pending.count <= capacity {
            for i in pending { counters[hashes[i]] = Entry(value: value(i), count: counts[i]) }
            return
        }
        var all = counters.values.map(\.count)
        for i in pending { all.append(counts[i]) }
        let cut = Self.largest(capacity + 1, of: &all)
        maxError += cut
        counters = counters.compactMapValues { e in e.count > cut ? Entry(value: e.value, count: e.count - cut) : nil }
        for i in pending where counts[i] > cut {
            counters[hashes[i]] = Entry(value: value(i), count: counts[i] - cut)
        }
    }

    /// The `rank`-th largest element of `values` (1-based), by quickselect; reorders `values`.
    static func largest(_ rank: Int, of values: inout [Int]) -> Int {
        var lo = 0, hi = values.count - 1
        let target = rank - 1
        while lo < hi {
            let pivot = values[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while values[i] > pivot { i += 1 }
                while values[j] < pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if target <= j { hi = j } else if target >= i { lo = i } else { break }
        }
        return values[target]
    }

    /// Folds `other` in.
    public mutating func merge(_ other: FrequentValues) throws(QualityError) {
        guard other.capacity == capacity else {
            throw QualityError(.incompatibleMerge, "cannot merge frequent-value summaries of capacity \(capacity) and \(other.capacity)")
        }
        let entries = Array(other.counters)
        let beforeTotal = total
        maxError += other.maxError
        add(hashes: entries.map(\.key), counts: entries.map(\.value.count)) { entries[$0].value.value }
        total = beforeTotal + other.total
    }

    /// Every kept value, most frequent first (ties by value).
    public var items: [Item] {
        counters.values.map { Item(value: $0.value, count: $0.count) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    }

    /// The `k` most frequent values.
    public func top(_ k: Int) -> [Item] { Array(items.prefix(k)) }

    /// The count recorded for `value` (0 when not kept).
    public func count(of value: String) -> Int {
        var text = value
        let hash = text.withUTF8 { Hash64.hash(UnsafeRawBufferPointer($0)) }
        return counters[hash]?.count ?? 0
    }
}

extension FrequentValues: Codable {
    enum CodingKeys: String, CodingKey { case capacity, total, maxError, items }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(capacity, forKey: .capacity)
        try c.encode(total, forKey: .total)
        try c.encode(maxError, forKey: .maxError)
        try c.encode(items, forKey: .items)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let capacity = try c.decode(Int.self, forKey: .capacity)
        do { try self.init(capacity: capacity) } catch {
            throw DecodingError.dataCorruptedError(forKey: .capacity, in: c, debugDescription: error.message)
        }
        total = try c.decode(Int.self, forKey: .total)
        maxError = try c.decode(Int.self, forKey: .maxError)
        for item in try c.decode([Item].self, forKey: .items) {
            var text = item.value
            let hash = text.withUTF8 { Hash64.hash(UnsafeRawBufferPointer($0)) }
            counters[hash] = Entry(value: item.value, count: item.count)
        }
    }
}
