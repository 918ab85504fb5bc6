/// Encoders for DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (block size
/// 128, 4 miniblocks of 32 values, as parquet-mr and Arrow write them).
enum DeltaEncoder {
    static let blockSize = 128
    static let miniblocks = 4

    /// Appends the DELTA_BINARY_PACKED encoding of `values`; deltas wrap in 32 bits when
    /// `thirtyTwoBit` (INT32 columns: readers reject bit widths above 32 there), else in 64 bits.
    static func binaryPacked(_ values: [Int64], thirtyTwoBit: Bool = false, into out: inout [UInt8]) {
        RleHybrid.writeVarint(UInt64(blockSize), into: &out)
        RleHybrid.writeVarint(UInt64(miniblocks), into: &out)
        RleHybrid.writeVarint(UInt64(values.count), into: &out)
        let first = values.first ?? 0
        RleHybrid.writeVarint(UInt64(bitPattern: (first << 1) ^ (first >> 63)), into: &out)
        guard values.count > 1 else { return }
        let perMini = blockSize / miniblocks
        var deltas = [Int64](repeating: 0, count: blockSize)
        var i = 1
        while i < values.count {
            let n = min(blockSize, values.count - i)
            for k in 0..<n {
                let d = values[i + k] &- values[i + k - 1]
                deltas[k] = thirtyTwoBit ? Int64(Int32(truncatingIfNeeded: d)) : d
            }
            let minDelta = deltas[0..<n].min()!
            RleHybrid.writeVarint(UInt64(bitPattern: (minDelta << 1) ^ (minDelta >> 63)), into: &out)
            let used = (n + perMini - 1) / perMini
            var widths = [Int](repeating: 0, count: miniblocks)
            for m in 0..<used {
                var widest: UInt64 = 0
                for k in (m * perMini)..<min(n, (m + 1) * perMini) { widest |= residual(deltas[k], minDelta, thirtyTwoBit) }
                widths[m] = BitPacking.width(widest)
            }
            out.append(contentsOf: widths.map { UInt8($0) })
            for m in 0..<used {
                let packed = (0..<perMini).lazy.map { k -> UInt64 in
                    let index = m * perMini + k
                    return index < n ? residual(deltas[index], minDelta, thirtyTwoBit) : 0
                }
                BitPacking.pack(packed, bitWidth: widths[m], into: &out)
            }
            i += n
        }
    }

    /// `delta - minDelta` as an unsigned value of the column's width.
    @inline(__always)
    static func residual(_ delta: Int64, _ minDelta: Int64, _ thirtyTwoBit: Bool) -> UInt64 {
        thirtyTwoBit ? UInt64(UInt32(truncatingIfNeeded: delta &- minDelta)) : UInt64(bitPattern: delta &- minDelta)
    }

    /// Appends the DELTA_LENGTH_BYTE_ARRAY encoding of `values`.
    static func lengthByteArray(_ values: [[UInt8]], into out: inout [UInt8]) {
        binaryPacked(values.map { Int64($0.count) }, into: &out)
        for v in values { out.append(contentsOf: v) }
    }

    /// Appends the DELTA_BYTE_ARRAY (front-coded) encoding of `values`.
    static func byteArray(_ values: [[UInt8]], into out: inout [UInt8]) {
        var prefixes: [Int64] = [], suffixes: [Int64] = []
        var previous: [UInt8] = []
        for v in values {
            var p = 0
            while p < min(previous.count, v.count) && previous[p] == v[p] { p += 1 }
            prefixes.append(Int64(p))
            suffixes.append(Int64(v.count - p))
            previous = v
        }
        binaryPacked(prefixes, into: &out)
        binaryPacked(suffixes, into: &out)
        for (v, p) in zip(values, prefixes) { out.append(contentsOf: v[Int(p)...]) }
    }
}

/// Re-encodes a page's PLAIN values with another encoding chosen for the column.
enum PageValueEncoder {
    /// Whether `encoding` can be written for values of `physical` type.
    static func supports(_ encoding: Encoding, _ physical: PhysicalType) -> Bool {
        switch encoding {
        case .plain: physical != .int96
        case .deltaBinaryPacked: physical == .int32 || physical == .int64
        case .deltaLengthByteArray: physical == .byteArray
        case .deltaByteArray: physical == .byteArray || physical == .fixedLenByteArray
        case .byteStreamSplit: [.int32, .int64, .float, .double, .fixedLenByteArray].contains(physical)
        default: false
        }
    }

    /// The values of `plain` (PLAIN-encoded, `count` values of `physical`, fixed `width`) in `encoding`.
    static func encode(_ plain: [UInt8], count: Int, physical: PhysicalType, width: Int, as encoding: Encoding) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(plain.count + 64)
        switch encoding {
        case .deltaBinaryPacked:
            let size = physical == .int32 ? 4 : 8
            let ints: [Int64] = plain.withUnsafeBytes { p in
                (0..<count).map { i in
                    size == 4 ? Int64(Int32(littleEndian: p.loadUnaligned(fromByteOffset: i * 4, as: Int32.self)))
                              : Int64(littleEndian: p.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))
                }
            }
            DeltaEncoder.binaryPacked(ints, thirtyTwoBit: size == 4, into: &out)
        case .deltaLengthByteArray, .deltaByteArray:
            var values: [[UInt8]] = []
            values.reserveCapacity(count)
            var at = 0
            for _ in 0..<count {
                if physical == .fixedLenByteArray {
                    values.append(Array(plain[at..<(at + width)]))
                    at += width
                } else {
                    let n = Int(plain[at]) | Int(plain[at + 1]) << 8 | Int(plain[at + 2]) << 16 | Int(plain[at + 3]) << 24
                    values.append(Array(plain[(at + 4)..<(at + 4 + n)]))
                    at += 4 + n
                }
            }
            if encoding == .deltaByteArray { DeltaEncoder.byteArray(values, into: &out) } else { DeltaEncoder.lengthByteArray(values, into: &out) }
        case .byteStreamSplit:
            let w = plain.count / max(count, 1)
            out = [UInt8](repeating: 0, count: plain.count)
            for i in 0..<count { for k in 0..<w { out[k * count + i] = plain[i * w + k] } }
        default:
            out = plain
        }
        return out
    }
}
