/// Writes a forward, least-significant-bit-first bitstream; ``close()`` appends the
/// end marker bit that Zstandard's backward readers start from.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var count = 0

    /// A writer whose buffer starts with room for `capacity` bytes.
    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends the low `n` bits (0...32) of `value`.
    @inline(__always)
    mutating func write(_ value: Int, _ n: Int) {
        let masked = UInt64(truncatingIfNeeded: value) & ((1 &<< UInt64(n)) &- 1)
        accumulator |= masked &<< UInt64(count)
        count &+= n
        if count >= 32 { flushWholeBytes() }
    }

    private mutating func flushWholeBytes() {
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator))
            accumulator >>= 8
            count -= 8
        }
    }

    /// Flushes any partial byte, zero-padded (forward streams such as FSE table descriptions).
    mutating func finish() -> [UInt8] {
        flushWholeBytes()
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: accumulator)) }
        accumulator = 0
        count = 0
        return bytes
    }

    /// Appends the end marker and flushes (backward-read streams).
    mutating func close() -> [UInt8] {
        write(1, 1)
        return finish()
    }
}
