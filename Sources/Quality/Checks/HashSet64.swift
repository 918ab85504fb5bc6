/// An open-addressing set of 64-bit hashes (exact duplicate detection without per-value allocation).
///
/// Two different values are confused only if their xxHash64 collide: with n values the chance is
/// about n²/2⁶⁵ (≈ 1e-7 for 2 million values).
///
/// One array of slots, 0 marking an empty one (the hash 0 itself is a flag of its own), so an
/// insert touches one cache line rather than a slot and a separate occupancy flag.
struct HashSet64: Sendable {
    private var slots: [UInt64]
    private var hasZero = false
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func home(_ hash: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask }

    /// Inserts `hash`; returns false when it was already present.
    @inline(__always)
    mutating func insert(_ hash: UInt64) -> Bool {
        if hash == 0 {
            if hasZero { return false }
            hasZero = true
            count += 1
            return true
        }
        reserve(count + 1)
        let mask = self.mask
        let inserted = slots.withUnsafeMutableBufferPointer { Self.place(hash, in: $0.baseAddress!, mask: mask) }
        if inserted { count += 1 }
        return inserted
    }

    /// Inserts `hashes[k]` for every `k` in `range`, in order, appending `rows[k]` to
    /// `duplicates` for each one already present.
    mutating func insert(_ hashes: UnsafePointer<UInt64>, rows: UnsafePointer<Int32>, range: Range<Int>, duplicates: inout [Int32]) {
        reserve(count + range.count)
        let mask = self.mask
        var added = 0
        var zero = hasZero
        slots.withUnsafeMutableBufferPointer { buffer in
            let table = buffer.baseAddress!
            for k in range {
                let hash = hashes[k]
                let inserted: Bool
                if hash == 0 {
                    inserted = !zero
                    zero = true
                } else {
                    inserted = Self.place(hash, in: table, mask: mask)
                }
                if inserted { added += 1 } else { duplicates.append(rows[k]) }
            }
        }
        hasZero = zero
        count += added
    }

    /// Puts a non-zero `hash` in its slot; false when it is there already.
    @inline(__always)
    private static func place(_ hash: UInt64, in table: UnsafeMutablePointer<UInt64>, mask: Int) -> Bool {
        var slot = home(hash, mask)
        while true {
            let held = table[slot]
            if held == 0 {
                table[slot] = hash
                return true
            }
            if held == hash { return false }
            slot = (slot + 1) & mask
        }
    }

    func contains(_ hash: UInt64) -> Bool {
        if hash == 0 { return hasZero }
        var slot = Self.home(hash, mask)
        while slots[slot] != 0 {
            if slots[slot] == hash { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// Grows the table (keeping it at most half full) to hold `total` hashes.
    private mutating func reserve(_ total: Int) {
        guard total * 2 > slots.count else { return }
        var size = slots.count * 2
        while total * 2 > size { size <<= 1 }
        var grown = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        grown.withUnsafeMutableBufferPointer { target in
            slots.withUnsafeBufferPointer { old in
                for hash in old where hash != 0 { _ = Self.place(hash, in: target.baseAddress!, mask: mask) }
            }
        }
        slots = grown
        self.mask = mask
    }
}

/// An open-addressing map from 64-bit value hashes to a pass/fail verdict, so a test that is
/// expensive per value (regular expressions, set membership by text) runs once per distinct value.
struct VerdictCache: Sendable {
    private var keys: [UInt64]
    /// 0 = empty, 1 = pass, 2 = fail.
    private var states: [UInt8]
    private var count = 0
    private var mask: Int

    init(capacity: Int = 256) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        states = [UInt8](repeating: 0, count: size)
        mask = size - 1
    }

    /// The verdict for `hash`, computing and remembering it with `compute` on first sight.
    @inline(__always)
    mutating func verdict(_ hash: UInt64, _ compute: () -> Bool) -> Bool {
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while states[slot] != 0 {
            if keys[slot] == hash { return states[slot] == 1 }
            slot = (slot + 1) & mask
        }
        let result = compute()
        if (count + 1) * 2 > keys.count {
            grow()
            return remember(hash, result)
        }
        keys[slot] = hash
        states[slot] = result ? 1 : 2
        count += 1
        return result
    }

    private mutating func remember(_ hash: UInt64, _ result: Bool) -> Bool {
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while states[slot] != 0 { slot = (slot + 1) & mask }
        keys[slot] = hash
        states[slot] = result ? 1 : 2
        count += 1
        return result
    }

    private mutating func grow() {
        let old = (0..<keys.count).filter { states[$0] != 0 }.map { (keys[$0], states[$0]) }
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        states = [UInt8](repeating: 0, count: size)
        mask = size - 1
        count = 0
        for (k, s) in old { _ = remember(k, s == 1) }
    }
}
