/// A set of 64-bit hashes split by their top bits into ``partitionCount`` open-addressing sets,
/// filled a batch at a time: the batch's hashes are first grouped by partition (a stable
/// counting sort), then each group goes into its partition's set. With millions of distinct
/// values (a unique key over a large publish) one big table misses the cache on nearly every
/// insert; a partition's table is small enough to stay in cache while its group goes in.
///
/// Which rows are duplicates is exactly what inserting the rows one by one, in row order, into
/// one set would find: equal hashes fall into the same partition, where rows keep their order.
struct PartitionedHashSet64: Sendable {
    /// The number of partitions (the top 8 bits of a hash choose one).
    static let partitionCount = 256
    /// Below this many rows a batch goes straight in, row by row.
    static let groupingThreshold = 4096

    /// Made on the first insert (a scan that never tests duplicates allocates nothing).
    private var partitions: [HashSet64] = []
    private var grouped: [UInt64] = []
    private var groupedRows: [Int32] = []

    /// The number of distinct hashes held.
    var count: Int { partitions.reduce(0) { $0 + $1.count } }

    @inline(__always)
    private static func partition(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 56) }

    /// Inserts one hash; false when it was already present.
    mutating func insert(_ hash: UInt64) -> Bool {
        if partitions.isEmpty { allocate() }
        return partitions[Self.partition(hash)].insert(hash)
    }

    private mutating func allocate() {
        partitions = Array(repeating: HashSet64(capacity: 8), count: Self.partitionCount)
    }

    /// Inserts the hashes of `rows` (indices into `hashes`, ascending) and returns the rows whose
    /// hash was already present (seen earlier in this batch or in an earlier one), ascending.
    mutating func insert(_ hashes: UnsafeBufferPointer<UInt64>, rows: [Int32]) -> [Int32] {
        if partitions.isEmpty { allocate() }
        var duplicates: [Int32] = []
        if rows.count < Self.groupingThreshold {
            for row in rows where !insert(hashes[Int(row)]) { duplicates.append(row) }
            return duplicates
        }
        // Counting sort of the rows by partition, stable.
        var starts = [Int](repeating: 0, count: Self.partitionCount + 1)
        for row in rows { starts[Self.partition(hashes[Int(row)]) + 1] += 1 }
        for p in 0..<Self.partitionCount { starts[p + 1] += starts[p] }
        grouped.removeAll(keepingCapacity: true)
        grouped.append(contentsOf: repeatElement(0, count: rows.count))
        groupedRows.removeAll(keepingCapacity: true)
        groupedRows.append(contentsOf: repeatElement(0, count: rows.count))
        var next = starts
        grouped.withUnsafeMutableBufferPointer { g in
            groupedRows.withUnsafeMutableBufferPointer { gr in
                for row in rows {
                    let h = hashes[Int(row)]
                    let p = Self.partition(h)
                    g[next[p]] = h
                    gr[next[p]] = row
                    next[p] += 1
                }
            }
        }
        grouped.withUnsafeBufferPointer { g in
            groupedRows.withUnsafeBufferPointer { gr in
                for p in 0..<Self.partitionCount where starts[p] < starts[p + 1] {
                    partitions[p].insert(g.baseAddress!, rows: gr.baseAddress!, range: starts[p]..<starts[p + 1], duplicates: &duplicates)
                }
            }
        }
        duplicates.sort()
        return duplicates
    }
}
