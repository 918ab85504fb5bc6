#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An insertion-ordered dictionary of 4- or 8-byte values keyed by bit pattern, with an
/// open-addressing hash table of indices.
struct NumericDictionary {
    /// Entries in insertion order (bit patterns, zero-extended).
    private(set) var entries: [UInt64] = []
    /// The open-addressing table of entry indices (-1: empty), at most half full. Four bytes a
    /// slot: a writer encodes all its columns at once, and a wider slot holding the key too
    /// cost more memory (several megabytes a column) than the lookups it saved.
    private var table: [Int32]
    private var mask: Int

    init() {
        table = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }

    var count: Int { entries.count }

    @inline(__always)
    static func hash(_ key: UInt64) -> Int {
        let h = (key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// Writes the index of each valid value of `p[range]` (each one for which `v` is true, or
    /// all without `v`) to `out`, in order, inserting new keys; returns how many were written.
    mutating func encode<T: NumericLeaf>(_ p: UnsafeBufferPointer<T>, _ v: UnsafeBufferPointer<Bool>?, _ range: Range<Int>,
                                         into out: UnsafeMutablePointer<UInt32>) -> Int {
        var written = 0
        var i = range.lowerBound
        // Moved out while the loop holds pointers into them, and back after.
        var slots = table, keys = entries
        table = []
        entries = []
        defer {
            table = slots
            entries = keys
        }
        while i < range.upperBound {
            let mask = self.mask
            let limit = slots.count / 2 // at most half full
            let full = slots.withUnsafeMutableBufferPointer { s -> Bool in
                let base = s.baseAddress!
                while i < range.upperBound {
                    if let v, !v[i] {
                        i += 1
                        continue
                    }
                    let key = p[i].bits
                    var slot = Self.hash(key) & mask
                    while true {
                        let e = base[slot]
                        if e < 0 {
                            // A new key: grow first when the table would be over half full.
                            if keys.count + 1 > limit { return true }
                            let index = Int32(truncatingIfNeeded: keys.count)
                            keys.append(key)
                            base[slot] = index
                            out[written] = UInt32(index)
                            break
                        }
                        if keys[Int(e)] == key {
                            out[written] = UInt32(e)
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                    written += 1
                    i += 1
                }
                return false
            }
            if full {
                Self.rehash(&slots, keys: keys, size: slots.count * 2)
                self.mask = slots.count - 1
            }
        }
        return written
    }

    /// Rebuilds `table` with `size` slots holding `keys` (indices in order).
    private static func rehash(_ table: inout [Int32], keys: [UInt64], size: Int) {
        table = [Int32](repeating: -1, count: size)
        let mask = size - 1
        table.withUnsafeMutableBufferPointer { s in
            for (i, key) in keys.enumerated() {
                var slot = hash(key) & mask
                while s[slot] >= 0 { slot = (slot + 1) & mask }
                s[slot] = Int32(i)
            }
        }
    }

    mutating func reset() {
        entries.removeAll(keepingCapacity: true)
        table = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }
}

/// An insertion-ordered dictionary of byte strings: the bytes are stored back to back and an
/// open-addressing table maps a hash of the bytes to the entry index.
struct BytesDictionary {
    private(set) var data: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var table: [Int32]
    private var mask: Int

    init() {
        table = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }

    var count: Int { offsets.count - 1 }

    /// A fast non-cryptographic hash of `bytes`, eight bytes at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 31
        }
        return h &* 0xFF51_AFD7_ED55_8CCD
    }

    /// The index of `bytes`, inserting them when new.
    @inline(__always)
    mutating func index(of bytes: UnsafeRawBufferPointer) -> UInt32 {
        let h = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: h >> 7) & mask
        while true {
            let e = table[slot]
            if e < 0 {
                let index = count
                data.append(contentsOf: bytes)
                offsets.append(data.count)
                hashes.append(h)
                table[slot] = Int32(index)
                if count * 2 > table.count { grow() }
                return UInt32(index)
            }
            let i = Int(e)
            if hashes[i] == h && equal(i, bytes) { return UInt32(e) }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func equal(_ i: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[i], end = offsets[i + 1]
        guard end - start == bytes.count else { return false }
        if bytes.count == 0 { return true }
        return data.withUnsafeBytes { d in memcmp(d.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 }
    }

    private mutating func grow() {
        let size = table.count * 2
        table = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (i, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h >> 7) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(i)
        }
    }

    mutating func reset() {
        data.removeAll(keepingCapacity: true)
        offsets = [0]
        hashes.removeAll(keepingCapacity: true)
        table = [Int32](repeating: -1, count: 1024)
        mask = 1023
    }
}
