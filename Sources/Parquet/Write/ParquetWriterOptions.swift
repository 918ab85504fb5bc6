import Codecs

/// The data page format a ``ParquetWriter`` writes.
public enum DataPageVersion: Sendable, Hashable {
    /// Data page v1 (the default, read by every tool).
    case v1
    /// Data page v2: levels stored uncompressed before the compressed values, row-aligned pages.
    case v2
}

/// Settings of a ``ParquetWriter``.
public struct ParquetWriterOptions: Sendable {
    /// The compression codec of every column chunk.
    public var codec: CompressionCodec = .snappy
    /// The target size in bytes of a row group's encoded data (the writer buffers one row group).
    public var rowGroupSize: Int = 128 << 20
    /// The target size in bytes of a data page before compression.
    public var pageSize: Int = 1 << 20
    /// The largest PLAIN size of a column chunk's dictionary before the writer falls back to PLAIN pages.
    public var dictionaryPageSizeLimit: Int = 1 << 20
    /// Whether to try dictionary encoding (never for booleans).
    public var dictionaryEnabled: Bool = true
    /// Whether to write chunk and page min/max/null statistics.
    public var statisticsEnabled: Bool = true
    /// The `created_by` string of the footer.
    public var createdBy: String = "meshwork version 0.1.0"
    /// Key/value metadata of the footer (merged over the schema's metadata; these win).
    public var keyValueMetadata: [String: String] = [:]
    /// The data page format.
    public var dataPageVersion: DataPageVersion = .v1
    /// Value encodings by top-level column name, instead of dictionary/PLAIN (like pyarrow's
    /// `column_encoding`): DELTA_BINARY_PACKED (INT32/INT64), DELTA_LENGTH_BYTE_ARRAY (BYTE_ARRAY),
    /// DELTA_BYTE_ARRAY (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY), BYTE_STREAM_SPLIT (INT32/INT64/FLOAT/DOUBLE/FIXED), PLAIN.
    /// Such columns are never dictionary-encoded.
    public var columnEncodings: [String: Encoding] = [:]

    /// Creates options; every argument has the default shown on its property.
    public init(codec: CompressionCodec = .snappy, rowGroupSize: Int = 128 << 20, pageSize: Int = 1 << 20,
                dictionaryPageSizeLimit: Int = 1 << 20, dictionaryEnabled: Bool = true, statisticsEnabled: Bool = true,
                createdBy: String = "meshwork version 0.1.0", keyValueMetadata: [String: String] = [:],
                dataPageVersion: DataPageVersion = .v1, columnEncodings: [String: Encoding] = [:]) {
        self.codec = codec
        self.rowGroupSize = rowGroupSize
        self.pageSize = pageSize
        self.dictionaryPageSizeLimit = dictionaryPageSizeLimit
        self.dictionaryEnabled = dictionaryEnabled
        self.statisticsEnabled = statisticsEnabled
        self.createdBy = createdBy
        self.keyValueMetadata = keyValueMetadata
        self.dataPageVersion = dataPageVersion
        self.columnEncodings = columnEncodings
    }
}
