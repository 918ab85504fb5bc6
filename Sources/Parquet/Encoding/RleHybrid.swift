/// The RLE / bit-packed hybrid encoding (definition and repetition levels, dictionary
/// indices, boolean RLE).
enum RleHybrid {
    /// Appends the hybrid encoding of `values` (each < 2^bitWidth) to `out` (no length prefix).
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into out: inout [UInt8]) {
        let n = values.count
        let byteWidth = (bitWidth + 7) / 8
        var literalStart = 0 // values[literalStart..<i] are pending literals
        var i = 0
        func flushLiterals(_ upTo: Int, padded: Bool) {
            var count = upTo - literalStart
            guard count > 0 else { return }
            let groups = (count + 7) / 8
            precondition(padded || count % 8 == 0)
            writeVarint(UInt64(groups << 1 | 1), into: &out)
            count = groups * 8
            var acc: UInt64 = 0
            var bits = 0
            for k in 0..<count {
                let v = literalStart + k < upTo ? UInt64(values[literalStart + k]) : 0
                acc |= v << UInt64(bits)
                bits += bitWidth
                while bits >= 8 {
                    out.append(UInt8(truncatingIfNeeded: acc))
                    acc >>= 8
                    bits -= 8
                }
            }
            if bits > 0 { out.append(UInt8(truncatingIfNeeded: acc)) }
            literalStart = upTo
        }
        while i < n {
            let v = values[i]
            var j = i + 1
            while j < n && values[j] == v { j += 1 }
            var run = j - i
            if run >= 8 {
                // Complete the pending literal group with values from the run.
                let pending = (i - literalStart) % 8
                if pending != 0 {
                    let take = 8 - pending
                    i += take
                    run -= take
                }
                flushLiterals(i, padded: false)
                if run >= 8 {
                    writeVarint(UInt64(run << 1), into: &out)
                    var value = v
                    for _ in 0..<byteWidth {
                        out.append(UInt8(truncatingIfNeeded: value))
                        value >>= 8
                    }
                    i += run
                    literalStart = i
                } else {
                    i += run
                }
            } else {
                i = j
            }
        }
        flushLiterals(n, padded: true)
    }

    static func writeVarint(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Unpacks `count` 1-bit values from byte `start` of `p` into `count` bytes (0 or 1) at `out`;
    /// the caller has checked that the `(count + 7) / 8` bytes are there.
    @inline(__always)
    static func unpackBits(_ p: UnsafeRawBufferPointer, start: Int, count: Int, into out: UnsafeMutableRawPointer) {
        let whole = count / 8
        for j in 0..<whole {
            // Moves bit i of the byte to the low bit of byte i of the word.
            var x = UInt64(p[start &+ j])
            x = (x | x << 28) & 0x0000_000F_0000_000F
            x = (x | x << 14) & 0x0003_0003_0003_0003
            x = (x | x << 7) & 0x0101_0101_0101_0101
            out.storeBytes(of: x.littleEndian, toByteOffset: j &* 8, as: UInt64.self)
        }
        if count > whole * 8 {
            let last = p[start &+ whole]
            for k in (whole * 8)..<count {
                out.storeBytes(of: (last >> UInt8(k & 7)) & 1, toByteOffset: k, as: UInt8.self)
            }
        }
    }

    /// Decodes exactly `count` values of `bitWidth` bits (≤ 32) from `reader`, appending them to `out`.
    /// Runs must not claim more values than `count`, except the zero padding of the last bit-packed group.
    static func decode<T: FixedWidthInteger>(_ reader: inout ByteReader, bitWidth: Int, count: Int, into out: inout [T]) throws(ParquetError) {
        guard bitWidth >= 0 && bitWidth <= 32 && bitWidth <= T.bitWidth else {
            throw ParquetError(.corruptData, "RLE bit width \(bitWidth) is too large")
        }
        let byteWidth = (bitWidth + 7) / 8
        var produced = 0
        out.reserveCapacity(out.count + count)
        while produced < count {
            let header = try reader.uleb()
            if header & 1 == 0 {
                let run64 = header >> 1
                guard run64 > 0, run64 <= UInt64(count - produced) else {
                    if run64 == 0 { throw ParquetError(.corruptData, "RLE run of length 0") }
                    throw ParquetError(.corruptData, "RLE run of \(run64) values exceeds the \(count - produced) expected")
                }
                var value: UInt32 = 0
                for k in 0..<byteWidth { value |= UInt32(try reader.byte()) << UInt32(8 * k) }
                guard bitWidth == 32 || value >> UInt32(bitWidth) == 0 else {
                    throw ParquetError(.corruptData, "RLE run value \(value) does not fit in \(bitWidth) bits")
                }
                out.append(contentsOf: repeatElement(T(truncatingIfNeeded: value), count: Int(run64)))
                produced += Int(run64)
            } else {
                let groups64 = header >> 1
                guard groups64 > 0, groups64 <= UInt64(reader.remaining) + 1 else {
                    throw ParquetError(.corruptData, "bit-packed run of \(groups64) groups exceeds the remaining data")
                }
                let bytes = Int(groups64) * bitWidth
                var take = min(Int(groups64) * 8, count - produced)
                if bytes > reader.remaining {
                    // Some writers truncate the final group; accept it when what is present covers the count.
                    let available = bitWidth == 0 ? Int.max : reader.remaining * 8 / bitWidth
                    guard available >= count - produced else {
                        throw ParquetError(.corruptData, "bit-packed run needs \(bytes) bytes, \(reader.remaining) remain")
                    }
                    take = count - produced
                }
                let start = out.count
                out.append(contentsOf: repeatElement(0, count: take))
                out.withUnsafeMutableBufferPointer { dst in
                    if bitWidth == 1 && T.self == UInt8.self {
                        // Levels of a flat nullable column: 8 values per byte, spread 8 at a time.
                        unpackBits(reader.base, start: reader.position, count: take, into: UnsafeMutableRawPointer(dst.baseAddress! + start))
                    } else {
                        BitPacking.unpack(reader.base, start: reader.position, end: reader.end, count: take, bitWidth: bitWidth) { k, v in
                            dst[start + k] = T(truncatingIfNeeded: v)
                        }
                    }
                }
                reader.position = min(reader.end, reader.position + bytes)
                produced += take
            }
        }
    }
}
