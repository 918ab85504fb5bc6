import Avro

/// Iceberg table metadata (the content of a `metadata.json` file), held as format version 2.
///
/// v1 metadata is upgraded when read (see ``init(json:)``); writing always produces v2 JSON.
public struct TableMetadata: Sendable, Hashable {
    /// The highest format version this implementation reads.
    public static let supportedFormatVersion = 2

    /// The format version (2 after reading; v1 input is upgraded).
    public var formatVersion: Int
    /// The table UUID (lowercase 8-4-4-4-12).
    public var tableUUID: String
    /// The table's base location.
    public var location: String
    /// The highest assigned sequence number.
    public var lastSequenceNumber: Int64
    /// When the table was last updated, in milliseconds since the epoch.
    public var lastUpdatedMs: Int64
    /// The highest assigned column id.
    public var lastColumnID: Int
    /// Every schema the table has had.
    public var schemas: [IcebergSchema]
    /// The current schema's id.
    public var currentSchemaID: Int
    /// Every partition spec.
    public var partitionSpecs: [PartitionSpec]
    /// The spec writers use by default.
    public var defaultSpecID: Int
    /// The highest assigned partition field id (999 when none were ever assigned).
    public var lastPartitionID: Int
    /// Table properties.
    public var properties: [String: String]
    /// The current snapshot of `main`, if any.
    public var currentSnapshotID: Int64?
    /// The valid snapshots.
    public var snapshots: [Snapshot]
    /// Changes of the current snapshot over time.
    public var snapshotLog: [SnapshotLogEntry]
    /// Previous metadata files.
    public var metadataLog: [MetadataLogEntry]
    /// Every sort order.
    public var sortOrders: [SortOrder]
    /// The sort order writers use by default.
    public var defaultSortOrderID: Int
    /// Branches and tags by name; `main` always points at ``currentSnapshotID`` when it is set.
    public var refs: [String: SnapshotRef]
    /// Table statistics entries, kept verbatim.
    public var statistics: [JSONValue]
    /// Partition statistics entries, kept verbatim.
    public var partitionStatistics: [JSONValue]

    /// Creates metadata for a new, empty table.
    public init(tableUUID: String, location: String, schema: IcebergSchema, partitionSpec: PartitionSpec = .unpartitioned,
                sortOrder: SortOrder = .unsorted, properties: [String: String] = [:], lastUpdatedMs: Int64) {
        self.formatVersion = 2
        self.tableUUID = tableUUID
        self.location = location
        self.lastSequenceNumber = 0
        self.lastUpdatedMs = lastUpdatedMs
        self.lastColumnID = schema.highestFieldID
        self.schemas = [schema]
        self.currentSchemaID = schema.schemaID
        self.partitionSpecs = [partitionSpec]
        self.defaultSpecID = partitionSpec.specID
        self.lastPartitionID = partitionSpec.fields.map(\.fieldID).max() ?? 999
        self.properties = properties
        self.currentSnapshotID = nil
        self.snapshots = []
        self.snapshotLog = []
        self.metadataLog = []
        self.sortOrders = [sortOrder]
        self.defaultSortOrderID = sortOrder.orderID
        self.refs = [:]
        self.statistics = []
        self.partitionStatistics = []
    }

    /// The current schema.
    public var currentSchema: IcebergSchema? { schema(id: currentSchemaID) }
    /// The schema with `id`.
    public func schema(id: Int) -> IcebergSchema? { schemas.first { $0.schemaID == id } }
    /// The default partition spec.
    public var defaultSpec: PartitionSpec? { spec(id: defaultSpecID) }
    /// The partition spec with `id`.
    public func spec(id: Int) -> PartitionSpec? { partitionSpecs.first { $0.specID == id } }
    /// The default sort order.
    public var defaultSortOrder: SortOrder? { sortOrders.first { $0.orderID == defaultSortOrderID } }
    /// The snapshot with `id`.
    public func snapshot(id: Int64) -> Snapshot? { snapshots.first { $0.snapshotID == id } }
    /// The current snapshot of `main`.
    public var currentSnapshot: Snapshot? { currentSnapshotID.flatMap { snapshot(id: $0) } }
    /// The snapshot a branch or tag points at.
    public func snapshot(ref name: String) -> Snapshot? { refs[name].flatMap { snapshot(id: $0.snapshotID) } }

    /// The snapshot that was current at `timestampMs` according to the snapshot log.
    public func snapshot(asOf timestampMs: Int64) -> Snapshot? {
        snapshotLog.last { $0.timestampMs <= timestampMs }.flatMap { snapshot(id: $0.snapshotID) }
    }

    /// The ancestry of `snapshotID`: the snapshot, its parent, and so on while they are in the metadata.
    public func ancestors(of snapshotID: Int64) -> [Snapshot] {
        var out: [Snapshot] = []
        var seen: Set<Int64> = []
        var next: Int64? = snapshotID
        while let id = next, seen.insert(id).inserted, let s = snapshot(id: id) {
            out.append(s)
            next = s.parentSnapshotID
        }
        return out
    }
}
