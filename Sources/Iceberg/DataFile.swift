import Avro

/// What a file in a manifest contains.
public enum DataFileContent: Int, Sendable, Hashable {
    /// Rows of the table.
    case data = 0
    /// Deletes by file path and row position.
    case positionDeletes = 1
    /// Deletes by equality on `equality_ids` columns.
    case equalityDeletes = 2
}

/// A data (or delete) file as described in a manifest: location, partition tuple and metrics.
///
/// Metric maps are keyed by column field id; bounds hold single-value binary serializations
/// (see ``Literal/binary`` and ``Literal/init(binary:type:)``).
public struct DataFile: Sendable, Hashable {
    /// Data, position deletes or equality deletes.
    public var content: DataFileContent
    /// Full URI of the file.
    public var filePath: String
    /// `PARQUET`, `AVRO` or `ORC`.
    public var fileFormat: String
    /// The partition tuple, one value (or null) per partition spec field.
    public var partition: [Literal?]
    /// Rows in the file.
    public var recordCount: Int64
    /// The file's size in bytes.
    public var fileSizeInBytes: Int64
    /// Bytes on disk per column.
    public var columnSizes: [Int: Int64]?
    /// Values (including nulls and NaNs) per column.
    public var valueCounts: [Int: Int64]?
    /// Nulls per column.
    public var nullValueCounts: [Int: Int64]?
    /// NaNs per column.
    public var nanValueCounts: [Int: Int64]?
    /// Lower bounds per column (binary single-value form).
    public var lowerBounds: [Int: [UInt8]]?
    /// Upper bounds per column (binary single-value form).
    public var upperBounds: [Int: [UInt8]]?
    /// Encryption key metadata.
    public var keyMetadata: [UInt8]?
    /// Offsets where the file can be split (row group starts), ascending.
    public var splitOffsets: [Int64]?
    /// Equality delete files: the field ids compared.
    public var equalityIDs: [Int]?
    /// The sort order the file was written with.
    public var sortOrderID: Int?

    /// Creates a data file description.
    public init(content: DataFileContent = .data, filePath: String, fileFormat: String = "PARQUET", partition: [Literal?] = [],
                recordCount: Int64, fileSizeInBytes: Int64, columnSizes: [Int: Int64]? = nil, valueCounts: [Int: Int64]? = nil,
                nullValueCounts: [Int: Int64]? = nil, nanValueCounts: [Int: Int64]? = nil, lowerBounds: [Int: [UInt8]]? = nil,
                upperBounds: [Int: [UInt8]]? = nil, keyMetadata: [UInt8]? = nil, splitOffsets: [Int64]? = nil,
                equalityIDs: [Int]? = nil, sortOrderID: Int? = nil) {
        self.content = content
        self.filePath = filePath
        self.fileFormat = fileFormat
        self.partition = partition
        self.recordCount = recordCount
        self.fileSizeInBytes = fileSizeInBytes
        self.columnSizes = columnSizes
        self.valueCounts = valueCounts
        self.nullValueCounts = nullValueCounts
        self.nanValueCounts = nanValueCounts
        self.lowerBounds = lowerBounds
        self.upperBounds = upperBounds
        self.keyMetadata = keyMetadata
        self.splitOffsets = splitOffsets
        self.equalityIDs = equalityIDs
        self.sortOrderID = sortOrderID
    }

    /// The lower bound of column `fieldID` decoded as `type`, if present.
    public func lowerBound(_ fieldID: Int, type: IcebergType) throws(IcebergError) -> Literal? {
        guard let b = lowerBounds?[fieldID] else { return nil }
        return try Literal(binary: b, type: type)
    }

    /// The upper bound of column `fieldID` decoded as `type`, if present.
    public func upperBound(_ fieldID: Int, type: IcebergType) throws(IcebergError) -> Literal? {
        guard let b = upperBounds?[fieldID] else { return nil }
        return try Literal(binary: b, type: type)
    }
}

/// The status of a manifest entry.
public enum ManifestEntryStatus: Int, Sendable, Hashable {
    /// The file was already live in an earlier snapshot.
    case existing = 0
    /// The file was added by this manifest's snapshot.
    case added = 1
    /// The file was removed by this manifest's snapshot.
    case deleted = 2
}

/// One entry of a manifest: a data file with its tracking information.
///
/// `snapshotID` and the sequence numbers may be `nil` in the file and are then inherited from
/// the manifest list entry (see ``Manifest/inheriting(from:)``).
public struct ManifestEntry: Sendable, Hashable {
    /// Existing, added or deleted.
    public var status: ManifestEntryStatus
    /// The snapshot that added (or deleted) the file.
    public var snapshotID: Int64?
    /// The data sequence number.
    public var sequenceNumber: Int64?
    /// The file sequence number.
    public var fileSequenceNumber: Int64?
    /// The file.
    public var dataFile: DataFile

    /// Creates an entry.
    public init(status: ManifestEntryStatus, snapshotID: Int64?, sequenceNumber: Int64? = nil, fileSequenceNumber: Int64? = nil, dataFile: DataFile) {
        self.status = status
        self.snapshotID = snapshotID
        self.sequenceNumber = sequenceNumber
        self.fileSequenceNumber = fileSequenceNumber
        self.dataFile = dataFile
    }
}
