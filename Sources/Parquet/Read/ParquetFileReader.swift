import Columnar

/// Reads a Parquet file from a ``RandomAccessSource``.
///
/// Opening reads and validates only the footer. Reads fetch just the byte ranges of the
/// requested column chunks, so projecting 2 of 20 columns reads about a tenth of the data.
/// Row groups can be skipped with a ``FilterPredicate`` evaluated on their statistics, and
/// ``batches(columns:where:)`` streams one row group at a time.
public final class ParquetFileReader: Sendable {
    /// The source being read.
    public let source: any RandomAccessSource
    /// The decoded footer.
    public let metadata: FileMetaData
    /// The Columnar schema of the mapped columns (field ids and key/value metadata included).
    public let schema: Schema
    /// Every leaf column of the file, in chunk order.
    public let leaves: [LeafColumn]
    /// Top-level columns whose shape is not mapped (structs, maps, nested lists); they are not readable.
    public let unsupportedColumns: [String]
    /// The byte offset where the footer starts (the end of the data region).
    public let footerOffset: Int

    /// The largest footer accepted.
    public static let maxFooterSize = 256 << 20

    /// Opens a file: validates both magic numbers, the footer length and the schema.
    public init(source: any RandomAccessSource) throws(ParquetError) {
        self.source = source
        let size = source.size
        guard size >= 12 else { throw ParquetError(.notParquet, "a Parquet file has at least 12 bytes, this one \(size)") }
        let head = try source.read(offset: 0, count: 4)
        guard head == Array("PAR1".utf8) else { throw ParquetError(.notParquet, "bad magic at the start (not a Parquet file)", offset: 0) }
        let tail = try source.read(offset: size - 8, count: 8)
        guard Array(tail[4..<8]) == Array("PAR1".utf8) else {
            if Array(tail[4..<8]) == Array("PARE".utf8) {
                throw ParquetError(.unsupported, "the file uses encrypted footers", offset: size - 4)
            }
            throw ParquetError(.notParquet, "bad magic at the end (truncated or not a Parquet file)", offset: size - 4)
        }
        let length = Int(tail[0]) | Int(tail[1]) << 8 | Int(tail[2]) << 16 | Int(tail[3]) << 24
        guard length > 0, length <= size - 12, length <= Self.maxFooterSize else {
            throw ParquetError(.corruptMetadata, "footer length \(length) does not fit in the \(size)-byte file", offset: size - 8)
        }
        footerOffset = size - 8 - length
        let footer = try source.read(offset: footerOffset, count: length)
        metadata = try FileMetaData.decode(footer, base: footerOffset)
        var kv: [String: String] = [:]
        // `ARROW:schema` describes the writer's Arrow types; it stays in `metadata` but is not carried
        // into the Columnar schema, so a file rewritten from this schema never claims stale Arrow types.
        for pair in metadata.keyValueMetadata ?? [] where pair.key != ParquetWriter.arrowSchemaKey { kv[pair.key] = pair.value ?? "" }
        let mapped = try SchemaMapping.read(metadata.schema, metadata: kv)
        schema = mapped.schema
        leaves = mapped.leaves
        unsupportedColumns = mapped.unsupported
        guard metadata.numRows >= 0 else { throw ParquetError(.corruptMetadata, "negative row count \(metadata.numRows)") }
        var total: Int64 = 0
        for (i, group) in metadata.rowGroups.enumerated() {
            guard group.columns.count == leaves.count else {
                throw ParquetError(.corruptMetadata, "row group has \(group.columns.count) column chunks, the schema \(leaves.count) leaves", rowGroup: i)
            }
            guard group.numRows >= 0 else { throw ParquetError(.corruptMetadata, "negative row count \(group.numRows)", rowGroup: i) }
            let (sum, overflow) = total.addingReportingOverflow(group.numRows)
            guard !overflow else { throw ParquetError(.corruptMetadata, "row counts overflow", rowGroup: i) }
            total = sum
        }
        guard total == metadata.numRows else {
            throw ParquetError(.corruptMetadata, "row groups hold \(total) rows but the footer says \(metadata.numRows)")
        }
    }

    /// Opens the file at `path`.
    public convenience init(path: String) throws(ParquetError) {
        try self.init(source: try FileSource(path: path))
    }

    /// The number of row groups.
    public var rowGroupCount: Int { metadata.rowGroups.count }
    /// The number of rows.
    public var rowCount: Int64 { metadata.numRows }

    /// The metadata of the chunk of leaf `leaf` in row group `rowGroup`.
    public func chunkMetadata(rowGroup: Int, leaf: Int) throws(ParquetError) -> ColumnMetaData {
        guard metadata.rowGroups.indices.contains(rowGroup) else {
            throw ParquetError(.invalidUse, "row group \(rowGroup) does not exist (the file has \(rowGroupCount))")
        }
        guard leaves.indices.contains(leaf) else { throw ParquetError(.invalidUse, "leaf column \(leaf) does not exist") }
        let chunk = metadata.rowGroups[rowGroup].columns[leaf]
        guard chunk.filePath == nil else {
            throw ParquetError(.unsupported, "column chunk stored in another file '\(chunk.filePath!)'", column: leaves[leaf].dottedPath, rowGroup: rowGroup)
        }
        guard let meta = chunk.metaData else {
            throw ParquetError(.corruptMetadata, "column chunk without metadata", column: leaves[leaf].dottedPath, rowGroup: rowGroup)
        }
        guard meta.type == leaves[leaf].physicalType else {
            throw ParquetError(.corruptMetadata, "chunk type \(meta.type) differs from the schema's \(leaves[leaf].physicalType)",
                               column: leaves[leaf].dottedPath, rowGroup: rowGroup)
        }
        return meta
    }

    /// Decoded statistics of leaf `leaf` in row group `rowGroup`.
    public func columnStatistics(rowGroup: Int, leaf: Int) throws(ParquetError) -> ColumnStatistics {
        StatisticsValues.decode(try chunkMetadata(rowGroup: rowGroup, leaf: leaf), leaf: leaves[leaf])
    }

    /// Decoded statistics of every mapped top-level column of row group `rowGroup`, by column name
    /// (list columns report their element leaf).
    public func rowGroupStatistics(_ rowGroup: Int) throws(ParquetError) -> [String: ColumnStatistics] {
        var out: [String: ColumnStatistics] = [:]
        for leaf in leaves {
            guard let f = leaf.fieldIndex else { continue }
            out[schema.fields[f].name] = try columnStatistics(rowGroup: rowGroup, leaf: leaf.leafIndex)
        }
        return out
    }

    /// The row groups that may hold rows matching `predicate` (all others are proven empty of matches).
    public func prunedRowGroups(_ predicate: FilterPredicate) -> [Int] {
        metadata.rowGroups.indices.filter { g in
            let rows = metadata.rowGroups[g].numRows
            let truth = predicate.evaluate(rows: rows) { name in
                guard let f = schema.index(of: name),
                      let leaf = leaves.first(where: { $0.fieldIndex == f }), !leaf.isList else { return nil }
                return try? columnStatistics(rowGroup: g, leaf: leaf.leafIndex)
            }
            return truth != .never
        }
    }

    /// Reads `columns` (all when nil) of `rowGroups` (all when nil) into one batch.
    public func read(columns: [String]? = nil, rowGroups: [Int]? = nil) throws(ParquetError) -> RecordBatch {
        let groups = rowGroups ?? Array(metadata.rowGroups.indices)
        return try readBatch(fieldIndices: try resolve(columns), rowGroups: groups)
    }

    /// Streams batches of `columns` (all when nil), one row group at a time, skipping row groups
    /// whose statistics rule out `predicate`. Rows of the returned batches are not filtered.
    public func batches(columns: [String]? = nil, where predicate: FilterPredicate? = nil) throws(ParquetError) -> ParquetBatchIterator {
        let fields = try resolve(columns)
        let groups = predicate.map { prunedRowGroups($0) } ?? Array(metadata.rowGroups.indices)
        return ParquetBatchIterator(reader: self, fieldIndices: fields, rowGroups: groups)
    }

    func resolve(_ columns: [String]?) throws(ParquetError) -> [Int] {
        guard let columns else { return Array(schema.fields.indices) }
        var out: [Int] = []
        for name in columns {
            guard let i = schema.index(of: name) else {
                if unsupportedColumns.contains(name) {
                    throw ParquetError(.unsupported, "column '\(name)' has a nested shape Meshwork does not read", column: name)
                }
                throw ParquetError(.unknownColumn, "unknown column '\(name)' (have: \(schema.names.joined(separator: ", ")))", column: name)
            }
            out.append(i)
        }
        return out
    }

    /// Reads the given top-level fields of the given row groups into one batch.
    func readBatch(fieldIndices: [Int], rowGroups: [Int]) throws(ParquetError) -> RecordBatch {
        var rows = 0
        for g in rowGroups {
            guard metadata.rowGroups.indices.contains(g) else {
                throw ParquetError(.invalidUse, "row group \(g) does not exist (the file has \(rowGroupCount))")
            }
            let (sum, overflow) = rows.addingReportingOverflow(Int(clamping: metadata.rowGroups[g].numRows))
            guard !overflow else { throw ParquetError(.limitExceeded, "too many rows") }
            rows = sum
        }
        var fieldLeaves: [(Field, LeafColumn)] = []
        for f in fieldIndices {
            let field = schema.fields[f]
            guard let leaf = leaves.first(where: { $0.fieldIndex == f }) else {
                throw ParquetError(.corruptMetadata, "no leaf column for field '\(field.name)'")
            }
            fieldLeaves.append((field, leaf))
        }
        // Column chunks are independent: decode them concurrently, gathered in projection order.
        // With fewer columns than cores, each chunk's pages are also decompressed concurrently.
        let concurrentPages = fieldLeaves.count < ConcurrentLoop.processorCount
        let columns = try ParallelMap.map(fieldLeaves.count) { (i) throws(ParquetError) -> Column in
            let (field, leaf) = fieldLeaves[i]
            var data = LeafData(values: DecodedValues(physical: leaf.physicalType, width: Int(leaf.element.typeLength ?? 0)))
            data.reserve(reservation(leaf: leaf, rowGroups: rowGroups), leaf: leaf)
            for g in rowGroups {
                try readChunk(rowGroup: g, leaf: leaf, into: &data, concurrentPages: concurrentPages)
            }
            return try ColumnAssembler.column(data, leaf: leaf, field: field, rows: rows)
        }
        let fields = fieldLeaves.map(\.0)
        return RecordBatch(unchecked: Schema(fields, metadata: schema.metadata), columns: columns, count: rows)
    }

    /// The level entries worth reserving for `leaf` over `rowGroups`: the chunks' value counts,
    /// each capped by its stored size so a hostile footer cannot make the reader reserve much.
    func reservation(leaf: LeafColumn, rowGroups: [Int]) -> Int {
        var total = 0
        for g in rowGroups {
            guard let meta = try? chunkMetadata(rowGroup: g, leaf: leaf.leafIndex), meta.numValues > 0, meta.totalCompressedSize > 0 else { continue }
            let cap = Int(clamping: meta.totalCompressedSize) &* 8 &+ 4096
            total &+= min(Int(clamping: meta.numValues), cap)
        }
        return max(0, total)
    }

    /// Reads and decodes one column chunk, appending to `data`.
    func readChunk(rowGroup g: Int, leaf: LeafColumn, into data: inout LeafData, concurrentPages: Bool = false) throws(ParquetError) {
        do throws(ParquetError) {
            let meta = try chunkMetadata(rowGroup: g, leaf: leaf.leafIndex)
            let rows = metadata.rowGroups[g].numRows
            if leaf.maxRepetitionLevel == 0 && meta.numValues != rows {
                throw ParquetError(.corruptMetadata, "chunk has \(meta.numValues) values but the row group \(rows) rows")
            }
            let start = meta.startOffset
            let length = meta.totalCompressedSize
            guard start >= 4, length >= 0, start <= Int64(footerOffset), length <= Int64(footerOffset) - start else {
                throw ParquetError(.corruptMetadata, "chunk range \(start) + \(length) lies outside the data region 4..<\(footerOffset)")
            }
            let bytes = try source.read(offset: Int(start), count: Int(length))
            let before = data.levelCount
            try ColumnChunkDecoder(leaf: leaf, meta: meta, base: Int(start)).decode(bytes, into: &data, concurrentPages: concurrentPages)
            if leaf.maxRepetitionLevel > 0 {
                var starts: Int64 = 0
                for i in before..<data.repetitionLevels.count where data.repetitionLevels[i] == 0 { starts += 1 }
                guard starts == rows else { throw ParquetError(.corruptData, "list chunk holds \(starts) rows, the row group \(rows)") }
            }
        } catch {
            throw error.with(column: leaf.dottedPath, rowGroup: g)
        }
    }
}

/// Streams the batches of a ``ParquetFileReader``, one row group per batch; memory is bounded
/// by the largest row group read.
public struct ParquetBatchIterator {
    let reader: ParquetFileReader
    let fieldIndices: [Int]
    /// The row groups still to read, in order.
    public private(set) var rowGroups: [Int]
    private var position = 0

    init(reader: ParquetFileReader, fieldIndices: [Int], rowGroups: [Int]) {
        self.reader = reader
        self.fieldIndices = fieldIndices
        self.rowGroups = rowGroups
    }

    /// The next row group's batch, or nil at the end.
    public mutating func next() throws(ParquetError) -> RecordBatch? {
        guard position < rowGroups.count else { return nil }
        let g = rowGroups[position]
        position += 1
        return try reader.readBatch(fieldIndices: fieldIndices, rowGroups: [g])
    }
}
