/// Little-endian bit packing as used by the RLE/bit-packed hybrid and DELTA_BINARY_PACKED.
enum BitPacking {
    /// The number of bits needed to represent `value`.
    @inline(__always)
    static func width(_ value: UInt64) -> Int { value == 0 ? 0 : 64 - value.leadingZeroBitCount }

    /// Loads up to 8 bytes at `offset` as a little-endian word (missing bytes read as zero).
    @inline(__always)
    static func word(_ p: UnsafeRawBufferPointer, _ offset: Int, _ end: Int) -> UInt64 {
        if offset + 8 <= end { return UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        var v: UInt64 = 0
        var i = offset
        var shift: UInt64 = 0
        while i < end {
            v |= UInt64(p[i]) << shift
            i += 1
            shift += 8
        }
        return v
    }

    /// Unpacks `count` values of `bitWidth` bits (≤ 64) starting at byte `start`, calling `sink`.
    /// The caller has checked that `start + ceil(count * bitWidth / 8) <= end`.
    @inline(__always)
    static func unpack(_ p: UnsafeRawBufferPointer, start: Int, end: Int, count: Int, bitWidth: Int, _ sink: (Int, UInt64) -> Void) {
        if bitWidth == 0 {
            for i in 0..<count { sink(i, 0) }
            return
        }
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        var bit = 0
        for i in 0..<count {
            let byte = start + (bit >> 3)
            let shift = UInt64(bit & 7)
            var v = word(p, byte, end) >> shift
            if bitWidth + Int(shift) > 64 {
                v |= word(p, byte + 8, end) << (64 - shift)
            }
            sink(i, v & mask)
            bit += bitWidth
        }
    }

    /// Appends `values` packed with `bitWidth` bits each (values must fit).
    static func pack<C: Collection>(_ values: C, bitWidth: Int, into out: inout [UInt8]) where C.Element == UInt64 {
        guard bitWidth > 0 else { return }
        var acc: UInt64 = 0
        var bits = 0
        for v in values {
            acc |= v << UInt64(bits)
            let used = bits + bitWidth
            if used >= 64 {
                withUnsafeBytes(of: acc.littleEndian) { out.append(contentsOf: $0) }
                acc = bits == 0 ? 0 : v >> UInt64(64 - bits)
                bits = used - 64
            } else {
                bits = used
            }
        }
        while bits > 0 {
            out.append(UInt8(truncatingIfNeeded: acc))
            acc >>= 8
            bits -= 8
        }
    }
}
