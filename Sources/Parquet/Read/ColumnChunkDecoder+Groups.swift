import Codecs

extension ColumnChunkDecoder {
    /// Decodes the data pages from `cursor` in contiguous groups, one per core, concurrently,
    /// then appends the groups' results to `data` in page order and advances `cursor` past them.
    ///
    /// Used when fewer columns are read than there are cores, so a lone column's pages do not
    /// decode on one core. A header walk first finds the pages it can bound-check (data pages
    /// and pages without values; it stops at the first doubtful header or a dictionary page),
    /// then each group decodes with the same code as the sequential path, sharing the already
    /// decoded dictionary. Groups stop at their first error and the lowest group's error wins,
    /// so the error reported is the first in page order, naming the same page offset; pages the
    /// walk left out are decoded (and their errors reported) by the sequential path afterwards.
    /// Each group keeps one decompressed page alive at a time.
    func decodeGroups(_ bytes: [UInt8], codec: CompressionCodec, expected: Int64, cursor: inout Cursor, into data: inout LeafData) throws(ParquetError) {
        let cores = ProcessorCount.value
        guard cores > 1 else { return }
        let pages = walkPages(bytes, expected: expected, from: cursor)
        guard pages.count >= 2 else { return }
        // Balance the groups by stored bytes: decoding cost follows the page sizes.
        let groupCount = min(cores, pages.count)
        let totalBytes = pages.last!.end - pages[0].start
        var bounds: [Int] = [0] // page indices where groups start
        var index = 0
        for g in 1..<groupCount {
            let target = pages[0].start + totalBytes * g / groupCount
            while index < pages.count - 1 && pages[index].end <= target { index += 1 }
            if index > bounds.last! { bounds.append(index) }
        }
        bounds.append(pages.count)
        let dictionary = cursor.dictionary
        let physical = data.values.physical, width = data.values.width
        let parts = try ParallelMap.map(bounds.count - 1) { (g) throws(ParquetError) -> LeafData in
            let first = pages[bounds[g]], last = pages[bounds[g + 1] - 1]
            var part = LeafData(values: DecodedValues(physical: physical, width: width))
            part.reserve(Int(clamping: last.readAfter - first.readBefore), leaf: leaf)
            var local = Cursor(position: first.start, read: first.readBefore, dictionary: dictionary)
            try decodePages(bytes, codec: codec, expected: last.readAfter, cursor: &local, into: &part, end: last.end)
            return part
        }
        data.append(contentsOf: parts, leaf: leaf)
        cursor.position = pages.last!.end
        cursor.read = pages.last!.readAfter
    }

    /// One page found by ``walkPages(_:expected:from:)``: its header position, the position after
    /// its stored bytes and the values read before and after it.
    struct PageSpan {
        let start: Int
        let end: Int
        let readBefore: Int64
        let readAfter: Int64
    }

    /// The pages from `cursor` whose headers pass every check the sequential decoder makes
    /// before decoding a page, up to (not including) the first doubtful header or dictionary page.
    func walkPages(_ bytes: [UInt8], expected: Int64, from cursor: Cursor) -> [PageSpan] {
        let uncompressedCap = min(Self.maxPageSize, meta.totalUncompressedSize > 0 ? Int(clamping: meta.totalUncompressedSize) : Self.maxPageSize)
        var spans: [PageSpan] = []
        var position = cursor.position
        var read = cursor.read
        walk: while read < expected && position < bytes.count {
            var r = CompactReader(bytes, position: position, base: base)
            guard let header = try? PageHeader.read(&r) else { break }
            let bodyStart = r.position
            let stored = Int(header.compressedPageSize), size = Int(header.uncompressedPageSize)
            guard stored >= 0, stored <= bytes.count - bodyStart, size >= 0, size <= uncompressedCap else { break }
            let n: Int
            switch header.type {
            case .dataPage:
                guard let h = header.dataPageHeader else { break walk }
                n = Int(h.numValues)
            case .dataPageV2:
                guard let h = header.dataPageHeaderV2 else { break walk }
                n = Int(h.numValues)
            case .dictionaryPage:
                break walk
            default:
                n = 0 // index pages and unknown page types carry no values
            }
            guard n >= 0, Int64(n) <= expected - read, n <= max(Self.maxPageValues, size * 8) else { break }
            spans.append(PageSpan(start: position, end: bodyStart + stored, readBefore: read, readAfter: read + Int64(n)))
            position = bodyStart + stored
            read += Int64(n)
        }
        // Trailing pages without values would make a group that decodes nothing: leave them to the sequential path.
        while let last = spans.last, last.readAfter == last.readBefore { spans.removeLast() }
        return spans
    }
}

extension LeafData {
    /// Appends the levels and values of `parts`, in order, reserving room for all of them first.
    mutating func append(contentsOf parts: [LeafData], leaf: LeafColumn) {
        reserve(parts.reduce(0) { $0 + $1.levelCount }, leaf: leaf)
        if values.physical == .byteArray {
            values.data.reserveCapacity(values.data.count + parts.reduce(0) { $0 + $1.values.data.count })
        }
        for part in parts {
            definitionLevels.append(contentsOf: part.definitionLevels)
            repetitionLevels.append(contentsOf: part.repetitionLevels)
            levelCount += part.levelCount
            values.append(contentsOf: part.values)
        }
    }
}

extension DecodedValues {
    /// Appends all values of `other` (same physical type and width).
    mutating func append(contentsOf other: DecodedValues) {
        switch physical {
        case .boolean: bools.append(contentsOf: other.bools)
        case .int32: ints32.append(contentsOf: other.ints32)
        case .int64, .int96: ints64.append(contentsOf: other.ints64)
        case .float: floats.append(contentsOf: other.floats)
        case .double: doubles.append(contentsOf: other.doubles)
        case .byteArray:
            let shift = data.count - other.offsets[0]
            offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 + shift })
            data.append(contentsOf: other.data)
        case .fixedLenByteArray:
            data.append(contentsOf: other.data)
        }
    }
}
