import Columnar

/// Statistics of one leaf column over a whole written file (what an Iceberg manifest needs).
public struct ColumnSummary: Sendable, Hashable {
    /// The dotted path of the leaf, e.g. `tags.list.element`.
    public var path: String
    /// The field id of the leaf (the list element's id for list columns).
    public var fieldId: Int32?
    /// The number of values including nulls (level entries: empty and null lists count one each).
    public var valueCount: Int64
    /// The number of nulls (entries below the maximum definition level).
    public var nullCount: Int64
    /// The smallest non-null, non-NaN value, if statistics were enabled and any exists.
    public var min: Value?
    /// The largest non-null, non-NaN value, if statistics were enabled and any exists.
    public var max: Value?
    /// The stored bytes of all the column's chunks (headers included).
    public var compressedSize: Int64
    /// The uncompressed bytes of all the column's chunks (headers included).
    public var uncompressedSize: Int64
}

/// What ``ParquetWriter/close()`` reports about the file it wrote.
public struct ParquetFileSummary: Sendable, Hashable {
    /// The number of rows.
    public var rowCount: Int64
    /// The file size in bytes.
    public var fileSize: Int64
    /// The number of row groups.
    public var rowGroupCount: Int
    /// The schema as written (with assigned field ids).
    public var schema: Schema
    /// One entry per leaf column, in schema order.
    public var columns: [ColumnSummary]
}
