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
    /// The encoding of non-dictionary pages (PLAIN unless the options chose another).
    let valueEncoding: Encoding
    /// Whether data pages are written as v2 (levels uncompressed before the compressed values).
    let dataPageV2: Bool

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
    /// The dictionary page, once written early: on fallback to PLAIN the dictionary is final,
    /// so its page is encoded at once and the dictionary (entries and hash table) released.
    var earlyDictionaryPage: [[UInt8]]?
    /// The PLAIN size of the released dictionary, still counted in ``bufferedSize`` (as when it was held).
    var releasedDictionaryByteSize = 0
    var plainDataPages: Int32 = 0


    init(leaf: LeafColumn, options: ParquetWriterOptions) {
        self.leaf = leaf
        self.codec = options.codec
        self.pageSize = max(1024, min(options.pageSize, 1 << 29))
        self.dictionaryLimit = options.dictionaryPageSizeLimit
        let chosen = options.columnEncodings[leaf.path[0]]
        self.valueEncoding = chosen ?? .plain
        self.dictionaryAllowed = options.dictionaryEnabled && leaf.physicalType != .boolean && chosen == nil
        self.statisticsEnabled = options.statisticsEnabled
        self.order = StatisticsOrder(leaf)
        self.valueWidth = leaf.physicalType.plainWidth(typeLength: Int(leaf.element.typeLength ?? 0)) ?? 0
        self.useDictionary = dictionaryAllowed
        self.dataPageV2 = options.dataPageVersion == .v2
        self.pageStats = StatisticsAccumulator(order: order)
        self.chunkStats = StatisticsAccumulator(order: order)
    }

    /// The bytes the chunk would take if finished now (an estimate for row-group sizing).
    var bufferedSize: Int { pagesSize + estimatedPageSize + dictionaryByteSize + releasedDictionaryByteSize }

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

    /// The level entries after which a page closes whatever its size: a page of 1-bit dictionary
    /// indices would otherwise buffer 8 million 4-byte indices and levels before reaching 1 MiB.
    static let maxPageLevels = 1 << 17

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
            releasedDictionaryByteSize = dictionaryByteSize
            if dictionaryDataPages > 0 { earlyDictionaryPage = try dictionaryPage() }
            numericDictionary = NumericDictionary()
            bytesDictionary = BytesDictionary()
        }
        if estimatedPageSize >= pageSize || pageLevelCount >= Self.maxPageLevels { try flushPage() }
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
