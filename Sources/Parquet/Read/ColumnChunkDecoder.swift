import Codecs
import Columnar

/// The decoded levels and dense values of one leaf column over one or more column chunks.
struct LeafData {
    /// Definition levels (empty when the maximum is 0).
    var definitionLevels: [UInt8] = []
    /// Repetition levels (empty when the maximum is 0).
    var repetitionLevels: [UInt8] = []
    /// The values: the non-null ones for list leaves; for flat leaves one per level, the pages of
    /// a nullable leaf being spread as they decode (nulls hold a zero/empty placeholder).
    var values: DecodedValues
    /// The number of level entries (values including nulls).
    var levelCount = 0
}

extension LeafData {
    /// Reserves room for `count` more level entries (and as many values), so decoding a chunk
    /// appends without regrowing and re-copying its arrays.
    mutating func reserve(_ count: Int, leaf: LeafColumn) {
        guard count > 0 else { return }
        if leaf.maxDefinitionLevel > 0 { definitionLevels.reserveCapacity(definitionLevels.count + count) }
        if leaf.maxRepetitionLevel > 0 { repetitionLevels.reserveCapacity(repetitionLevels.count + count) }
        switch values.physical {
        case .boolean: values.bools.reserveCapacity(values.bools.count + count)
        case .int32: values.ints32.reserveCapacity(values.ints32.count + count)
        case .int64, .int96: values.ints64.reserveCapacity(values.ints64.count + count)
        case .float: values.floats.reserveCapacity(values.floats.count + count)
        case .double: values.doubles.reserveCapacity(values.doubles.count + count)
        case .byteArray: values.offsets.reserveCapacity(values.offsets.count + count)
        case .fixedLenByteArray: values.data.reserveCapacity(values.data.count + count * values.width)
        }
    }
}

/// Decodes the pages of a column chunk, checking every size against the chunk and sane limits.
struct ColumnChunkDecoder {
    /// The largest uncompressed page accepted.
    static let maxPageSize = 1 << 30
    /// The most level entries accepted in one page (unless its size justifies more).
    static let maxPageValues = 1 << 25
    /// The most values a chunk may claim regardless of its size (beyond that, 128 per stored byte).
    static let maxChunkValuesBase = 1 << 26

    let leaf: LeafColumn
    let meta: ColumnMetaData
    /// The file offset of `bytes[0]`.
    let base: Int

    /// Decodes the chunk `bytes`, appending to `data`; with `concurrentPages` its pages are
    /// decompressed concurrently first (see ``prefetch(_:codec:)``).
    func decode(_ bytes: [UInt8], into data: inout LeafData, concurrentPages: Bool = false) throws(ParquetError) {
        guard let codec = meta.codec.codec else {
            throw ParquetError(.unsupported, "compression codec \(meta.codec) is not supported")
        }
        let expected = meta.numValues
        guard expected >= 0 else { throw ParquetError(.corruptMetadata, "negative value count \(expected)") }
        // Level runs compress without bound; refuse chunks claiming far more values than their bytes can sanely hold.
        let valueCap = max(Int64(Self.maxChunkValuesBase), Int64(bytes.count) << 7)
        guard expected <= valueCap else {
            throw ParquetError(.limitExceeded, "column chunk claims \(expected) values in \(bytes.count) bytes (limit \(valueCap))")
        }
        let uncompressedCap = min(Self.maxPageSize, meta.totalUncompressedSize > 0 ? Int(clamping: meta.totalUncompressedSize) : Self.maxPageSize)
        if concurrentPages, try decodeConcurrently(bytes, codec: codec, expected: expected, uncompressedCap: uncompressedCap, into: &data) { return }
        var prefetched: [Int: [UInt8]] = [:]
        var dictionary: DecodedValues?
        var position = 0
        var read: Int64 = 0
        while read < expected {
            guard position < bytes.count else {
                throw ParquetError(.truncated, "the column chunk ends after \(read) of \(expected) values", offset: base + position)
            }
            if concurrentPages && prefetched.isEmpty {
                prefetched = prefetch(bytes, codec: codec, from: position, pages: 2 * ConcurrentLoop.processorCount, remaining: expected - read)
            }
            var r = CompactReader(bytes, position: position, base: base)
            let header = try PageHeader.read(&r)
            let pageOffset = base + position
            position = r.position
            let stored = Int(header.compressedPageSize), size = Int(header.uncompressedPageSize)
            guard stored >= 0, stored <= bytes.count - position else {
                throw ParquetError(.truncated, "page claims \(stored) stored bytes but the chunk has \(bytes.count - position) left", offset: pageOffset)
            }
            guard size >= 0, size <= uncompressedCap else {
                throw ParquetError(.limitExceeded, "page claims \(size) uncompressed bytes (limit \(uncompressedCap))", offset: pageOffset)
            }
            let body = bytes[position..<(position + stored)] // a view: no copy of the stored bytes
            position += stored
            do throws(ParquetError) {
                switch header.type {
                case .dictionaryPage:
                    guard dictionary == nil else { throw ParquetError(.corruptData, "second dictionary page in a column chunk") }
                    dictionary = try decodeDictionary(header, body: body, codec: codec, size: size, prefetched: &prefetched)
                case .dataPage, .dataPageV2:
                    let n = try decodeDataPage(header, body: body, codec: codec, size: size, read: read, expected: expected,
                                               dictionary: dictionary, prefetched: &prefetched, into: &data)
                    read += Int64(n)
                default:
                    continue // index pages and unknown page types carry no values
                }
            } catch {
                throw error.with(offset: pageOffset)
            }
        }
    }

    /// Decodes a dictionary page into its values.
    func decodeDictionary(_ header: PageHeader, body: ArraySlice<UInt8>, codec: CompressionCodec, size: Int,
                          prefetched: inout [Int: [UInt8]]) throws(ParquetError) -> DecodedValues {
        guard let h = header.dictionaryPageHeader else { throw ParquetError(.corruptMetadata, "dictionary page without its header") }
        guard h.encoding == .plain || h.encoding == .plainDictionary else {
            throw ParquetError(.unsupported, "dictionary page encoding \(h.encoding)")
        }
        let plain = try pageBytes(body, codec: codec, size: size, prefetched: &prefetched)
        let n = Int(h.numValues)
        guard n >= 0, n <= plain.count * 8 + 1 else { throw ParquetError(.corruptData, "dictionary claims \(n) entries in \(plain.count) bytes") }
        var dict = DecodedValues(physical: leaf.physicalType, width: Int(leaf.element.typeLength ?? 0))
        try withBytes(plain) { (p) throws(ParquetError) in
            var br = ByteReader(p)
            try PlainDecoder.decode(&br, count: n, into: &dict)
        }
        return dict
    }

    /// Decodes one data page (v1 or v2) of `n` level entries, appending its levels and values
    /// to `data` (values spread over the slots for a flat nullable leaf); returns `n`.
    func decodeDataPage(_ header: PageHeader, body: ArraySlice<UInt8>, codec: CompressionCodec, size: Int, read: Int64, expected: Int64,
                        dictionary: DecodedValues?, prefetched: inout [Int: [UInt8]], into data: inout LeafData) throws(ParquetError) -> Int {
        let levelStart = data.definitionLevels.count, valueStart = data.values.count
        let n: Int
        if header.type == .dataPage {
            guard let h = header.dataPageHeader else { throw ParquetError(.corruptMetadata, "data page without its header") }
            n = try checkCount(Int(h.numValues), read: read, expected: expected, size: size)
            let page = try pageBytes(body, codec: codec, size: size, prefetched: &prefetched)
            try withBytes(page) { (p) throws(ParquetError) in
                var br = ByteReader(p)
                if leaf.maxRepetitionLevel > 0 {
                    try checkLevelEncoding(h.repetitionLevelEncoding)
                    let len = Int(try br.uint32LE())
                    var sub = try br.take(len)
                    try RleHybrid.decode(&sub, bitWidth: BitPacking.width(UInt64(leaf.maxRepetitionLevel)), count: n, into: &data.repetitionLevels)
                }
                var nonNull = n
                if leaf.maxDefinitionLevel > 0 {
                    try checkLevelEncoding(h.definitionLevelEncoding)
                    let len = Int(try br.uint32LE())
                    var sub = try br.take(len)
                    nonNull = try decodeDefinitions(&sub, count: n, into: &data)
                }
                try decodeValues(&br, encoding: h.encoding, count: nonNull, dictionary: dictionary, into: &data.values)
            }
        } else {
            guard let h = header.dataPageHeaderV2 else { throw ParquetError(.corruptMetadata, "data page v2 without its header") }
            n = try checkCount(Int(h.numValues), read: read, expected: expected, size: size)
            let repLength = Int(h.repetitionLevelsByteLength), defLength = Int(h.definitionLevelsByteLength)
            guard repLength >= 0, defLength >= 0, repLength + defLength <= body.count, repLength + defLength <= size else {
                throw ParquetError(.corruptMetadata, "data page v2 level lengths \(repLength)+\(defLength) exceed the page")
            }
            var nonNull = n
            try withBytes(body) { (p) throws(ParquetError) in
                var br = ByteReader(p)
                var reps = try br.take(repLength)
                var defs = try br.take(defLength)
                if leaf.maxRepetitionLevel > 0 {
                    try RleHybrid.decode(&reps, bitWidth: BitPacking.width(UInt64(leaf.maxRepetitionLevel)), count: n, into: &data.repetitionLevels)
                }
                if leaf.maxDefinitionLevel > 0 { nonNull = try decodeDefinitions(&defs, count: n, into: &data) }
            }
            let valuesStored = body[(body.startIndex + repLength + defLength)...]
            let valuesSize = size - repLength - defLength
            let values = h.isCompressed
                ? try pageBytes(valuesStored, codec: codec, size: valuesSize, prefetched: &prefetched)
                : Array(valuesStored)
            try withBytes(values) { (p) throws(ParquetError) in
                var br = ByteReader(p)
                try decodeValues(&br, encoding: h.encoding, count: nonNull, dictionary: dictionary, into: &data.values)
            }
        }
        spreadNulls(&data, levelStart: levelStart, valueStart: valueStart)
        data.levelCount += n
        return n
    }

    /// For a flat nullable leaf, spreads the page's dense values over its slots right away (see
    /// ``LeafData/spreadPage(levelStart:valueStart:maxDefinition:)``): its values then hold one
    /// entry per level, nulls as placeholders, which is what ``ColumnAssembler`` builds from.
    private func spreadNulls(_ data: inout LeafData, levelStart: Int, valueStart: Int) {
        guard leaf.listDefinitionLevel == nil, leaf.maxRepetitionLevel == 0, leaf.maxDefinitionLevel > 0 else { return }
        data.spreadPage(levelStart: levelStart, valueStart: valueStart, maxDefinition: UInt8(leaf.maxDefinitionLevel))
    }

    private func checkCount(_ n: Int, read: Int64, expected: Int64, size: Int) throws(ParquetError) -> Int {
        guard n >= 0, Int64(n) <= expected - read else {
            throw ParquetError(.corruptData, "page claims \(n) values but only \(expected - read) remain in the chunk")
        }
        guard n <= max(Self.maxPageValues, size * 8) else {
            throw ParquetError(.limitExceeded, "page claims \(n) values in \(size) bytes")
        }
        return n
    }

    func checkLevelEncoding(_ e: Encoding) throws(ParquetError) {
        guard e == .rle else { throw ParquetError(.unsupported, "level encoding \(e) (only RLE is supported)") }
    }

    /// Decodes definition levels, checks them and returns how many are at the maximum (values present).
    func decodeDefinitions(_ r: inout ByteReader, count: Int, into data: inout LeafData) throws(ParquetError) -> Int {
        let start = data.definitionLevels.count
        try RleHybrid.decode(&r, bitWidth: BitPacking.width(UInt64(leaf.maxDefinitionLevel)), count: count, into: &data.definitionLevels)
        let maxDef = UInt8(leaf.maxDefinitionLevel)
        var present = 0
        var highest: UInt8 = 0
        data.definitionLevels.withUnsafeBufferPointer { p in
            // Branch-free, so the loop vectorizes.
            for i in start..<p.count {
                let d = p[i]
                present &+= d == maxDef ? 1 : 0
                highest = max(highest, d)
            }
        }
        if highest > maxDef { throw ParquetError(.corruptData, "definition level above the maximum \(maxDef)") }
        return present
    }

    /// The decompressed bytes of `body`: taken from `prefetched` when decompressed ahead, else decompressed now.
    private func pageBytes(_ body: ArraySlice<UInt8>, codec: CompressionCodec, size: Int,
                           prefetched: inout [Int: [UInt8]]) throws(ParquetError) -> [UInt8] {
        if let ready = prefetched.removeValue(forKey: body.startIndex), ready.count == size { return ready }
        return try decompress(body, codec: codec, size: size)
    }

    func decompress(_ body: ArraySlice<UInt8>, codec: CompressionCodec, size: Int) throws(ParquetError) -> [UInt8] {
        if codec == .uncompressed {
            guard body.count == size else {
                throw ParquetError(.corruptData, "uncompressed page stores \(body.count) bytes but claims \(size)")
            }
            return Array(body)
        }
        var result: Result<[UInt8], CodecError>!
        body.withUnsafeBytes { p in
            result = Result { () throws(CodecError) -> [UInt8] in try codec.decompress(p, uncompressedSize: size) }
        }
        switch result! {
        case .success(let out): return out
        case .failure(let error): throw ParquetError(.decompression, "\(codec.rawValue) page does not decompress: \(error.message)")
        }
    }

    /// Decompresses `body` into `buffer`, reusing its storage where the codec can.
    func decompress(_ body: ArraySlice<UInt8>, codec: CompressionCodec, size: Int, into buffer: inout [UInt8]) throws(ParquetError) {
        guard codec == .snappy else { return buffer = try decompress(body, codec: codec, size: size) }
        var failure: CodecError?
        body.withUnsafeBytes { p in
            do throws(CodecError) { try codec.decompress(p, uncompressedSize: size, into: &buffer) } catch { failure = error }
        }
        if let failure { throw ParquetError(.decompression, "\(codec.rawValue) page does not decompress: \(failure.message)") }
    }

    /// Decodes `count` values with `encoding`.
    private func decodeValues(_ r: inout ByteReader, encoding: Encoding, count: Int, dictionary: DecodedValues?, into values: inout DecodedValues) throws(ParquetError) {
        let before = values.count
        let physical = values.physical
        switch encoding {
        case .plain:
            try PlainDecoder.decode(&r, count: count, into: &values)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw ParquetError(.corruptData, "dictionary-encoded page without a dictionary page") }
            if count == 0 { break }
            let width = Int(try r.byte())
            guard width <= 32 else { throw ParquetError(.corruptData, "dictionary index bit width \(width) is greater than 32") }
            var indices: [UInt32] = []
            indices.reserveCapacity(count)
            try RleHybrid.decode(&r, bitWidth: width, count: count, into: &indices)
            try values.appendGathering(from: dictionary, indices: indices)
        case .rle:
            guard physical == .boolean else { throw ParquetError(.unsupported, "RLE value encoding for \(physical)") }
            let len = Int(try r.uint32LE())
            var sub = try r.take(len)
            var bits: [UInt8] = []
            try RleHybrid.decode(&sub, bitWidth: 1, count: count, into: &bits)
            values.bools.append(contentsOf: bits.lazy.map { $0 != 0 })
        case .deltaBinaryPacked:
            let decoded = try DeltaDecoder.binaryPacked(&r, limit: count)
            guard decoded.count == count else { throw ParquetError(.corruptData, "DELTA_BINARY_PACKED has \(decoded.count) values, expected \(count)") }
            switch physical {
            case .int32: values.ints32.append(contentsOf: decoded.lazy.map { Int32(truncatingIfNeeded: $0) })
            case .int64: values.ints64.append(contentsOf: decoded)
            default: throw ParquetError(.unsupported, "DELTA_BINARY_PACKED for \(physical)")
            }
        case .deltaLengthByteArray:
            guard physical == .byteArray else { throw ParquetError(.unsupported, "DELTA_LENGTH_BYTE_ARRAY for \(physical)") }
            try DeltaDecoder.lengthByteArray(&r, count: count, into: &values)
        case .deltaByteArray:
            guard physical == .byteArray || physical == .fixedLenByteArray else { throw ParquetError(.unsupported, "DELTA_BYTE_ARRAY for \(physical)") }
            try DeltaDecoder.byteArray(&r, count: count, into: &values)
        case .byteStreamSplit:
            try DeltaDecoder.byteStreamSplit(&r, count: count, into: &values)
        default:
            throw ParquetError(.unsupported, "value encoding \(encoding)")
        }
        guard values.count - before == count else {
            throw ParquetError(.corruptData, "page decoded \(values.count - before) values, expected \(count)")
        }
    }
}
