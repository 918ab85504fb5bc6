/// An open-addressing hash table assigning dense ids (0, 1, 2, ...) to entity keys in
/// first-seen order. Keys are either single `Int64`s (the fast path) or canonical byte
/// encodings kept in one arena.
struct EntityTable {
    private var slots: [Int32]          // byte path: entity id + 1; 0 = empty
    private var mask: Int
    private(set) var count: Int32 = 0
    // Fast path: key and id side by side, so a probe touches one cache line.
    private var integerSlots: [IntegerSlot]
    // Byte path: each entity's hash and its encoding in `arena`.
    private var hashes: [UInt64] = []
    private var arena: [UInt8] = []
    private var arenaOffsets: [Int] = [0]
    let integer: Bool

    init(integer: Bool, expected: Int) {
        self.integer = integer
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        slots = integer ? [] : Array(repeating: 0, count: capacity)
        integerSlots = integer ? Array(repeating: IntegerSlot(key: 0, id: 0), count: capacity) : []
        mask = capacity - 1
    }

    /// One slot of the integer table: `id` is the entity id + 1; 0 = empty.
    struct IntegerSlot {
        var key: Int64
        var id: Int32
    }

    /// The slot holding `key`, or the empty slot where it would go, and its id (-1 when absent).
    @inline(__always) private func probe(integer key: Int64) -> (slot: Int, id: Int32) {
        var i = Int(truncatingIfNeeded: StableHash.mix(UInt64(bitPattern: key))) & mask
        return integerSlots.withUnsafeBufferPointer { slots in
            while true {
                let s = slots[i]
                if s.id == 0 { return (i, -1) }
                if s.key == key { return (i, s.id - 1) }
                i = (i + 1) & mask
            }
        }
    }

    /// The id of an integer key, or -1.
    @inline(__always) func find(integer key: Int64) -> Int32 { probe(integer: key).id }

    /// The id of an integer key, adding it when new.
    @inline(__always) mutating func insert(integer key: Int64) -> Int32 {
        let (slot, id) = probe(integer: key)
        if id >= 0 { return id }
        integerSlots[slot] = IntegerSlot(key: key, id: count + 1)
        count += 1
        if Int(count) * 2 > integerSlots.count { grow() }
        return count - 1
    }

    private func probe(bytes key: [UInt8]) -> (slot: Int, id: Int32, hash: UInt64) {
        let h = key.withUnsafeBytes { StableHash.bytes($0) }
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return (i, -1, h) }
            let e = Int(s - 1)
            if hashes[e] == h && arena[arenaOffsets[e]..<arenaOffsets[e + 1]].elementsEqual(key) { return (i, s - 1, h) }
            i = (i + 1) & mask
        }
    }

    /// The id of a key encoded as bytes (see ``KeyColumns/encode(_:into:)``), or -1.
    func find(bytes key: [UInt8]) -> Int32 { probe(bytes: key).id }

    /// The id of a key encoded as bytes, adding it when new.
    mutating func insert(bytes key: [UInt8]) -> Int32 {
        let (slot, id, h) = probe(bytes: key)
        if id >= 0 { return id }
        hashes.append(h)
        arena.append(contentsOf: key)
        arenaOffsets.append(arena.count)
        return claim(slot)
    }

    private mutating func claim(_ slot: Int) -> Int32 {
        slots[slot] = count + 1
        count += 1
        if Int(count) * 2 > slots.count { grow() }
        return count - 1
    }

    private mutating func grow() {
        if integer {
            let old = integerSlots
            integerSlots = Array(repeating: IntegerSlot(key: 0, id: 0), count: old.count * 2)
            mask = integerSlots.count - 1
            for s in old where s.id != 0 {
                var i = Int(truncatingIfNeeded: StableHash.mix(UInt64(bitPattern: s.key))) & mask
                while integerSlots[i].id != 0 { i = (i + 1) & mask }
                integerSlots[i] = s
            }
            return
        }
        let capacity = slots.count * 2
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for e in 0..<Int(count) {
            let h = hashes[e]
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(e + 1)
        }
    }
}
