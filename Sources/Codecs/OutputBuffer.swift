/// Decompressed bytes in a manually grown allocation: growing copies only what was written,
/// and never allocates more than asked (an array's growth policy could overshoot a limit,
/// and zero-filling an array before each write costs a pass over the memory).
struct OutputBuffer: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>?
    /// The bytes allocated.
    private(set) var capacity: Int
    /// The bytes written so far.
    var count = 0

    /// Allocates `capacity` bytes (none when zero).
    init(capacity: Int) {
        self.capacity = capacity
        storage = capacity > 0 ? .allocate(capacity: capacity) : nil
    }

    deinit { storage?.deallocate() }

    /// Whether every allocated byte has been written.
    var isFull: Bool { count == capacity }

    /// Where the next byte goes (only valid when not full).
    var end: UnsafeMutablePointer<UInt8> { storage! + count }

    /// Reallocates to `newCapacity` bytes, keeping what was written.
    mutating func grow(to newCapacity: Int) {
        precondition(newCapacity >= count, "cannot shrink below the bytes written")
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        if let storage {
            grown.update(from: storage, count: count)
            storage.deallocate()
        }
        storage = grown
        capacity = newCapacity
    }

    /// A copy of the written bytes.
    func bytes() -> [UInt8] {
        guard let storage, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: storage, count: count))
    }
}
