/// An open-addressing set of 64-bit hashes (exact duplicate detection without per-value allocation).
///
/// Two different values are confused only if their xxHash64 collide: with n values the chance is
/// about n²/2⁶⁵ (≈ 1e-7 for 2 million values).
struct HashSet64: Sendable {
    private var slots: [UInt64]
    private var occupied: [Bool]
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        occupied = [Bool](repeating: false, count: size)
        mask = size - 1
    }

    /// Inserts `hash`; returns false when it was already present.
    @inline(__always)
    mutating func insert(_ hash: UInt64) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while occupied[slot] {
            if slots[slot] == hash { return false }
            slot = (slot + 1) & mask
        }
        occupied[slot] = true
        slots[slot] = hash
        count += 1
        return true
    }

    func contains(_ hash: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while occupied[slot] {
            if slots[slot] == hash { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    private mutating func grow() {
        let old = zip(slots, occupied).filter(\.1).map(\.0)
        let size = slots.count * 2
        slots = [UInt64](repeating: 0, count: size)
        occupied = [Bool](repeating: false, count: size)
        mask = size - 1
        count = 0
        for h in old { _ = insert(h) }
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
