import Codecs
import Columnar

/// Streams ``Columnar/RecordBatch``es into a Parquet file.
///
/// Rows are encoded as they arrive: the writer buffers the encoded (compressed) pages of the
/// current row group, never the rows, and writes a row group once its encoded size reaches
/// ``ParquetWriterOptions/rowGroupSize``. ``close()`` writes the footer and returns per-column
/// statistics of the whole file.
///
/// ```swift
/// let writer = try ParquetWriter(schema: schema, options: .init(codec: .zstd), sink: FileSink(path: "out.parquet"))
/// try writer.write(batch)
/// let summary = try writer.close()
/// ```
public final class ParquetWriter {
    /// The schema being written, with field ids assigned to every field.
    public let schema: Schema
    /// The options in effect.
    public let options: ParquetWriterOptions
    private let sink: any ParquetSink
    private let elements: [SchemaElement]
    private let leaves: [LeafColumn]
    private let columns: [ColumnChunkWriter]
    private var rowGroups: [RowGroup] = []
    private var rowGroupRows: Int64 = 0
    private var totalRows: Int64 = 0
    private var offset: Int64 = 0
    private var closed = false
    private var fileStats: [StatisticsAccumulator]
    private var fileValueCounts: [Int64]
    private var fileCompressed: [Int64]
    private var fileUncompressed: [Int64]

    /// Whether columns are encoded concurrently (the output is identical either way; tests compare).
    var encodesConcurrently = true

    /// The number of rows encoded per step; row-group boundaries fall on multiples of it.
    private let stepRows: Int

    /// The key under which Arrow writers store their serialized schema; never copied into files we write.
    public static let arrowSchemaKey = "ARROW:schema"

    /// Starts a file: maps the schema (assigning sequential field ids where missing) and writes the magic.
    public init(schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions(), sink: any ParquetSink) throws(ParquetError) {
        guard options.rowGroupSize > 0, options.pageSize > 0, options.dictionaryPageSizeLimit >= 0 else {
            throw ParquetError(.invalidUse, "row group size, page size and dictionary limit must be positive")
        }
        guard !schema.fields.isEmpty else { throw ParquetError(.invalidUse, "cannot write a Parquet file without columns") }
        let withIds = SchemaMapping.assigningFieldIds(schema)
        self.schema = withIds
        self.options = options
        self.sink = sink
        (elements, leaves) = try SchemaMapping.write(withIds)
        for (name, encoding) in options.columnEncodings {
            guard let leaf = leaves.first(where: { $0.path[0] == name }) else {
                throw ParquetError(.invalidUse, "column encoding given for unknown column '\(name)'", column: name)
            }
            guard PageValueEncoder.supports(encoding, leaf.physicalType) else {
                throw ParquetError(.invalidUse, "\(encoding) cannot encode \(leaf.physicalType) column '\(name)'", column: name)
            }
        }
        columns = leaves.map { ColumnChunkWriter(leaf: $0, options: options) }
        stepRows = max(64, min(8192, options.rowGroupSize / 512))
        fileStats = leaves.map { StatisticsAccumulator(order: StatisticsOrder($0)) }
        fileValueCounts = Array(repeating: 0, count: leaves.count)
        fileCompressed = Array(repeating: 0, count: leaves.count)
        fileUncompressed = Array(repeating: 0, count: leaves.count)
        try write(Array("PAR1".utf8))
    }

    /// Encodes the rows of `batch` (its column types and nullability must match the schema).
    public func write(_ batch: RecordBatch) throws(ParquetError) {
        guard !closed else { throw ParquetError(.invalidUse, "the writer is closed") }
        guard batch.columns.count == schema.fields.count else {
            throw ParquetError(.schemaMismatch, "the batch has \(batch.columns.count) columns, the file \(schema.fields.count)")
        }
        for (field, column) in zip(schema.fields, batch.columns) {
            guard Self.sameShape(field.type, column.type) else {
                throw ParquetError(.schemaMismatch, "column '\(field.name)' is \(column.type) in the batch but \(field.type) in the file", column: field.name)
            }
            if !field.nullable && column.nullCount > 0 {
                throw ParquetError(.schemaMismatch, "column '\(field.name)' is required but the batch has \(column.nullCount) null(s)", column: field.name)
            }
            if case .list(let el) = field.type, !el.nullable, case .list(_, let child) = column.values, child.nullCount > 0 {
                throw ParquetError(.schemaMismatch, "list column '\(field.name)' has required elements but the batch has null elements", column: field.name)
            }
        }
        guard batch.count > 0 else { return }
        // Physical views of every leaf, computed once per batch.
        var leafViews: [(LeafValues, Buffer<Bool>?)] = []
        for leaf in leaves {
            let column = batch.columns[leaf.fieldIndex!]
            if case .list(_, let child) = column.values {
                leafViews.append((try LeafValues(child, leaf: leaf), child.validity))
            } else {
                leafViews.append((try LeafValues(column, leaf: leaf), column.validity))
            }
        }
        let views = leafViews
        var start = 0
        while start < batch.count {
            let end = min(batch.count, start + stepRows)
            let rows = start..<end, groupIndex = rowGroups.count
            // Each leaf has its own ColumnChunkWriter: encode and compress them concurrently.
            try ParallelMap.forEach(leaves.count, concurrently: encodesConcurrently) { (i) throws(ParquetError) in
                let leaf = leaves[i]
                let column = batch.columns[leaf.fieldIndex!]
                do throws(ParquetError) {
                    if case .list(let offsets, _) = column.values {
                        try columns[i].appendList(offsets: offsets, listValidity: column.validity, values: views[i].0,
                                                  elementValidity: views[i].1, rows: rows)
                    } else {
                        try columns[i].appendFlat(views[i].0, validity: views[i].1, range: rows)
                    }
                } catch {
                    throw error.with(column: leaf.dottedPath, rowGroup: groupIndex)
                }
            }
            rowGroupRows += Int64(end - start)
            totalRows += Int64(end - start)
            start = end
            if bufferedSize >= options.rowGroupSize { try flushRowGroup() }
        }
    }

    /// The encoded bytes buffered for the current row group.
    public var bufferedSize: Int { columns.reduce(0) { $0 + $1.bufferedSize } }

    /// Writes the buffered row group (no-op when it has no rows).
    public func flushRowGroup() throws(ParquetError) {
        guard rowGroupRows > 0 else { return }
        let groupStart = offset
        var chunks: [ColumnChunk] = []
        var totalUncompressed: Int64 = 0
        // Closing the last page of each chunk (encoding, compression) is independent per column.
        var finishedChunks = try ParallelMap.map(columns.count, concurrently: encodesConcurrently) { (i) throws(ParquetError) in try columns[i].finishChunk() }
        for i in finishedChunks.indices {
            let finished = finishedChunks[i]
            finishedChunks[i].dictionaryPage = [] // written below: release each chunk's pages as soon as they are out
            finishedChunks[i].dataPages = []
            let start = offset
            var dictionaryOffset: Int64?
            if !finished.dictionaryPage.isEmpty {
                dictionaryOffset = offset
                for piece in finished.dictionaryPage { try write(piece) }
            }
            let dataOffset = offset
            for piece in finished.dataPages { try write(piece) }
            let compressed = offset - start
            let stats = options.statisticsEnabled ? finished.statistics.statistics() : nil
            let meta = ColumnMetaData(type: leaves[i].physicalType, encodings: finished.encodings, pathInSchema: leaves[i].path,
                                      codec: CompressionKind(options.codec), numValues: finished.levelCount,
                                      totalUncompressedSize: finished.uncompressedSize, totalCompressedSize: compressed,
                                      dataPageOffset: dataOffset, dictionaryPageOffset: dictionaryOffset, statistics: stats,
                                      encodingStats: finished.encodingStats)
            chunks.append(ColumnChunk(fileOffset: start, metaData: meta))
            totalUncompressed += finished.uncompressedSize
            fileStats[i].merge(finished.statistics)
            fileValueCounts[i] += finished.levelCount
            fileCompressed[i] += compressed
            fileUncompressed[i] += finished.uncompressedSize
        }
        rowGroups.append(RowGroup(columns: chunks, totalByteSize: totalUncompressed, numRows: rowGroupRows, fileOffset: groupStart,
                                  totalCompressedSize: offset - groupStart, ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
        rowGroupRows = 0
    }

    /// Writes the last row group and the footer, finishes the sink and returns the file's statistics.
    public func close() throws(ParquetError) -> ParquetFileSummary {
        guard !closed else { throw ParquetError(.invalidUse, "the writer is already closed") }
        try flushRowGroup()
        closed = true
        var kv = schema.metadata
        for (k, v) in options.keyValueMetadata { kv[k] = v }
        kv[Self.arrowSchemaKey] = nil // another writer's Arrow schema would not describe this file
        let metadata = FileMetaData(version: 2, schema: elements, numRows: totalRows, rowGroups: rowGroups,
                                    keyValueMetadata: kv.isEmpty ? nil : kv.keys.sorted().map { KeyValue(key: $0, value: kv[$0]) },
                                    createdBy: options.createdBy, columnOrders: Array(repeating: true, count: leaves.count))
        let footer = metadata.encode()
        try write(footer)
        let length = UInt32(footer.count)
        try write([UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8),
                   UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 24)] + Array("PAR1".utf8))
        try sink.finish()
        var summaries: [ColumnSummary] = []
        for (i, leaf) in leaves.enumerated() {
            let s = fileStats[i]
            let encoded = s.statistics()
            let lo = options.statisticsEnabled ? encoded.minValue.flatMap { StatisticsValues.value($0, leaf: leaf) } : nil
            let hi = options.statisticsEnabled ? encoded.maxValue.flatMap { StatisticsValues.value($0, leaf: leaf) } : nil
            summaries.append(ColumnSummary(path: leaf.dottedPath, fieldId: leaf.element.fieldId, valueCount: fileValueCounts[i],
                                           nullCount: s.nullCount, min: lo, max: hi,
                                           compressedSize: fileCompressed[i], uncompressedSize: fileUncompressed[i]))
        }
        return ParquetFileSummary(rowCount: totalRows, fileSize: offset, rowGroupCount: rowGroups.count, schema: schema, columns: summaries)
    }

    private func write(_ bytes: [UInt8]) throws(ParquetError) {
        var failure: ParquetError?
        bytes.withUnsafeBytes { b in
            do throws(ParquetError) { try sink.write(b) } catch { failure = error }
        }
        if let failure { throw failure }
        offset += Int64(bytes.count)
    }

    /// Types match ignoring field ids and names of list elements.
    static func sameShape(_ a: DataType, _ b: DataType) -> Bool {
        if case .list(let x) = a, case .list(let y) = b { return x.type == y.type }
        return a == b
    }
}

extension ParquetWriter {
    /// Writes `batches` into an in-memory Parquet file and returns its bytes.
    public static func write(_ batches: [RecordBatch], schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) -> [UInt8] {
        let sink = MemorySink()
        let writer = try ParquetWriter(schema: schema, options: options, sink: sink)
        for b in batches { try writer.write(b) }
        _ = try writer.close()
        return sink.bytes
    }
}
