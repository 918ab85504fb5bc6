/// A key/value pair of file or column metadata.
public struct KeyValue: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value, if any.
    public var value: String?
    /// Creates a pair.
    public init(key: String, value: String?) { self.key = key; self.value = value }
}

/// How many pages of a column chunk use an encoding.
public struct PageEncodingStats: Sendable, Hashable {
    /// The page kind.
    public var pageType: PageType
    /// The encoding.
    public var encoding: Encoding
    /// The number of pages.
    public var count: Int32
    /// Creates the entry.
    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType; self.encoding = encoding; self.count = count
    }
}

/// A sort key a row group is ordered by.
public struct SortingColumn: Sendable, Hashable {
    /// The leaf column index.
    public var columnIndex: Int32
    /// Descending order.
    public var descending: Bool
    /// Nulls sort first.
    public var nullsFirst: Bool
    /// Creates the sort key.
    public init(columnIndex: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIndex = columnIndex; self.descending = descending; self.nullsFirst = nullsFirst
    }
}

/// Optional size statistics of a column chunk.
public struct SizeStatistics: Sendable, Hashable {
    /// The total bytes of BYTE_ARRAY values before encoding.
    public var unencodedByteArrayDataBytes: Int64?
    /// Counts of each repetition level.
    public var repetitionLevelHistogram: [Int64]?
    /// Counts of each definition level.
    public var definitionLevelHistogram: [Int64]?
    /// Creates size statistics.
    public init(unencodedByteArrayDataBytes: Int64? = nil, repetitionLevelHistogram: [Int64]? = nil, definitionLevelHistogram: [Int64]? = nil) {
        self.unencodedByteArrayDataBytes = unencodedByteArrayDataBytes
        self.repetitionLevelHistogram = repetitionLevelHistogram
        self.definitionLevelHistogram = definitionLevelHistogram
    }
}

/// The metadata of one column chunk (the Thrift `ColumnMetaData` struct).
public struct ColumnMetaData: Sendable, Hashable {
    /// The physical type.
    public var type: PhysicalType
    /// Every encoding used in the chunk.
    public var encodings: [Encoding]
    /// The path of the leaf in the schema tree.
    public var pathInSchema: [String]
    /// The compression codec.
    public var codec: CompressionKind
    /// The number of values including nulls (number of level entries).
    public var numValues: Int64
    /// The total size of all pages uncompressed, headers included.
    public var totalUncompressedSize: Int64
    /// The total size of all pages as stored, headers included.
    public var totalCompressedSize: Int64
    /// Per-chunk key/value metadata.
    public var keyValueMetadata: [KeyValue]?
    /// The offset of the first data page.
    public var dataPageOffset: Int64
    /// The offset of the index page, if any.
    public var indexPageOffset: Int64?
    /// The offset of the dictionary page, if any.
    public var dictionaryPageOffset: Int64?
    /// Chunk statistics.
    public var statistics: Statistics?
    /// Page counts per (page type, encoding).
    public var encodingStats: [PageEncodingStats]?
    /// Bloom filter location.
    public var bloomFilterOffset: Int64?
    /// Bloom filter size.
    public var bloomFilterLength: Int32?
    /// Size statistics.
    public var sizeStatistics: SizeStatistics?

    /// Creates column metadata.
    public init(type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionKind, numValues: Int64,
                totalUncompressedSize: Int64, totalCompressedSize: Int64, dataPageOffset: Int64,
                dictionaryPageOffset: Int64? = nil, statistics: Statistics? = nil, encodingStats: [PageEncodingStats]? = nil) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
    }

    /// The file offset where the chunk's first page starts.
    public var startOffset: Int64 {
        if let d = dictionaryPageOffset, d > 0, d < dataPageOffset { return d }
        return dataPageOffset
    }
}

/// One column of one row group (the Thrift `ColumnChunk` struct).
public struct ColumnChunk: Sendable, Hashable {
    /// A file holding the chunk, when not this file (unsupported for reading).
    public var filePath: String?
    /// Deprecated offset of the chunk's metadata.
    public var fileOffset: Int64
    /// The chunk metadata.
    public var metaData: ColumnMetaData?
    /// Offset index location.
    public var offsetIndexOffset: Int64?
    /// Offset index size.
    public var offsetIndexLength: Int32?
    /// Column index location.
    public var columnIndexOffset: Int64?
    /// Column index size.
    public var columnIndexLength: Int32?

    /// Creates a column chunk.
    public init(fileOffset: Int64, metaData: ColumnMetaData?) {
        self.fileOffset = fileOffset
        self.metaData = metaData
    }
}

/// A horizontal slice of the table (the Thrift `RowGroup` struct).
public struct RowGroup: Sendable, Hashable {
    /// One chunk per leaf column, in schema order.
    public var columns: [ColumnChunk]
    /// The total uncompressed size of the row group's data.
    public var totalByteSize: Int64
    /// The number of rows.
    public var numRows: Int64
    /// The sort order of the rows, if declared.
    public var sortingColumns: [SortingColumn]?
    /// The offset of the first page.
    public var fileOffset: Int64?
    /// The total stored size.
    public var totalCompressedSize: Int64?
    /// The position of this row group in the file.
    public var ordinal: Int16?

    /// Creates a row group.
    public init(columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, fileOffset: Int64? = nil,
                totalCompressedSize: Int64? = nil, ordinal: Int16? = nil) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }
}

/// The file footer (the Thrift `FileMetaData` struct).
public struct FileMetaData: Sendable, Hashable {
    /// The format version (1 or 2).
    public var version: Int32
    /// The flattened schema tree, root first.
    public var schema: [SchemaElement]
    /// The total number of rows.
    public var numRows: Int64
    /// The row groups.
    public var rowGroups: [RowGroup]
    /// File key/value metadata.
    public var keyValueMetadata: [KeyValue]?
    /// The writing application, e.g. `meshwork version 0.1.0`.
    public var createdBy: String?
    /// Per-leaf sort orders (`TYPE_ORDER` for all columns when present).
    public var columnOrders: [Bool]?

    /// Creates file metadata.
    public init(version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
                keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil, columnOrders: [Bool]? = nil) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
    }
}
