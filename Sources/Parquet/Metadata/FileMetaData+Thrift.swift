extension KeyValue {
    static func read(_ r: inout CompactReader, _ t: CompactType) throws(ParquetError) -> KeyValue {
        try r.enterStruct(t)
        var key: String?, value: String?
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1: key = try r.readString(t)
            case 2: value = try r.readString(t)
            default: return false
            }
            return true
        }
        guard let key else { throw r.error("key/value metadata entry without a key") }
        return KeyValue(key: key, value: value)
    }

    func write(_ w: inout CompactWriter) {
        w.beginStruct()
        w.string(1, key)
        if let value { w.string(2, value) }
        w.endStruct()
    }
}

extension PageEncodingStats {
    static func read(_ r: inout CompactReader, _ t: CompactType) throws(ParquetError) -> PageEncodingStats {
        try r.enterStruct(t)
        var page: Int32?, encoding: Int32?, count: Int32?
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1: page = try r.readI32(t)
            case 2: encoding = try r.readI32(t)
            case 3: count = try r.readI32(t)
            default: return false
            }
            return true
        }
        guard let page, let encoding, let count else { throw r.error("incomplete PageEncodingStats") }
        return PageEncodingStats(pageType: PageType(rawValue: page), encoding: Encoding(rawValue: encoding), count: count)
    }

    func write(_ w: inout CompactWriter) {
        w.beginStruct()
        w.i32(1, pageType.rawValue)
        w.i32(2, encoding.rawValue)
        w.i32(3, count)
        w.endStruct()
    }
}

extension SortingColumn {
    static func read(_ r: inout CompactReader, _ t: CompactType) throws(ParquetError) -> SortingColumn {
        try r.enterStruct(t)
        var index: Int32?, descending: Bool?, nullsFirst: Bool?
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1: index = try r.readI32(t)
            case 2: descending = try r.readBool(t)
            case 3: nullsFirst = try r.readBool(t)
            default: return false
            }
            return true
        }
        guard let index, let descending, let nullsFirst else { throw r.error("incomplete SortingColumn") }
        return SortingColumn(columnIndex: index, descending: descending, nullsFirst: nullsFirst)
    }
}

extension SizeStatistics {
    static func read(_ r: inout CompactReader, _ t: CompactType) throws(ParquetError) -> SizeStatistics {
        try r.enterStruct(t)
        var s = SizeStatistics()
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1: s.unencodedByteArrayDataBytes = try r.readI64(t)
            case 2: s.repetitionLevelHistogram = try r.readList(t) { r, e throws(ParquetError) in try r.readI64(e) }
            case 3: s.definitionLevelHistogram = try r.readList(t) { r, e throws(ParquetError) in try r.readI64(e) }
            default: return false
            }
            return true
        }
        return s
    }
}

extension ColumnMetaData {
    static func read(_ r: inout CompactReader, _ t: CompactType) throws(ParquetError) -> ColumnMetaData {
        try r.enterStruct(t)
        var type: PhysicalType?, encodings: [Encoding]?, path: [String]?, codec: Int32?, numValues: Int64?
        var uncompressed: Int64?, compressed: Int64?, dataPageOffset: Int64?
        var m = ColumnMetaData(type: .boolean, encodings: [], pathInSchema: [], codec: .uncompressed, numValues: 0,
                               totalUncompressedSize: 0, totalCompressedSize: 0, dataPageOffset: 0)
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1:
                let v = try r.readI32(t)
                guard let p = PhysicalType(rawValue: v) else { throw r.error("unknown physical type \(v)") }
                type = p
            case 2: encodings = try r.readList(t) { r, e throws(ParquetError) in Encoding(rawValue: try r.readI32(e)) }
            case 3: path = try r.readList(t) { r, e throws(ParquetError) in try r.readString(e) }
            case 4: codec = try r.readI32(t)
            case 5: numValues = try r.readI64(t)
            case 6: uncompressed = try r.readI64(t)
            case 7: compressed = try r.readI64(t)
            case 8: m.keyValueMetadata = try r.readList(t) { r, e throws(ParquetError) in try KeyValue.read(&r, e) }
            case 9: dataPageOffset = try r.readI64(t)
            case 10: m.indexPageOffset = try r.readI64(t)
            case 11: m.dictionaryPageOffset = try r.readI64(t)
            case 12: m.statistics = try Statistics.read(&r, t)
            case 13: m.encodingStats = try r.readList(t) { r, e throws(ParquetError) in try PageEncodingStats.read(&r, e) }
            case 14: m.bloomFilterOffset = try r.readI64(t)
            case 15: m.bloomFilterLength = try r.readI32(t)
            case 16: m.sizeStatistics = try SizeStatistics.read(&r, t)
            default: return false
            }
            return true
        }
        guard let type, let encodings, let path, let codec, let numValues, let uncompressed, let compressed, let dataPageOffset else {
            throw r.error("ColumnMetaData lacks a required field")
        }
        m.type = type
        m.encodings = encodings
        m.pathInSchema = path
        m.codec = CompressionKind(rawValue: codec)
        m.numValues = numValues
        m.totalUncompressedSize = uncompressed
        m.totalCompressedSize = compressed
        m.dataPageOffset = dataPageOffset
        return m
    }

    func write(_ w: inout CompactWriter, _ id: Int16) {
        w.structure(id) { w in
            w.i32(1, type.rawValue)
            w.listHeader(2, .i32, count: encodings.count)
            for e in encodings { w.writeZigzag(Int64(e.rawValue)) }
            w.listHeader(3, .binary, count: pathInSchema.count)
            for p in pathInSchema {
                let u = Array(p.utf8)
                w.writeVarint(UInt64(u.count))
                w.bytes.append(contentsOf: u)
            }
            w.i32(4, codec.rawValue)
            w.i64(5, numValues)
            w.i64(6, totalUncompressedSize)
            w.i64(7, totalCompressedSize)
            if let keyValueMetadata {
                w.listHeader(8, .structure, count: keyValueMetadata.count)
                for kv in keyValueMetadata { kv.write(&w) }
            }
            w.i64(9, dataPageOffset)
            if let indexPageOffset { w.i64(10, indexPageOffset) }
            if let dictionaryPageOffset { w.i64(11, dictionaryPageOffset) }
            if let statistics { statistics.write(&w, 12) }
            if let encodingStats {
                w.listHeader(13, .structure, count: encodingStats.count)
                for s in encodingStats { s.write(&w) }
            }
        }
    }
}

extension ColumnChunk {
    static func read(_ r: inout CompactReader, _ t: CompactType) throws(ParquetError) -> ColumnChunk {
        try r.enterStruct(t)
        var c = ColumnChunk(fileOffset: 0, metaData: nil)
        var hasOffset = false
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1: c.filePath = try r.readString(t)
            case 2: c.fileOffset = try r.readI64(t); hasOffset = true
            case 3: c.metaData = try ColumnMetaData.read(&r, t)
            case 4: c.offsetIndexOffset = try r.readI64(t)
            case 5: c.offsetIndexLength = try r.readI32(t)
            case 6: c.columnIndexOffset = try r.readI64(t)
            case 7: c.columnIndexLength = try r.readI32(t)
            default: return false
            }
            return true
        }
        guard hasOffset else { throw r.error("ColumnChunk lacks file_offset") }
        return c
    }

    func write(_ w: inout CompactWriter) {
        w.beginStruct()
        if let filePath { w.string(1, filePath) }
        w.i64(2, fileOffset)
        metaData?.write(&w, 3)
        w.endStruct()
    }
}

extension RowGroup {
    static func read(_ r: inout CompactReader, _ t: CompactType) throws(ParquetError) -> RowGroup {
        try r.enterStruct(t)
        var columns: [ColumnChunk]?, total: Int64?, rows: Int64?
        var g = RowGroup(columns: [], totalByteSize: 0, numRows: 0)
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1: columns = try r.readList(t) { r, e throws(ParquetError) in try ColumnChunk.read(&r, e) }
            case 2: total = try r.readI64(t)
            case 3: rows = try r.readI64(t)
            case 4: g.sortingColumns = try r.readList(t) { r, e throws(ParquetError) in try SortingColumn.read(&r, e) }
            case 5: g.fileOffset = try r.readI64(t)
            case 6: g.totalCompressedSize = try r.readI64(t)
            case 7:
                let v = try r.readI32(t)
                g.ordinal = Int16(truncatingIfNeeded: v)
            default: return false
            }
            return true
        }
        guard let columns, let total, let rows else { throw r.error("RowGroup lacks columns, total_byte_size or num_rows") }
        g.columns = columns
        g.totalByteSize = total
        g.numRows = rows
        return g
    }

    func write(_ w: inout CompactWriter) {
        w.beginStruct()
        w.listHeader(1, .structure, count: columns.count)
        for c in columns { c.write(&w) }
        w.i64(2, totalByteSize)
        w.i64(3, numRows)
        if let fileOffset { w.i64(5, fileOffset) }
        if let totalCompressedSize { w.i64(6, totalCompressedSize) }
        if let ordinal { w.i16(7, ordinal) }
        w.endStruct()
    }
}

extension FileMetaData {
    /// Decodes a footer from `bytes` (`base` is the file offset of `bytes[0]`, for errors).
    static func decode(_ bytes: [UInt8], base: Int) throws(ParquetError) -> FileMetaData {
        var r = CompactReader(bytes, base: base)
        var version: Int32?, schema: [SchemaElement]?, rows: Int64?, groups: [RowGroup]?
        var m = FileMetaData(version: 0, schema: [], numRows: 0, rowGroups: [])
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1: version = try r.readI32(t)
            case 2: schema = try r.readList(t) { r, e throws(ParquetError) in try SchemaElement.read(&r, e) }
            case 3: rows = try r.readI64(t)
            case 4: groups = try r.readList(t) { r, e throws(ParquetError) in try RowGroup.read(&r, e) }
            case 5: m.keyValueMetadata = try r.readList(t) { r, e throws(ParquetError) in try KeyValue.read(&r, e) }
            case 6: m.createdBy = try r.readString(t)
            case 7:
                m.columnOrders = try r.readList(t) { r, e throws(ParquetError) in
                    try r.enterStruct(e)
                    var typeOrder = false
                    try r.readStruct { r, id, t throws(ParquetError) in
                        if id == 1 { typeOrder = true }
                        try r.skip(t)
                        return true
                    }
                    return typeOrder
                }
            case 8: throw r.error("the file is encrypted (encryption_algorithm is set)", .unsupported)
            default: return false
            }
            return true
        }
        guard let version, let schema, let rows, let groups else {
            throw r.error("FileMetaData lacks version, schema, num_rows or row_groups")
        }
        m.version = version
        m.schema = schema
        m.numRows = rows
        m.rowGroups = groups
        return m
    }

    /// Encodes the footer with the Thrift compact protocol.
    func encode() -> [UInt8] {
        var w = CompactWriter()
        w.beginStruct()
        w.i32(1, version)
        w.listHeader(2, .structure, count: schema.count)
        for e in schema { e.write(&w) }
        w.i64(3, numRows)
        w.listHeader(4, .structure, count: rowGroups.count)
        for g in rowGroups { g.write(&w) }
        if let keyValueMetadata {
            w.listHeader(5, .structure, count: keyValueMetadata.count)
            for kv in keyValueMetadata { kv.write(&w) }
        }
        if let createdBy { w.string(6, createdBy) }
        if let columnOrders {
            w.listHeader(7, .structure, count: columnOrders.count)
            for _ in columnOrders {
                w.beginStruct()
                w.structure(1) { _ in }
                w.endStruct()
            }
        }
        w.endStruct()
        return w.bytes
    }
}
