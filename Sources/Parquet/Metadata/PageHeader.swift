/// The header of a data page (v1).
public struct DataPageHeader: Sendable, Hashable {
    /// The number of level entries (values including nulls).
    public var numValues: Int32
    /// The value encoding.
    public var encoding: Encoding
    /// The definition level encoding (RLE or BIT_PACKED).
    public var definitionLevelEncoding: Encoding
    /// The repetition level encoding (RLE or BIT_PACKED).
    public var repetitionLevelEncoding: Encoding
    /// Page statistics.
    public var statistics: Statistics?
}

/// The header of a data page v2 (levels stored uncompressed before the values).
public struct DataPageHeaderV2: Sendable, Hashable {
    /// The number of level entries.
    public var numValues: Int32
    /// The number of nulls.
    public var numNulls: Int32
    /// The number of rows.
    public var numRows: Int32
    /// The value encoding.
    public var encoding: Encoding
    /// The byte length of the definition levels.
    public var definitionLevelsByteLength: Int32
    /// The byte length of the repetition levels.
    public var repetitionLevelsByteLength: Int32
    /// Whether the values section is compressed.
    public var isCompressed: Bool = true
    /// Page statistics.
    public var statistics: Statistics?
}

/// The header of a dictionary page.
public struct DictionaryPageHeader: Sendable, Hashable {
    /// The number of dictionary entries.
    public var numValues: Int32
    /// The entry encoding (PLAIN or PLAIN_DICTIONARY).
    public var encoding: Encoding
    /// Whether the entries are sorted.
    public var isSorted: Bool?
}

/// The header preceding every page (the Thrift `PageHeader` struct).
public struct PageHeader: Sendable, Hashable {
    /// The page kind.
    public var type: PageType
    /// The size of the page body after decompression.
    public var uncompressedPageSize: Int32
    /// The size of the page body as stored.
    public var compressedPageSize: Int32
    /// An optional CRC32 of the page body.
    public var crc: Int32?
    /// Set for data pages v1.
    public var dataPageHeader: DataPageHeader?
    /// Set for dictionary pages.
    public var dictionaryPageHeader: DictionaryPageHeader?
    /// Set for data pages v2.
    public var dataPageHeaderV2: DataPageHeaderV2?
}

extension PageHeader {
    /// Decodes a page header at `reader.position`.
    static func read(_ r: inout CompactReader) throws(ParquetError) -> PageHeader {
        var type: Int32?, uncompressed: Int32?, compressed: Int32?
        var h = PageHeader(type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0)
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1: type = try r.readI32(t)
            case 2: uncompressed = try r.readI32(t)
            case 3: compressed = try r.readI32(t)
            case 4: h.crc = try r.readI32(t)
            case 5:
                try r.enterStruct(t)
                var n: Int32?, e: Int32?, d: Int32?, rep: Int32?, stats: Statistics?
                try r.readStruct { r, id, t throws(ParquetError) in
                    switch id {
                    case 1: n = try r.readI32(t)
                    case 2: e = try r.readI32(t)
                    case 3: d = try r.readI32(t)
                    case 4: rep = try r.readI32(t)
                    case 5: stats = try Statistics.read(&r, t)
                    default: return false
                    }
                    return true
                }
                guard let n, let e, let d, let rep else { throw r.error("DataPageHeader lacks a required field") }
                h.dataPageHeader = DataPageHeader(numValues: n, encoding: Encoding(rawValue: e), definitionLevelEncoding: Encoding(rawValue: d),
                                                  repetitionLevelEncoding: Encoding(rawValue: rep), statistics: stats)
            case 7:
                try r.enterStruct(t)
                var n: Int32?, e: Int32?, sorted: Bool?
                try r.readStruct { r, id, t throws(ParquetError) in
                    switch id {
                    case 1: n = try r.readI32(t)
                    case 2: e = try r.readI32(t)
                    case 3: sorted = try r.readBool(t)
                    default: return false
                    }
                    return true
                }
                guard let n, let e else { throw r.error("DictionaryPageHeader lacks a required field") }
                h.dictionaryPageHeader = DictionaryPageHeader(numValues: n, encoding: Encoding(rawValue: e), isSorted: sorted)
            case 8:
                try r.enterStruct(t)
                var n: Int32?, nulls: Int32?, rows: Int32?, e: Int32?, dl: Int32?, rl: Int32?
                var compressedFlag = true, stats: Statistics?
                try r.readStruct { r, id, t throws(ParquetError) in
                    switch id {
                    case 1: n = try r.readI32(t)
                    case 2: nulls = try r.readI32(t)
                    case 3: rows = try r.readI32(t)
                    case 4: e = try r.readI32(t)
                    case 5: dl = try r.readI32(t)
                    case 6: rl = try r.readI32(t)
                    case 7: compressedFlag = try r.readBool(t)
                    case 8: stats = try Statistics.read(&r, t)
                    default: return false
                    }
                    return true
                }
                guard let n, let nulls, let rows, let e, let dl, let rl else { throw r.error("DataPageHeaderV2 lacks a required field") }
                h.dataPageHeaderV2 = DataPageHeaderV2(numValues: n, numNulls: nulls, numRows: rows, encoding: Encoding(rawValue: e),
                                                      definitionLevelsByteLength: dl, repetitionLevelsByteLength: rl,
                                                      isCompressed: compressedFlag, statistics: stats)
            default: return false
            }
            return true
        }
        guard let type, let uncompressed, let compressed else { throw r.error("PageHeader lacks type or sizes") }
        h.type = PageType(rawValue: type)
        h.uncompressedPageSize = uncompressed
        h.compressedPageSize = compressed
        return h
    }

    /// Encodes the header, appending to `out`.
    func write(into out: inout [UInt8]) {
        var w = CompactWriter()
        w.beginStruct()
        w.i32(1, type.rawValue)
        w.i32(2, uncompressedPageSize)
        w.i32(3, compressedPageSize)
        if let crc { w.i32(4, crc) }
        if let d = dataPageHeader {
            w.structure(5) { w in
                w.i32(1, d.numValues)
                w.i32(2, d.encoding.rawValue)
                w.i32(3, d.definitionLevelEncoding.rawValue)
                w.i32(4, d.repetitionLevelEncoding.rawValue)
                d.statistics?.write(&w, 5)
            }
        }
        if let d = dictionaryPageHeader {
            w.structure(7) { w in
                w.i32(1, d.numValues)
                w.i32(2, d.encoding.rawValue)
                if let s = d.isSorted { w.bool(3, s) }
            }
        }
        if let d = dataPageHeaderV2 {
            w.structure(8) { w in
                w.i32(1, d.numValues)
                w.i32(2, d.numNulls)
                w.i32(3, d.numRows)
                w.i32(4, d.encoding.rawValue)
                w.i32(5, d.definitionLevelsByteLength)
                w.i32(6, d.repetitionLevelsByteLength)
                w.bool(7, d.isCompressed)
                d.statistics?.write(&w, 8)
            }
        }
        w.endStruct()
        out.append(contentsOf: w.bytes)
    }
}
