import Columnar
import Foundation

extension ColumnProfile {
    /// Strings and binaries: hashes straight from the shared byte buffer, byte-wise min/max,
    /// lengths, and (for strings) per-chunk exact counts fed to the frequent-values summary.
    mutating func updateBytes(_ values: VariableBytes, _ validity: Buffer<Bool>?) {
        let rows = values.count
        guard rows > 0 else { return }
        let isString = kind == .string
        var hashes = [UInt64](repeating: 0, count: Swift.min(profileChunk, rows))
        var rowOf = [Int](repeating: 0, count: hashes.count)
        var table = ChunkCounter(capacity: hashes.count)
        var minBytes: [UInt8]? = nil, maxBytes: [UInt8]? = nil
        var shortest = Int.max, longest = Int.min
        var lengthMoments = Moments()
        var lengthScratch = [Double](repeating: 0, count: hashes.count)
        values.offsets.withUnsafeBufferPointer { offsets in
            values.data.withUnsafeBufferPointer { data in
                let raw = UnsafeRawBufferPointer(data)
                chunks(rows, validity) { start, end, valid in
                    var n = 0
                    for i in start..<end {
                        if let valid, !valid[i] { continue }
                        let bytes = UnsafeRawBufferPointer(rebasing: raw[offsets[i]..<offsets[i + 1]])
                        hashes[n] = Hash64.hash(bytes)
                        rowOf[n] = i
                        lengthScratch[n] = Double(bytes.count)
                        shortest = Swift.min(shortest, bytes.count)
                        longest = Swift.max(longest, bytes.count)
                        if isString {
                            if minBytes == nil || Self.compare(bytes, minBytes!) < 0 { minBytes = [UInt8](bytes) }
                            if maxBytes == nil || Self.compare(bytes, maxBytes!) > 0 { maxBytes = [UInt8](bytes) }
                        }
                        n += 1
                    }
                    guard n > 0 else { return }
                    hashes.withUnsafeBufferPointer { distinct.insert(hashes: UnsafeBufferPointer(rebasing: $0[0..<n])) }
                    lengthScratch.withUnsafeBufferPointer { lengthMoments.insert(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
                    if isString, frequent != nil {
                        table.reset()
                        for j in 0..<n { table.add(hashes[j], row: rowOf[j]) }
                        let (keys, counts, firstRows) = table.entries()
                        frequent!.add(hashes: keys, counts: counts) { values.string(firstRows[$0]) }
                    }
                }
            }
        }
        lengths?.record(minimum: shortest, maximum: longest, moments: lengthMoments)
        if let minBytes, let maxBytes {
            recordExtremes(.string(String(decoding: minBytes, as: UTF8.self)), .string(String(decoding: maxBytes, as: UTF8.self)))
        }
    }

    /// Byte-wise lexicographic comparison (the order of UTF-8 text by Unicode scalar).
    static func compare(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Int {
        b.withUnsafeBytes { b in
            let n = Swift.min(a.count, b.count)
            if n > 0 {
                let c = memcmp(a.baseAddress!, b.baseAddress!, n)
                if c != 0 { return Int(c) }
            }
            return a.count - b.count
        }
    }
}

/// An open-addressing table counting 64-bit hashes within one chunk (no per-value allocation).
struct ChunkCounter {
    var keys: [UInt64]
    var counts: [Int]
    var firstRows: [Int]
    var used: [Int] = []
    let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        counts = [Int](repeating: 0, count: size)
        firstRows = [Int](repeating: 0, count: size)
        mask = size - 1
        used.reserveCapacity(capacity)
    }

    mutating func reset() {
        for slot in used { counts[slot] = 0 }
        used.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func add(_ hash: UInt64, row: Int) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            if counts[slot] == 0 {
                keys[slot] = hash
                counts[slot] = 1
                firstRows[slot] = row
                used.append(slot)
                return
            }
            if keys[slot] == hash {
                counts[slot] += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    func entries() -> ([UInt64], [Int], [Int]) {
        (used.map { keys[$0] }, used.map { counts[$0] }, used.map { firstRows[$0] })
    }
}
