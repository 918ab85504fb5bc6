import Codecs

extension ColumnChunkWriter {
    /// Encodes, compresses and buffers the current page (no-op when it is empty).
    func flushPage() throws(ParquetError) {
        guard pageLevelCount > 0 else { return }
        var levels: [UInt8] = []
        var repLength = 0
        if leaf.maxRepetitionLevel > 0 { Self.appendLevels(repLevels, max: leaf.maxRepetitionLevel, into: &levels, prefixed: !dataPageV2) }
        repLength = levels.count
        if leaf.maxDefinitionLevel > 0 { Self.appendLevels(defLevels, max: leaf.maxDefinitionLevel, into: &levels, prefixed: !dataPageV2) }
        var values: [UInt8] = []
        values.reserveCapacity(estimatedPageSize + 16)
        let dictionaryPage = useDictionary
        if dictionaryPage {
            let width = max(1, BitPacking.width(UInt64(max(0, dictionaryCount - 1))))
            values.append(UInt8(width))
            indices.withUnsafeBufferPointer { RleHybrid.encode($0, bitWidth: width, into: &values) }
            dictionaryDataPages += 1
        } else if leaf.physicalType == .boolean {
            BitPacking.pack(bools.lazy.map { $0 ? 1 : 0 }, bitWidth: 1, into: &values)
            plainDataPages += 1
        } else if valueEncoding != .plain {
            let count = pageLevelCount - Int(pageStats.nullCount)
            values = PageValueEncoder.encode(plain, count: count, physical: leaf.physicalType, width: valueWidth, as: valueEncoding)
            plainDataPages += 1
        } else {
            swap(&values, &plain)
            plainDataPages += 1
        }
        let stats = statisticsEnabled ? pageStats.statistics() : nil
        let encoding: Encoding = dictionaryPage ? .rleDictionary : valueEncoding
        if dataPageV2 {
            let rows = leaf.maxRepetitionLevel > 0 ? repLevels.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } : pageLevelCount
            let header = PageHeader(type: .dataPageV2, uncompressedPageSize: 0, compressedPageSize: 0, dataPageHeaderV2:
                DataPageHeaderV2(numValues: Int32(pageLevelCount), numNulls: Int32(pageStats.nullCount), numRows: Int32(rows),
                                 encoding: encoding, definitionLevelsByteLength: Int32(levels.count - repLength),
                                 repetitionLevelsByteLength: Int32(repLength), isCompressed: codec != .uncompressed, statistics: stats))
            try emitV2(header, levels: levels, values: values)
        } else {
            let header = PageHeader(type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0, dataPageHeader:
                DataPageHeader(numValues: Int32(pageLevelCount), encoding: encoding,
                               definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle, statistics: stats))
            levels.append(contentsOf: values)
            try emit(header, body: levels, into: &pages, size: &pagesSize)
        }
        chunkStats.merge(pageStats)
        chunkLevelCount += Int64(pageLevelCount)
        pageStats = StatisticsAccumulator(order: order)
        defLevels.removeAll(keepingCapacity: true)
        repLevels.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        plain.removeAll(keepingCapacity: true)
        bools.removeAll(keepingCapacity: true)
        pageLevelCount = 0
    }

    /// Appends RLE-encoded levels, with their 4-byte length prefix for data pages v1.
    static func appendLevels(_ levels: [UInt32], max: Int, into body: inout [UInt8], prefixed: Bool = true) {
        let lengthAt = body.count
        if prefixed { body.append(contentsOf: [0, 0, 0, 0]) }
        levels.withUnsafeBufferPointer { RleHybrid.encode($0, bitWidth: BitPacking.width(UInt64(max)), into: &body) }
        guard prefixed else { return }
        let n = UInt32(body.count - lengthAt - 4)
        for k in 0..<4 { body[lengthAt + k] = UInt8(truncatingIfNeeded: n >> UInt32(8 * k)) }
    }

    /// Compresses `input` into an array without spare capacity (pages stay buffered until the
    /// row group is written, so slack would count against the writer's memory).
    static func compress(_ input: [UInt8], _ codec: CompressionCodec) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 6 + 64)
        input.withUnsafeBytes { codec.compress($0, into: &out) }
        if out.capacity - out.count <= out.count / 16 { return out }
        return [UInt8](unsafeUninitializedCapacity: out.count) { buffer, initialized in
            _ = buffer.initialize(fromContentsOf: out)
            initialized = out.count
        }
    }

    /// Appends a data page v2: header, uncompressed levels, then the (compressed) values.
    func emitV2(_ header: PageHeader, levels: [UInt8], values: [UInt8]) throws(ParquetError) {
        guard levels.count + values.count <= Int(Int32.max) else {
            throw ParquetError(.limitExceeded, "a page of \(levels.count + values.count) bytes is larger than the format allows", column: leaf.dottedPath)
        }
        var h = header
        var stored = values
        if codec != .uncompressed {
            stored = Self.compress(values, codec)
        }
        h.uncompressedPageSize = Int32(levels.count + values.count)
        h.compressedPageSize = Int32(levels.count + stored.count)
        var headerBytes: [UInt8] = []
        h.write(into: &headerBytes)
        uncompressedTotal += Int64(headerBytes.count + levels.count + values.count)
        pagesSize += headerBytes.count + levels.count + stored.count
        pages.append(headerBytes)
        if !levels.isEmpty { pages.append(levels) }
        pages.append(stored)
    }

    /// Compresses `body` and appends the header and the stored bytes to `out` as two pieces.
    func emit(_ header: PageHeader, body: [UInt8], into out: inout [[UInt8]], size: inout Int) throws(ParquetError) {
        guard body.count <= Int(Int32.max) else {
            throw ParquetError(.limitExceeded, "a page of \(body.count) bytes is larger than the format allows", column: leaf.dottedPath)
        }
        var h = header
        var stored: [UInt8]
        if codec == .uncompressed {
            stored = body
        } else {
            stored = Self.compress(body, codec)
        }
        h.uncompressedPageSize = Int32(body.count)
        h.compressedPageSize = Int32(stored.count)
        var headerBytes: [UInt8] = []
        h.write(into: &headerBytes)
        uncompressedTotal += Int64(headerBytes.count + body.count)
        size += headerBytes.count + stored.count
        out.append(headerBytes)
        out.append(stored)
    }

    /// The encoded (compressed) dictionary page of the current dictionary: header and body pieces.
    func dictionaryPage() throws(ParquetError) -> [[UInt8]] {
        var body: [UInt8] = []
        switch leaf.physicalType {
        case .byteArray:
            body.reserveCapacity(dictionaryByteSize)
            let d = bytesDictionary
            d.data.withUnsafeBufferPointer { data in
                d.offsets.withUnsafeBufferPointer { offsets in
                    for i in 0..<d.count {
                        let n = UInt32(offsets[i + 1] - offsets[i])
                        withUnsafeBytes(of: n.littleEndian) { body.append(contentsOf: $0) }
                        body.append(contentsOf: UnsafeBufferPointer(rebasing: data[offsets[i]..<offsets[i + 1]]))
                    }
                }
            }
        case .fixedLenByteArray:
            body = bytesDictionary.data
        default:
            body.reserveCapacity(numericDictionary.count * valueWidth)
            for key in numericDictionary.entries {
                withUnsafeBytes(of: key.littleEndian) { body.append(contentsOf: $0.prefix(valueWidth)) }
            }
        }
        let header = PageHeader(type: .dictionaryPage, uncompressedPageSize: 0, compressedPageSize: 0,
                                dictionaryPageHeader: DictionaryPageHeader(numValues: Int32(dictionaryCount), encoding: .plain, isSorted: false))
        var pieces: [[UInt8]] = []
        var size = 0
        try emit(header, body: body, into: &pieces, size: &size)
        return pieces
    }

    /// The finished chunk: an optional dictionary page and the data pages, plus what the
    /// metadata needs. Resets the writer for the next row group.
    func finishChunk() throws(ParquetError) -> FinishedChunk {
        try flushPage()
        var dictionaryPage: [[UInt8]] = []
        if let early = earlyDictionaryPage {
            dictionaryPage = early
        } else if dictionaryDataPages > 0 {
            dictionaryPage = try self.dictionaryPage()
        }
        var encodings: [Encoding] = []
        var encodingStats: [PageEncodingStats] = []
        if dictionaryDataPages > 0 {
            encodings.append(.plain)
            encodingStats.append(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
            encodingStats.append(PageEncodingStats(pageType: dataPageV2 ? .dataPageV2 : .dataPage, encoding: .rleDictionary, count: dictionaryDataPages))
        }
        if plainDataPages > 0 {
            if !encodings.contains(valueEncoding) { encodings.append(valueEncoding) }
            encodingStats.append(PageEncodingStats(pageType: dataPageV2 ? .dataPageV2 : .dataPage, encoding: valueEncoding, count: plainDataPages))
        }
        encodings.append(.rle)
        if dictionaryDataPages > 0 { encodings.append(.rleDictionary) }
        let chunk = FinishedChunk(dictionaryPage: dictionaryPage, dataPages: pages, levelCount: chunkLevelCount,
                                  uncompressedSize: uncompressedTotal, statistics: chunkStats, encodings: encodings,
                                  encodingStats: encodingStats)
        pages = []
        pagesSize = 0
        chunkStats = StatisticsAccumulator(order: order)
        chunkLevelCount = 0
        uncompressedTotal = 0
        dictionaryDataPages = 0
        plainDataPages = 0
        numericDictionary.reset()
        bytesDictionary.reset()
        earlyDictionaryPage = nil
        releasedDictionaryByteSize = 0
        useDictionary = dictionaryAllowed
        return chunk
    }
}

/// The encoded pages of one column chunk and what its metadata needs.
struct FinishedChunk {
    var dictionaryPage: [[UInt8]]
    var dataPages: [[UInt8]]
    var levelCount: Int64
    var uncompressedSize: Int64
    var statistics: StatisticsAccumulator
    var encodings: [Encoding]
    var encodingStats: [PageEncodingStats]
}
