import Avro

/// Whether a manifest tracks data files or delete files.
public enum ManifestContent: Int, Sendable, Hashable {
    /// The manifest lists data files.
    case data = 0
    /// The manifest lists delete files.
    case deletes = 1

    /// The manifest header spelling (`data` or `deletes`).
    public var headerName: String { self == .data ? "data" : "deletes" }
}

/// Summary of one partition field's values across a manifest (manifest list `field_summary`).
public struct FieldSummary: Sendable, Hashable {
    /// Whether some partition value is null.
    public var containsNull: Bool
    /// Whether some partition value is NaN, when known.
    public var containsNaN: Bool?
    /// The lower bound (single-value binary serialization), when some value is non-null.
    public var lowerBound: [UInt8]?
    /// The upper bound (single-value binary serialization), when some value is non-null.
    public var upperBound: [UInt8]?

    /// Creates a summary.
    public init(containsNull: Bool, containsNaN: Bool? = nil, lowerBound: [UInt8]? = nil, upperBound: [UInt8]? = nil) {
        self.containsNull = containsNull
        self.containsNaN = containsNaN
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }
}

/// One entry of a manifest list: a manifest file and its counts (spec "Manifest Lists").
public struct ManifestFile: Sendable, Hashable {
    /// Location of the manifest.
    public var manifestPath: String
    /// Its length in bytes.
    public var manifestLength: Int64
    /// The partition spec the manifest was written with.
    public var partitionSpecID: Int
    /// Data or deletes.
    public var content: ManifestContent
    /// The sequence number when the manifest was added.
    public var sequenceNumber: Int64
    /// The minimum data sequence number of live files in the manifest.
    public var minSequenceNumber: Int64
    /// The snapshot that added the manifest.
    public var addedSnapshotID: Int64
    /// Entries with status ADDED.
    public var addedFilesCount: Int
    /// Entries with status EXISTING.
    public var existingFilesCount: Int
    /// Entries with status DELETED.
    public var deletedFilesCount: Int
    /// Rows in ADDED files.
    public var addedRowsCount: Int64
    /// Rows in EXISTING files.
    public var existingRowsCount: Int64
    /// Rows in DELETED files.
    public var deletedRowsCount: Int64
    /// One summary per partition field, when written.
    public var partitions: [FieldSummary]?
    /// Encryption key metadata.
    public var keyMetadata: [UInt8]?

    /// Creates an entry.
    public init(manifestPath: String, manifestLength: Int64, partitionSpecID: Int, content: ManifestContent = .data,
                sequenceNumber: Int64, minSequenceNumber: Int64, addedSnapshotID: Int64,
                addedFilesCount: Int, existingFilesCount: Int, deletedFilesCount: Int,
                addedRowsCount: Int64, existingRowsCount: Int64, deletedRowsCount: Int64,
                partitions: [FieldSummary]? = nil, keyMetadata: [UInt8]? = nil) {
        self.manifestPath = manifestPath
        self.manifestLength = manifestLength
        self.partitionSpecID = partitionSpecID
        self.content = content
        self.sequenceNumber = sequenceNumber
        self.minSequenceNumber = minSequenceNumber
        self.addedSnapshotID = addedSnapshotID
        self.addedFilesCount = addedFilesCount
        self.existingFilesCount = existingFilesCount
        self.deletedFilesCount = deletedFilesCount
        self.addedRowsCount = addedRowsCount
        self.existingRowsCount = existingRowsCount
        self.deletedRowsCount = deletedRowsCount
        self.partitions = partitions
        self.keyMetadata = keyMetadata
    }

    /// The v2 `manifest_file` Avro schema, with the spec's field names and ids.
    public static let avroSchema: AvroSchema = {
        let summary = AvroSchema.record(AvroRecord(name: "r508", fields: [
            AvroField("contains_null", .boolean, fieldID: 509),
            AvroField("contains_nan", .optional(.boolean), fieldID: 518, defaultValue: .null),
            AvroField("lower_bound", .optional(.bytes), fieldID: 510, defaultValue: .null),
            AvroField("upper_bound", .optional(.bytes), fieldID: 511, defaultValue: .null),
        ]))
        return .record(AvroRecord(name: "manifest_file", fields: [
            AvroField("manifest_path", .string, fieldID: 500),
            AvroField("manifest_length", .long, fieldID: 501),
            AvroField("partition_spec_id", .int, fieldID: 502),
            AvroField("content", .int, fieldID: 517),
            AvroField("sequence_number", .long, fieldID: 515),
            AvroField("min_sequence_number", .long, fieldID: 516),
            AvroField("added_snapshot_id", .long, fieldID: 503),
            AvroField("added_files_count", .int, fieldID: 504),
            AvroField("existing_files_count", .int, fieldID: 505),
            AvroField("deleted_files_count", .int, fieldID: 506),
            AvroField("added_rows_count", .long, fieldID: 512),
            AvroField("existing_rows_count", .long, fieldID: 513),
            AvroField("deleted_rows_count", .long, fieldID: 514),
            AvroField("partitions", .optional(.array(AvroArray(items: summary, properties: ["element-id": 508]))), fieldID: 507, defaultValue: .null),
            AvroField("key_metadata", .optional(.bytes), fieldID: 519, defaultValue: .null),
        ]))
    }()

    /// The Avro record of this entry; throws when a count or id does not fit an Avro `int`.
    public func avroValue() throws(IcebergError) -> AvroValue {
        func opt(_ b: [UInt8]?) -> AvroValue { b.map { .bytes($0) } ?? .null }
        var fields: [String: AvroValue] = [
            "manifest_path": .string(manifestPath), "manifest_length": .long(manifestLength),
            "partition_spec_id": try avroInt(partitionSpecID, "partition_spec_id"), "content": .int(Int32(content.rawValue)),
            "sequence_number": .long(sequenceNumber), "min_sequence_number": .long(minSequenceNumber),
            "added_snapshot_id": .long(addedSnapshotID), "added_files_count": try avroInt(addedFilesCount, "added_files_count"),
            "existing_files_count": try avroInt(existingFilesCount, "existing_files_count"),
            "deleted_files_count": try avroInt(deletedFilesCount, "deleted_files_count"),
            "added_rows_count": .long(addedRowsCount), "existing_rows_count": .long(existingRowsCount),
            "deleted_rows_count": .long(deletedRowsCount), "key_metadata": opt(keyMetadata),
        ]
        fields["partitions"] = partitions.map { list in
            .array(list.map { s in
                .record(["contains_null": .boolean(s.containsNull), "contains_nan": s.containsNaN.map { .boolean($0) } ?? .null,
                         "lower_bound": opt(s.lowerBound), "upper_bound": opt(s.upperBound)])
            })
        } ?? .null
        return .record(fields)
    }

    /// Reads an entry from its Avro record (v1 or v2; v1 defaults: content data, sequence numbers 0).
    public init(avro value: AvroValue) throws(IcebergError) {
        func need<T>(_ name: String, _ v: T?) throws(IcebergError) -> T {
            guard let v else { throw IcebergError(.invalidMetadata, "manifest list entry misses '\(name)'", context: name) }
            return v
        }
        func long(_ name: String) -> Int64? { value[name]?.int64Value }
        var partitions: [FieldSummary]? = nil
        if let list = value["partitions"]?.arrayValue {
            var out: [FieldSummary] = []
            for s in list {
                out.append(FieldSummary(containsNull: try need("contains_null", s["contains_null"]?.boolValue),
                                        containsNaN: s["contains_nan"]?.boolValue,
                                        lowerBound: s["lower_bound"]?.bytesValue, upperBound: s["upper_bound"]?.bytesValue))
            }
            partitions = out
        }
        let content = ManifestContent(rawValue: Int(long("content") ?? 0))
        self.init(manifestPath: try need("manifest_path", value["manifest_path"]?.stringValue),
                  manifestLength: try need("manifest_length", long("manifest_length")),
                  partitionSpecID: Int(try need("partition_spec_id", long("partition_spec_id"))),
                  content: try need("content (0 or 1)", content),
                  sequenceNumber: long("sequence_number") ?? 0, minSequenceNumber: long("min_sequence_number") ?? 0,
                  addedSnapshotID: try need("added_snapshot_id", long("added_snapshot_id")),
                  addedFilesCount: Int(long("added_files_count") ?? long("added_data_files_count") ?? 0),
                  existingFilesCount: Int(long("existing_files_count") ?? long("existing_data_files_count") ?? 0),
                  deletedFilesCount: Int(long("deleted_files_count") ?? long("deleted_data_files_count") ?? 0),
                  addedRowsCount: long("added_rows_count") ?? 0, existingRowsCount: long("existing_rows_count") ?? 0,
                  deletedRowsCount: long("deleted_rows_count") ?? 0, partitions: partitions,
                  keyMetadata: value["key_metadata"]?.bytesValue)
    }
}

/// A manifest list file: the manifests of one snapshot, plus header metadata.
public struct ManifestList: Sendable, Hashable {
    /// The snapshot this list belongs to (header `snapshot-id`).
    public var snapshotID: Int64
    /// Its parent (header `parent-snapshot-id`, `null` when none).
    public var parentSnapshotID: Int64?
    /// The snapshot's sequence number (header `sequence-number`).
    public var sequenceNumber: Int64
    /// The manifests.
    public var manifests: [ManifestFile]

    /// Creates a manifest list.
    public init(snapshotID: Int64, parentSnapshotID: Int64?, sequenceNumber: Int64, manifests: [ManifestFile]) {
        self.snapshotID = snapshotID
        self.parentSnapshotID = parentSnapshotID
        self.sequenceNumber = sequenceNumber
        self.manifests = manifests
    }

    /// Reads a manifest list Avro file (v1 or v2).
    public init(reading bytes: [UInt8]) throws(IcebergError) {
        let file: AvroContainer
        do { file = try AvroContainer(reading: bytes) } catch {
            throw IcebergError(.avro, "manifest list is not a valid Avro file: \(error)")
        }
        var manifests: [ManifestFile] = []
        for (i, v) in file.values.enumerated() {
            do { manifests.append(try ManifestFile(avro: v)) } catch {
                throw IcebergError(error.kind, error.message, context: "manifest list entry \(i)")
            }
        }
        let parent = file.metadataString("parent-snapshot-id").flatMap { Int64($0) }
        self.init(snapshotID: file.metadataString("snapshot-id").flatMap { Int64($0) } ?? manifests.first?.addedSnapshotID ?? 0,
                  parentSnapshotID: parent, sequenceNumber: file.metadataString("sequence-number").flatMap { Int64($0) } ?? 0,
                  manifests: manifests)
    }

    /// The manifest list as a v2 Avro file (deflate by default, like other writers).
    public func encoded(codec: AvroCodec = .deflate, syncMarker: [UInt8]? = nil) throws(IcebergError) -> [UInt8] {
        var values: [AvroValue] = []
        for m in manifests { values.append(try m.avroValue()) }
        var file = AvroContainer(schema: ManifestFile.avroSchema, codec: codec, values: values)
        file.setMetadata("snapshot-id", String(snapshotID))
        file.setMetadata("parent-snapshot-id", parentSnapshotID.map { String($0) } ?? "null")
        file.setMetadata("sequence-number", String(sequenceNumber))
        file.setMetadata("format-version", "2")
        do { return try file.encoded(syncMarker: syncMarker) } catch {
            throw IcebergError(.avro, "manifest list could not be encoded: \(error)")
        }
    }
}
