import Codecs
import Columnar

/// A fixed-width numeric value type written straight from a ``Columnar/Buffer``.
protocol NumericLeaf: BitwiseCopyable, Comparable {
    /// The bit pattern, zero-extended to 64 bits (the dictionary key).
    var bits: UInt64 { get }
    /// True for a floating-point NaN (excluded from statistics).
    var isNaNValue: Bool { get }
}

extension Int32: NumericLeaf {
    var bits: UInt64 { UInt64(UInt32(bitPattern: self)) }
    var isNaNValue: Bool { false }
}
extension Int64: NumericLeaf {
    var bits: UInt64 { UInt64(bitPattern: self) }
    var isNaNValue: Bool { false }
}
extension Float: NumericLeaf {
    var bits: UInt64 { UInt64(bitPattern) }
    var isNaNValue: Bool { isNaN }
}
extension Double: NumericLeaf {
    var bits: UInt64 { bitPattern }
    var isNaNValue: Bool { isNaN }
}

/// Encodes the pages of one leaf column for the current row group and buffers them.
///
/// Values arrive in slot ranges straight from column buffers; levels, dictionary indices and
/// PLAIN bytes accumulate for the current page, which is encoded and compressed once it
/// reaches the page size. The dictionary falls back to PLAIN when it outgrows its limit.
final class ColumnChunkWriter {
    let leaf: LeafColumn
    let codec: CompressionCodec
    let pageSize: Int
    let dictionaryLimit: Int
    let dictionaryAllowed: Bool
    let statisticsEnabled: Bool
    let order: StatisticsOrder
    let valueWidth: Int

    // Current page.
    var defLevels: [UInt32] = []
    var repLevels: [UInt32] = []
    var indices: [UInt32] = []
    var plain: [UInt8] = []
    var bools: [Bool] = []
    var pageLevelCount = 0
    var pageStats: StatisticsAccumulator

    // Current chunk.
    var useDictionary: Bool
    var numericDictionary = NumericDictionary()
    var bytesDictionary = BytesDictionary()
    /// Encoded pages (headers and bodies as separate pieces, so nothing is copied to grow one buffer).
    var pages: [[UInt8]] = []
    var pagesSize = 0
    var chunkStats: StatisticsAccumulator
    var chunkLevelCount: Int64 = 0
    var uncompressedTotal: Int64 = 0
    var dictionaryDataPages: Int32 = 0
    var plainDataPages: Int32 = 0


    init(leaf: LeafColumn, options: ParquetWriterOptions) {
        self.leaf = leaf
        self.codec = options.codec
        self.pageSize = max(1024, min(options.pageSize, 1 << 29))
        self.dictionaryLimit = options.dictionaryPageSizeLimit
        self.dictionaryAllowed = options.dictionaryEnabled && leaf.physicalType != .boolean
        self.statisticsEnabled = options.statisticsEnabled
        self.order = StatisticsOrder(leaf)
        self.valueWidth = leaf.physicalType.plainWidth(typeLength: Int(leaf.element.typeLength ?? 0)) ?? 0
        self.useDictionary = dictionaryAllowed
        self.pageStats = StatisticsAccumulator(order: order)
        self.chunkStats = StatisticsAccumulator(order: order)
    }

    /// The bytes the chunk would take if finished now (an estimate for row-group sizing).
    var bufferedSize: Int { pagesSize + estimatedPageSize + dictionaryByteSize }

    var estimatedPageSize: Int {
        let levels = (defLevels.count + repLevels.count) / 4
        if useDictionary {
            return levels + indices.count * BitPacking.width(UInt64(max(1, dictionaryCount))) / 8 + 1
        }
        return levels + plain.count + bools.count / 8
    }

    var dictionaryCount: Int { valueWidth > 0 && leaf.physicalType != .fixedLenByteArray ? numericDictionary.count : bytesDictionary.count }

    var dictionaryByteSize: Int {
        switch leaf.physicalType {
        case .byteArray: bytesDictionary.data.count + 4 * bytesDictionary.count
        case .fixedLenByteArray: bytesDictionary.data.count
        default: numericDictionary.count * valueWidth
        }
    }

    // MARK: Appending

    /// Rows per sub-step, so that pages close near the page size even when it is small.
    var pageStep: Int { max(16, min(8192, pageSize / 16)) }

    /// Appends the values of slots `range` of a flat column (`validity` nil = no nulls).
    func appendFlat(_ values: LeafValues, validity: Buffer<Bool>?, range: Range<Int>) throws(ParquetError) {
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + pageStep)
            try appendFlatStep(values, validity: validity, range: start..<end)
            start = end
        }
    }

    private func appendFlatStep(_ values: LeafValues, validity: Buffer<Bool>?, range: Range<Int>) throws(ParquetError) {
        if leaf.maxDefinitionLevel > 0 {
            if let validity {
                validity.withUnsafeBufferPointer { v in Self.appendDefinitions(v, range, &defLevels) }
            } else {
                defLevels.append(contentsOf: repeatElement(1, count: range.count))
            }
        }
        pageLevelCount += range.count
        try appendValues(values, validity: validity, range: range)
        try afterAppend()
    }

    /// Appends rows `rows` of a list column: levels from the offsets and validities, values of
    /// the present elements.
    func appendList(offsets: Buffer<Int>, listValidity: Buffer<Bool>?, values: LeafValues,
                    elementValidity: Buffer<Bool>?, rows: Range<Int>) throws(ParquetError) {
        var start = rows.lowerBound
        while start < rows.upperBound {
            let end = min(rows.upperBound, start + max(1, pageStep / 4))
            try appendListStep(offsets: offsets, listValidity: listValidity, values: values, elementValidity: elementValidity, rows: start..<end)
            start = end
        }
    }

    private func appendListStep(offsets: Buffer<Int>, listValidity: Buffer<Bool>?, values: LeafValues,
                                elementValidity: Buffer<Bool>?, rows: Range<Int>) throws(ParquetError) {
        let listDef = UInt32(leaf.listDefinitionLevel ?? 0)
        let elementDef = listDef + 1
        let maxDef = UInt32(leaf.maxDefinitionLevel)
        var runStart = -1, runEnd = -1
        for r in rows {
            let valid = listValidity.map { $0[r] } ?? true
            let start = offsets[r], end = offsets[r + 1]
            if !valid {
                repLevels.append(0)
                defLevels.append(listDef - 1)
                pageStats.nullCount += 1
                pageLevelCount += 1
                continue
            }
            if start == end {
                repLevels.append(0)
                defLevels.append(listDef)
                pageStats.nullCount += 1
                pageLevelCount += 1
                continue
            }
            for e in start..<end {
                repLevels.append(e == start ? 0 : 1)
                let present = elementValidity.map { $0[e] } ?? true
                defLevels.append(present ? maxDef : elementDef)
            }
            pageLevelCount += end - start
            if runEnd == start {
                runEnd = end
            } else {
                if runStart >= 0 { try appendValues(values, validity: elementValidity, range: runStart..<runEnd) }
                runStart = start
                runEnd = end
            }
        }
        if runStart >= 0 { try appendValues(values, validity: elementValidity, range: runStart..<runEnd) }
        try afterAppend()
    }

    private static func appendDefinitions(_ v: UnsafeBufferPointer<Bool>, _ range: Range<Int>, _ levels: inout [UInt32]) {
        levels.reserveCapacity(levels.count + range.count)
        for i in range { levels.append(v[i] ? 1 : 0) }
    }

    private func afterAppend() throws(ParquetError) {
        if useDictionary && dictionaryByteSize > dictionaryLimit {
            try flushPage()
            useDictionary = false
        }
        if estimatedPageSize >= pageSize { try flushPage() }
    }

    private func appendValues(_ values: LeafValues, validity: Buffer<Bool>?, range: Range<Int>) throws(ParquetError) {
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

    private func appendNumeric<T: NumericLeaf>(_ buffer: Buffer<T>, _ validity: Buffer<Bool>?, _ range: Range<Int>) {
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

    private static func dictionaryEncode<T: NumericLeaf>(_ p: UnsafeBufferPointer<T>, _ v: UnsafeBufferPointer<Bool>?, _ range: Range<Int>,
                                                         _ dictionary: inout NumericDictionary, _ indices: inout [UInt32], _ nulls: inout Int) {
        let start = indices.count
        indices.append(contentsOf: repeatElement(0, count: range.count))
        var written = 0
        indices.withUnsafeMutableBufferPointer { out in
            if let v {
                for i in range where v[i] {
                    out[start + written] = dictionary.index(of: p[i].bits)
                    written += 1
                }
            } else {
                for i in range {
                    out[start + written] = dictionary.index(of: p[i].bits)
                    written += 1
                }
            }
        }
        nulls += range.count - written
        indices.removeLast(range.count - written)
    }

    private static func plainEncode<T: NumericLeaf>(_ p: UnsafeBufferPointer<T>, _ v: UnsafeBufferPointer<Bool>?, _ range: Range<Int>,
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

    private static func minMax<T: NumericLeaf>(_ p: UnsafeBufferPointer<T>, _ v: UnsafeBufferPointer<Bool>?, _ range: Range<Int>) -> (T, T)? {
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

    private func appendBooleans(_ buffer: Buffer<Bool>, _ validity: Buffer<Bool>?, _ range: Range<Int>) {
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

    private func appendBytes(_ values: VariableBytes, _ validity: Buffer<Bool>?, _ range: Range<Int>) {
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

    private static func dictionaryEncodeBytes(_ raw: UnsafeRawBufferPointer, _ offsets: UnsafeBufferPointer<Int>, _ v: UnsafeBufferPointer<Bool>?,
                                              _ range: Range<Int>, _ stats: Bool, _ nulls: inout Int,
                                              _ dictionary: inout BytesDictionary, _ indices: inout [UInt32]) -> (Int, Int) {
        indices.reserveCapacity(indices.count + range.count)
        return encodeBytes(raw, offsets, v, range, stats, &nulls) { bytes in indices.append(dictionary.index(of: bytes)) }
    }

    private static func plainEncodeBytes(_ raw: UnsafeRawBufferPointer, _ offsets: UnsafeBufferPointer<Int>, _ v: UnsafeBufferPointer<Bool>?,
                                         _ range: Range<Int>, _ stats: Bool, _ nulls: inout Int, _ plain: inout [UInt8]) -> (Int, Int) {
        plain.reserveCapacity(plain.count + 4 * range.count + offsets[range.upperBound] - offsets[range.lowerBound])
        return encodeBytes(raw, offsets, v, range, stats, &nulls) { bytes in
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { plain.append(contentsOf: $0) }
            plain.append(contentsOf: bytes)
        }
    }

    /// Visits the non-null values of `range`, tracking the indices of the min and max values.
    @inline(__always)
    private static func encodeBytes(_ raw: UnsafeRawBufferPointer, _ offsets: UnsafeBufferPointer<Int>, _ v: UnsafeBufferPointer<Bool>?,
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

    private func appendFixed(_ width: Int, _ buffer: Buffer<UInt8>, _ validity: Buffer<Bool>?, _ range: Range<Int>) {
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

/// Calls `body` with the buffer's pointer, or with `nil` when there is no buffer.
@inline(__always)
func withOptionalPointer<R>(_ buffer: Buffer<Bool>?, _ body: (UnsafeBufferPointer<Bool>?) -> R) -> R {
    if let buffer { return buffer.withUnsafeBufferPointer { body($0) } }
    return body(nil)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
