import Columnar

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-type value loops: dictionary or PLAIN encoding plus min/max/null statistics,
/// straight from column buffers through unsafe pointers.
extension ColumnChunkWriter {
    func appendValues(_ values: LeafValues, validity: Buffer<Bool>?, range: Range<Int>) throws(ParquetError) {
        switch values {
        case .int32(let b): appendNumeric(b, validity, range)
        case .int64(let b): appendNumeric(b, validity, range)
        case .float(let b): appendNumeric(b, validity, range)
        case .double(let b): appendNumeric(b, validity, range)
        case .boolean(let b): appendBooleans(b, validity, range)
        case .bytes(let v): appendBytes(v, validity, range)
        case .fixed(let w, let b): appendFixed(w, b, validity, range)
        }
    }

    func appendNumeric<T: NumericLeaf>(_ buffer: Buffer<T>, _ validity: Buffer<Bool>?, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let dictionary = useDictionary
        var nulls = 0
        var bounds: (T, T)?
        buffer.withUnsafeBufferPointer { p in
            withOptionalPointer(validity) { v in
                // Hot loops run in static functions over inout copies: no per-value exclusivity checks on `self`.
                if dictionary {
                    Self.dictionaryEncode(p, v, range, &numericDictionary, &indices, &nulls)
                } else {
                    Self.plainEncode(p, v, range, &plain, &nulls)
                }
                if statisticsEnabled { bounds = Self.minMax(p, v, range) }
            }
        }
        pageStats.nullCount += Int64(nulls)
        if let (lo, hi) = bounds {
            pageStats.merge(min: withUnsafeBytes(of: lo) { Array($0) }, max: withUnsafeBytes(of: hi) { Array($0) })
        }
    }

    static func dictionaryEncode<T: NumericLeaf>(_ p: UnsafeBufferPointer<T>, _ v: UnsafeBufferPointer<Bool>?, _ range: Range<Int>,
                                                         _ dictionary: inout NumericDictionary, _ indices: inout [UInt32], _ nulls: inout Int) {
        let start = indices.count
        indices.append(contentsOf: repeatElement(0, count: range.count))
        let written = indices.withUnsafeMutableBufferPointer { out in
            dictionary.encode(p, v, range, into: out.baseAddress! + start)
        }
        nulls += range.count - written
        indices.removeLast(range.count - written)
    }

    static func plainEncode<T: NumericLeaf>(_ p: UnsafeBufferPointer<T>, _ v: UnsafeBufferPointer<Bool>?, _ range: Range<Int>,
                                                    _ plain: inout [UInt8], _ nulls: inout Int) {
        guard let v else {
            plain.append(contentsOf: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[range])))
            return
        }
        let size = MemoryLayout<T>.size
        let start = plain.count
        plain.append(contentsOf: repeatElement(0, count: range.count * size))
        var written = 0
        plain.withUnsafeMutableBytes { out in
            for i in range {
                if v[i] {
                    out.storeBytes(of: p[i], toByteOffset: start + written * size, as: T.self)
                    written += 1
                } else {
                    nulls += 1
                }
            }
        }
        plain.removeLast((range.count - written) * size)
    }

    static func minMax<T: NumericLeaf>(_ p: UnsafeBufferPointer<T>, _ v: UnsafeBufferPointer<Bool>?, _ range: Range<Int>) -> (T, T)? {
        var found = false
        var mn = p[range.lowerBound], mx = mn
        for i in range {
            if let v, !v[i] { continue }
            let x = p[i]
            if x.isNaNValue { continue }
            if !found {
                mn = x; mx = x; found = true
            } else {
                mn = x < mn ? x : mn
                mx = x > mx ? x : mx
            }
        }
        return found ? (mn, mx) : nil
    }

    func appendBooleans(_ buffer: Buffer<Bool>, _ validity: Buffer<Bool>?, _ range: Range<Int>) {
        var sawTrue = false, sawFalse = false, nulls = 0
        buffer.withUnsafeBufferPointer { p in
            withOptionalPointer(validity) { v in
                for i in range {
                    if let v, !v[i] { nulls += 1; continue }
                    bools.append(p[i])
                    if p[i] { sawTrue = true } else { sawFalse = true }
                }
            }
        }
        pageStats.nullCount += Int64(nulls)
        if statisticsEnabled && (sawTrue || sawFalse) {
            pageStats.merge(min: [sawFalse ? 0 : 1], max: [sawTrue ? 1 : 0])
        }
    }

    func appendBytes(_ values: VariableBytes, _ validity: Buffer<Bool>?, _ range: Range<Int>) {
        var nulls = 0
        let dictionary = useDictionary, stats = statisticsEnabled
        values.offsets.withUnsafeBufferPointer { offsets in
            values.data.withUnsafeBufferPointer { data in
                let raw = UnsafeRawBufferPointer(data)
                withOptionalPointer(validity) { v in
                    let (minIndex, maxIndex) = dictionary
                        ? Self.dictionaryEncodeBytes(raw, offsets, v, range, stats, &nulls, &bytesDictionary, &indices)
                        : Self.plainEncodeBytes(raw, offsets, v, range, stats, &nulls, &plain)
                    if minIndex >= 0 {
                        pageStats.merge(min: Array(raw[offsets[minIndex]..<offsets[minIndex + 1]]),
                                        max: Array(raw[offsets[maxIndex]..<offsets[maxIndex + 1]]))
                    }
                }
            }
        }
        pageStats.nullCount += Int64(nulls)
    }

    static func dictionaryEncodeBytes(_ raw: UnsafeRawBufferPointer, _ offsets: UnsafeBufferPointer<Int>, _ v: UnsafeBufferPointer<Bool>?,
                                              _ range: Range<Int>, _ stats: Bool, _ nulls: inout Int,
                                              _ dictionary: inout BytesDictionary, _ indices: inout [UInt32]) -> (Int, Int) {
        indices.reserveCapacity(indices.count + range.count)
        return encodeBytes(raw, offsets, v, range, stats, &nulls) { bytes in indices.append(dictionary.index(of: bytes)) }
    }

    static func plainEncodeBytes(_ raw: UnsafeRawBufferPointer, _ offsets: UnsafeBufferPointer<Int>, _ v: UnsafeBufferPointer<Bool>?,
                                         _ range: Range<Int>, _ stats: Bool, _ nulls: inout Int, _ plain: inout [UInt8]) -> (Int, Int) {
        plain.reserveCapacity(plain.count + 4 * range.count + offsets[range.upperBound] - offsets[range.lowerBound])
        return encodeBytes(raw, offsets, v, range, stats, &nulls) { bytes in
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { plain.append(contentsOf: $0) }
            plain.append(contentsOf: bytes)
        }
    }

    /// Visits the non-null values of `range`, tracking the indices of the min and max values.
    @inline(__always)
    static func encodeBytes(_ raw: UnsafeRawBufferPointer, _ offsets: UnsafeBufferPointer<Int>, _ v: UnsafeBufferPointer<Bool>?,
                                    _ range: Range<Int>, _ stats: Bool, _ nulls: inout Int,
                                    _ sink: (UnsafeRawBufferPointer) -> Void) -> (Int, Int) {
        var minIndex = -1, maxIndex = -1
        var minStart = 0, minEnd = 0, maxStart = 0, maxEnd = 0
        for i in range {
            if let v, !v[i] { nulls += 1; continue }
            let s = offsets[i], e = offsets[i + 1]
            sink(UnsafeRawBufferPointer(rebasing: raw[s..<e]))
            if stats {
                if minIndex < 0 {
                    minIndex = i; maxIndex = i
                    minStart = s; minEnd = e; maxStart = s; maxEnd = e
                } else {
                    if compare(raw, s, e, minStart, minEnd) < 0 { minIndex = i; minStart = s; minEnd = e }
                    if compare(raw, s, e, maxStart, maxEnd) > 0 { maxIndex = i; maxStart = s; maxEnd = e }
                }
            }
        }
        return (minIndex, maxIndex)
    }

    func appendFixed(_ width: Int, _ buffer: Buffer<UInt8>, _ validity: Buffer<Bool>?, _ range: Range<Int>) {
        var nulls = 0
        var minIndex = -1, maxIndex = -1
        let signed = order == .signedBigEndian
        buffer.withUnsafeBufferPointer { data in
            let raw = UnsafeRawBufferPointer(data)
            withOptionalPointer(validity) { v in
                for i in range {
                    if let v, !v[i] { nulls += 1; continue }
                    let s = i * width
                    let bytes = UnsafeRawBufferPointer(rebasing: raw[s..<(s + width)])
                    if useDictionary { indices.append(bytesDictionary.index(of: bytes)) } else { plain.append(contentsOf: bytes) }
                    if statisticsEnabled {
                        if minIndex < 0 {
                            minIndex = i; maxIndex = i
                        } else {
                            if Self.compareFixed(raw, s, minIndex * width, width, signed) < 0 { minIndex = i }
                            if Self.compareFixed(raw, s, maxIndex * width, width, signed) > 0 { maxIndex = i }
                        }
                    }
                }
            }
            if minIndex >= 0 {
                pageStats.merge(min: Array(raw[(minIndex * width)..<((minIndex + 1) * width)]),
                                max: Array(raw[(maxIndex * width)..<((maxIndex + 1) * width)]))
            }
        }
        pageStats.nullCount += Int64(nulls)
    }

    @inline(__always)
    static func compare(_ raw: UnsafeRawBufferPointer, _ s1: Int, _ e1: Int, _ s2: Int, _ e2: Int) -> Int {
        let n = min(e1 - s1, e2 - s2)
        if n > 0 {
            let c = memcmp(raw.baseAddress! + s1, raw.baseAddress! + s2, n)
            if c != 0 { return Int(c) }
        }
        return (e1 - s1) - (e2 - s2)
    }

    @inline(__always)
    static func compareFixed(_ raw: UnsafeRawBufferPointer, _ a: Int, _ b: Int, _ width: Int, _ signed: Bool) -> Int {
        if signed {
            let x = raw[a] ^ 0x80, y = raw[b] ^ 0x80
            if x != y { return x < y ? -1 : 1 }
            if width == 1 { return 0 }
            return Int(memcmp(raw.baseAddress! + a + 1, raw.baseAddress! + b + 1, width - 1))
        }
        return Int(memcmp(raw.baseAddress! + a, raw.baseAddress! + b, width))
    }
}
