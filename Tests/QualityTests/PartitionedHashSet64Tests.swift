import Testing
@testable import Quality

/// The batch insert finds exactly the rows a one-by-one insert into one set finds.
@Suite("PartitionedHashSet64")
struct PartitionedHashSet64Tests {
    @Test("batches above and below the grouping threshold report the same duplicate rows as a reference set", arguments: [10, 4_095, 4_096, 50_000])
    func matchesAReferenceSet(batchSize: Int) {
        var g = SplitMix(seed: UInt64(batchSize))
        var set = PartitionedHashSet64()
        var reference = Set<UInt64>()
        for _ in 0..<4 {
            // Hashes drawn from a small pool (many repeats) and the full range (few), with rows skipped (nulls).
            let hashes: [UInt64] = (0..<batchSize).map { _ in g.next() % 3 == 0 ? g.next() % 5_000 &* 0x9E37_79B9_7F4A_7C15 : g.next() }
            let rows = (0..<batchSize).filter { _ in g.next() % 10 != 0 }.map { Int32($0) }
            var expected: [Int32] = []
            for row in rows where !reference.insert(hashes[Int(row)]).inserted { expected.append(row) }
            let found = hashes.withUnsafeBufferPointer { set.insert($0, rows: rows) }
            #expect(found == expected)
        }
        #expect(set.count == reference.count)
    }

    @Test("one-by-one inserts agree with batch inserts, including the zero hash")
    func singleInserts() {
        var set = PartitionedHashSet64()
        let first = set.insert(0), again = set.insert(0), other = set.insert(UInt64.max)
        #expect(first && !again && other)
        let duplicates = [UInt64(0), 7, UInt64.max, 7].withUnsafeBufferPointer { set.insert($0, rows: [0, 1, 2, 3]) }
        #expect(duplicates == [0, 2, 3])
        #expect(set.count == 3)
    }
}
