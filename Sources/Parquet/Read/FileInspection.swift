import Columnar

/// Everything `mesh parquet inspect` shows about a file: schema, row groups, and per column
/// chunk its codec, encodings, sizes and statistics. Built from the footer only.
public struct FileInspection: Sendable {
    /// One leaf column of the Parquet schema.
    public struct SchemaColumn: Sendable {
        /// Dotted path, e.g. `tags.list.element`.
        public var path: String
        /// The Parquet physical type.
        public var physicalType: PhysicalType
        /// `REQUIRED`, `OPTIONAL` or `REPEATED`.
        public var repetition: Repetition?
        /// The logical type annotation, if any.
        public var logicalType: LogicalType?
        /// The legacy converted type, if any.
        public var convertedType: ConvertedType?
        /// The `field_id`, if any.
        public var fieldId: Int32?
        /// The Meshwork type the leaf maps to (the element type for lists), if supported.
        public var mappedType: DataType?
    }

    /// One column chunk of a row group.
    public struct Chunk: Sendable {
        /// Dotted path of the leaf column.
        public var path: String
        /// The compression codec.
        public var codec: CompressionKind
        /// The encodings used by its pages.
        public var encodings: [Encoding]
        /// Bytes on disk.
        public var compressedSize: Int64
        /// Bytes after decompression.
        public var uncompressedSize: Int64
        /// Values (including nulls) in the chunk.
        public var valueCount: Int64
        /// Decoded statistics, when the writer stored them.
        public var statistics: ColumnStatistics?
        /// The type of the statistics values.
        public var valueType: DataType?
    }

    /// One row group.
    public struct RowGroupInfo: Sendable {
        /// Its index in the file.
        public var index: Int
        /// Rows in it.
        public var rows: Int64
        /// Uncompressed bytes of all its column chunks.
        public var totalByteSize: Int64
        /// Compressed bytes of all its column chunks.
        public var compressedSize: Int64
        /// Its column chunks, in leaf order.
        public var chunks: [Chunk]
    }

    /// The file's size in bytes.
    public var fileSize: Int
    /// The `created_by` string of the writer.
    public var createdBy: String?
    /// The format version in the footer.
    public var version: Int32
    /// Total rows.
    public var rows: Int64
    /// The mapped Meshwork schema (top-level fields).
    public var schema: Schema
    /// Every leaf column of the Parquet schema.
    public var columns: [SchemaColumn]
    /// Key-value metadata from the footer.
    public var keyValueMetadata: [(key: String, value: String?)]
    /// The row groups.
    public var rowGroups: [RowGroupInfo]
    /// Columns whose shape Meshwork does not map (left out of ``schema``).
    public var unsupportedColumns: [String]
}

extension ParquetFileReader {
    /// Summarises the file's footer: schema, row groups, codecs, encodings, sizes, statistics.
    public func inspect() throws(ParquetError) -> FileInspection {
        let columns = leaves.map { leaf in
            FileInspection.SchemaColumn(
                path: leaf.dottedPath, physicalType: leaf.physicalType, repetition: leaf.element.repetition,
                logicalType: leaf.element.logicalType, convertedType: leaf.element.convertedType,
                fieldId: leaf.element.fieldId, mappedType: leaf.fieldIndex == nil ? nil : leaf.valueType)
        }
        var groups: [FileInspection.RowGroupInfo] = []
        for (g, group) in metadata.rowGroups.enumerated() {
            var chunks: [FileInspection.Chunk] = []
            var compressed: Int64 = 0
            for leaf in leaves {
                let meta = try chunkMetadata(rowGroup: g, leaf: leaf.leafIndex)
                compressed += meta.totalCompressedSize
                let stats: ColumnStatistics? = meta.statistics == nil ? nil : try columnStatistics(rowGroup: g, leaf: leaf.leafIndex)
                chunks.append(FileInspection.Chunk(
                    path: leaf.dottedPath, codec: meta.codec, encodings: meta.encodings,
                    compressedSize: meta.totalCompressedSize, uncompressedSize: meta.totalUncompressedSize,
                    valueCount: meta.numValues, statistics: stats,
                    valueType: leaf.fieldIndex == nil ? nil : leaf.valueType))
            }
            groups.append(FileInspection.RowGroupInfo(
                index: g, rows: group.numRows, totalByteSize: group.totalByteSize,
                compressedSize: group.totalCompressedSize ?? compressed, chunks: chunks))
        }
        return FileInspection(
            fileSize: source.size, createdBy: metadata.createdBy, version: metadata.version, rows: metadata.numRows,
            schema: schema, columns: columns,
            keyValueMetadata: (metadata.keyValueMetadata ?? []).map { ($0.key, $0.value) },
            rowGroups: groups, unsupportedColumns: unsupportedColumns)
    }
}
