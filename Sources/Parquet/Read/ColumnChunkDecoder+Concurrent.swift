import Codecs
import Columnar

extension ColumnChunkDecoder {
    /// Whether a lone column of `leaf` may have its pages decoded concurrently: a flat leaf
    /// (no list levels) of a fixed-width number type, whose decoded pages hold exactly one value
    /// per level entry and so land at offsets known from the page headers alone.
    static func decodesPagesConcurrently(_ leaf: LeafColumn) -> Bool {
        guard leaf.maxRepetitionLevel == 0, leaf.listDefinitionLevel == nil else { return false }
        switch leaf.physicalType {
        case .int32, .int64, .int96, .float, .double: return true
        case .boolean, .byteArray, .fixedLenByteArray: return false
        }
    }

    /// One data page found by the header walk.
    private struct PageJob {
        let header: PageHeader
        let body: Range<Int>
        let size: Int
        /// Level entries in the page, and where they start among the chunk's.
        let count: Int
        let start: Int
    }

    /// Decodes every data page of chunk `bytes` concurrently, each straight into its place in
    /// one pre-sized output, for a lone column read with cores to spare.
    ///
    /// Page positions come from a walk over the page headers, which trusts only what it can
    /// bound-check. Returns false, leaving `data` as it was, when the leaf does not qualify
    /// (see ``decodesPagesConcurrently(_:)``), the chunk has a single data page, or anything is
    /// doubtful or fails: ``decode(_:into:concurrentPages:)`` then decodes it page by page,
    /// validating everything and reporting errors with their page offsets.
    func decodeConcurrently(_ bytes: [UInt8], codec: CompressionCodec, expected: Int64, uncompressedCap: Int,
                            into data: inout LeafData) throws(ParquetError) -> Bool {
        guard Self.decodesPagesConcurrently(leaf), expected > 0, ConcurrentLoop.processorCount > 1,
              data.values.count == data.levelCount, leaf.maxDefinitionLevel == 0 || data.definitionLevels.count == data.levelCount
        else { return false }
        // The walk: page headers, sizes and value counts; the dictionary page decoded first.
        var jobs: [PageJob] = []
        var dictionary: DecodedValues?
        var position = 0
        var total = 0
        while Int64(total) < expected {
            guard position < bytes.count else { return false }
            var r = CompactReader(bytes, position: position, base: base)
            guard let header = try? PageHeader.read(&r) else { return false }
            position = r.position
            let stored = Int(header.compressedPageSize), size = Int(header.uncompressedPageSize)
            guard stored >= 0, stored <= bytes.count - position, size >= 0, size <= uncompressedCap else { return false }
            let body = position..<(position + stored)
            position += stored
            let n: Int32
            switch header.type {
            case .dictionaryPage:
                guard dictionary == nil, jobs.isEmpty else { return false }
                var none: [Int: [UInt8]] = [:]
                guard let dict = try? decodeDictionary(header, body: bytes[body], codec: codec, size: size, prefetched: &none) else { return false }
                dictionary = dict
                continue
            case .dataPage:
                guard let h = header.dataPageHeader else { return false }
                n = h.numValues
            case .dataPageV2:
                guard let h = header.dataPageHeaderV2 else { return false }
                n = h.numValues
            default:
                continue
            }
            guard n > 0, Int64(n) <= expected - Int64(total), Int(n) <= max(Self.maxPageValues, size * 8) else { return false }
            jobs.append(PageJob(header: header, body: body, size: size, count: Int(n), start: total))
            total += Int(n)
        }
        guard jobs.count > 1 else { return false }

        // Decode the pages concurrently, each into its own small buffers, and copy each page's
        // levels and values to its slots while they are in cache.
        let leveled = leaf.maxDefinitionLevel > 0
        var levels = data.definitionLevels
        var values = data.values
        data.definitionLevels = []
        data.values = DecodedValues(physical: values.physical, width: values.width)
        let oldLevels = levels.count, oldValues = values.count
        let physical = values.physical, width = values.width
        var failed = false
        Self.extend(&levels, by: leveled ? total : 0, zero: 0) { levelsOut in
            values.extendRaw(by: total) { valuesOut, stride in
                // A few interleaved groups of pages, each decompressing into one reused buffer.
                let groups = min(jobs.count, 2 * ConcurrentLoop.processorCount)
                failed = (try? ParallelMap.forEach(groups) { (g) throws(ParquetError) in
                    var scratch: [UInt8] = []
                    for i in Swift.stride(from: g, to: jobs.count, by: groups) {
                        let job = jobs[i]
                        if try decodePlainInPlace(job, bytes: bytes, codec: codec, physical: physical, scratch: &scratch,
                                                  levelsOut: levelsOut?.advanced(by: job.start), valuesOut: valuesOut.advanced(by: job.start * stride)) {
                            continue
                        }
                        var page = LeafData(values: DecodedValues(physical: physical, width: width))
                        var none: [Int: [UInt8]] = [:]
                        let n = try decodeDataPage(job.header, body: bytes[job.body], codec: codec, size: job.size, read: 0, expected: Int64(job.count),
                                                   dictionary: dictionary, prefetched: &none, into: &page)
                        guard n == job.count, page.values.count == n, !leveled || page.definitionLevels.count == n else {
                            throw ParquetError(.corruptData, "page decoded \(page.values.count) of \(job.count) values")
                        }
                        if let levelsOut {
                            page.definitionLevels.withUnsafeBytes { levelsOut.advanced(by: job.start).copyMemory(from: $0.baseAddress!, byteCount: n) }
                        }
                        page.values.withRawValues { valuesOut.advanced(by: job.start * stride).copyMemory(from: $0.baseAddress!, byteCount: n * stride) }
                    }
                }) == nil
            }
        }
        if failed {
            levels.removeSubrange(oldLevels...)
            values.truncate(to: oldValues)
        }
        data.definitionLevels = levels
        data.values = values
        if failed { return false }
        data.levelCount += total
        return true
    }

    /// Decodes a PLAIN page of a fixed-width number column straight into its slots: levels to
    /// `levelsOut`, values copied from the page to `valuesOut` and spread over the null slots in
    /// place. Returns false, having written nothing, for a page in another encoding.
    private func decodePlainInPlace(_ job: PageJob, bytes: [UInt8], codec: CompressionCodec, physical: PhysicalType, scratch: inout [UInt8],
                                    levelsOut: UnsafeMutableRawPointer?, valuesOut: UnsafeMutableRawPointer) throws(ParquetError) -> Bool {
        guard physical != .int96 else { return false } // 12 stored bytes become an 8-byte value
        let n = job.count
        let body = bytes[job.body]
        // The definition levels' bytes and the values' bytes, as the page version stores them.
        let levelRegion: (UnsafeRawBufferPointer) throws(ParquetError) -> (levels: ByteReader?, values: ByteReader)
        if let h = job.header.dataPageHeader {
            guard h.encoding == .plain else { return false }
            try decompress(body, codec: codec, size: job.size, into: &scratch)
            levelRegion = { (p) throws(ParquetError) in
                var br = ByteReader(p)
                guard leaf.maxDefinitionLevel > 0 else { return (nil, br) }
                try checkLevelEncoding(h.definitionLevelEncoding)
                let levels = try br.take(Int(try br.uint32LE()))
                return (levels, br)
            }
        } else if let h = job.header.dataPageHeaderV2 {
            guard h.encoding == .plain else { return false }
            let repLength = Int(h.repetitionLevelsByteLength), defLength = Int(h.definitionLevelsByteLength)
            guard repLength >= 0, defLength >= 0, repLength + defLength <= body.count, repLength + defLength <= job.size else {
                throw ParquetError(.corruptMetadata, "data page v2 level lengths \(repLength)+\(defLength) exceed the page")
            }
            let valuesStored = body[(body.startIndex + repLength + defLength)...]
            let values = h.isCompressed ? try decompress(valuesStored, codec: codec, size: job.size - repLength - defLength) : Array(valuesStored)
            // Levels first, then the values, in one buffer the closure below splits again.
            scratch = Array(body[(body.startIndex + repLength)..<(body.startIndex + repLength + defLength)]) + values
            levelRegion = { (p) throws(ParquetError) in
                var br = ByteReader(p)
                let levels = try br.take(defLength)
                return (leaf.maxDefinitionLevel > 0 ? levels : nil, br)
            }
        } else {
            return false
        }
        try withBytes(scratch) { (p) throws(ParquetError) in
            let (levelReader, values) = try levelRegion(p)
            var nonNull = n
            var levels = LeafData(values: DecodedValues(physical: physical, width: 0))
            if var reader = levelReader {
                nonNull = try decodeDefinitions(&reader, count: n, into: &levels)
                levels.definitionLevels.withUnsafeBytes { levelsOut!.copyMemory(from: $0.baseAddress!, byteCount: n) }
            }
            let stride = physical == .int32 || physical == .float ? 4 : 8
            guard nonNull <= values.remaining / stride else {
                throw ByteReader.corrupt("PLAIN values need \(nonNull * stride) bytes, \(values.remaining) remain")
            }
            if nonNull > 0 {
                valuesOut.copyMemory(from: values.base.baseAddress! + values.position, byteCount: nonNull * stride)
            }
            guard nonNull < n else { return }
            let present = UInt8(leaf.maxDefinitionLevel)
            levels.definitionLevels.withUnsafeBufferPointer { l in
                switch physical {
                case .int32: DecodedValues.spreadInPlace(valuesOut.assumingMemoryBound(to: Int32.self), dense: nonNull, levels: l, present: present, zero: 0)
                case .float: DecodedValues.spreadInPlace(valuesOut.assumingMemoryBound(to: Float.self), dense: nonNull, levels: l, present: present, zero: 0)
                case .int64: DecodedValues.spreadInPlace(valuesOut.assumingMemoryBound(to: Int64.self), dense: nonNull, levels: l, present: present, zero: 0)
                default: DecodedValues.spreadInPlace(valuesOut.assumingMemoryBound(to: Double.self), dense: nonNull, levels: l, present: present, zero: 0)
                }
            }
        }
        return true
    }

    /// Appends `count` elements to `array` and lets `fill` write them through a raw pointer
    /// (nil when `count` is 0). An empty array is rebuilt without zero-filling first.
    static func extend<T: BitwiseCopyable>(_ array: inout [T], by count: Int, zero: T, _ fill: (UnsafeMutableRawPointer?) -> Void) {
        guard count > 0 else { return fill(nil) }
        if array.isEmpty {
            array = [T](unsafeUninitializedCapacity: max(array.capacity, count)) { buffer, initialized in
                fill(UnsafeMutableRawPointer(buffer.baseAddress!))
                initialized = count
            }
            return
        }
        let old = array.count
        array.append(contentsOf: repeatElement(zero, count: count))
        array.withUnsafeMutableBytes { fill($0.baseAddress! + old * MemoryLayout<T>.stride) }
    }
}

extension DecodedValues {
    /// Appends `count` values of this fixed-width number type, written by `fill` through a raw
    /// pointer to the first new one, with the type's stride.
    mutating func extendRaw(by count: Int, _ fill: (UnsafeMutableRawPointer, Int) -> Void) {
        switch physical {
        case .int32: ColumnChunkDecoder.extend(&ints32, by: count, zero: 0) { fill($0!, 4) }
        case .int64, .int96: ColumnChunkDecoder.extend(&ints64, by: count, zero: 0) { fill($0!, 8) }
        case .float: ColumnChunkDecoder.extend(&floats, by: count, zero: 0) { fill($0!, 4) }
        case .double: ColumnChunkDecoder.extend(&doubles, by: count, zero: 0) { fill($0!, 8) }
        case .boolean, .byteArray, .fixedLenByteArray: preconditionFailure("extendRaw is for fixed-width numbers")
        }
    }

    /// Calls `body` with the bytes of the fixed-width number values.
    func withRawValues(_ body: (UnsafeRawBufferPointer) -> Void) {
        switch physical {
        case .int32: ints32.withUnsafeBytes(body)
        case .int64, .int96: ints64.withUnsafeBytes(body)
        case .float: floats.withUnsafeBytes(body)
        case .double: doubles.withUnsafeBytes(body)
        case .boolean, .byteArray, .fixedLenByteArray: preconditionFailure("withRawValues is for fixed-width numbers")
        }
    }

    /// Drops the values from `count` on (fixed-width numbers).
    mutating func truncate(to count: Int) {
        switch physical {
        case .int32: ints32.removeSubrange(count...)
        case .int64, .int96: ints64.removeSubrange(count...)
        case .float: floats.removeSubrange(count...)
        case .double: doubles.removeSubrange(count...)
        case .boolean, .byteArray, .fixedLenByteArray: preconditionFailure("truncate is for fixed-width numbers")
        }
    }
}
