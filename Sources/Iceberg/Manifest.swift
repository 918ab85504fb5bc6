import Avro

/// A manifest file: the entries of one partition spec, with the header metadata Iceberg writes
/// (`schema`, `schema-id`, `partition-spec`, `partition-spec-id`, `format-version`, `content`).
public struct Manifest: Sendable, Hashable {
    /// The table schema the manifest was written with.
    public var schema: IcebergSchema
    /// The partition spec of every entry.
    public var spec: PartitionSpec
    /// Data or deletes.
    public var content: ManifestContent
    /// The entries.
    public var entries: [ManifestEntry]

    /// Creates a manifest.
    public init(schema: IcebergSchema, spec: PartitionSpec, content: ManifestContent = .data, entries: [ManifestEntry]) {
        self.schema = schema
        self.spec = spec
        self.content = content
        self.entries = entries
    }

    /// Entries with `nil` snapshot id or sequence numbers filled from the manifest list entry,
    /// as the spec requires (sequence numbers only for ADDED entries).
    public func inheriting(from file: ManifestFile) -> [ManifestEntry] {
        entries.map { e in
            var e = e
            if e.snapshotID == nil { e.snapshotID = file.addedSnapshotID }
            if e.status == .added {
                if e.sequenceNumber == nil { e.sequenceNumber = file.sequenceNumber }
                if e.fileSequenceNumber == nil { e.fileSequenceNumber = file.sequenceNumber }
            }
            return e
        }
    }

    /// Counts for the manifest list entry describing this manifest.
    public func manifestFile(path: String, length: Int64, snapshotID: Int64, sequenceNumber: Int64) throws(IcebergError) -> ManifestFile {
        var added = 0, existing = 0, deleted = 0
        var addedRows: Int64 = 0, existingRows: Int64 = 0, deletedRows: Int64 = 0
        var minSeq: Int64? = nil
        for e in entries {
            switch e.status {
            case .added:
                added += 1
                addedRows += e.dataFile.recordCount
            case .existing:
                existing += 1
                existingRows += e.dataFile.recordCount
            case .deleted:
                deleted += 1
                deletedRows += e.dataFile.recordCount
            }
            if e.status != .deleted {
                let s = e.sequenceNumber ?? sequenceNumber
                minSeq = min(minSeq ?? s, s)
            }
        }
        return ManifestFile(manifestPath: path, manifestLength: length, partitionSpecID: spec.specID, content: content,
                            sequenceNumber: sequenceNumber, minSequenceNumber: minSeq ?? sequenceNumber, addedSnapshotID: snapshotID,
                            addedFilesCount: added, existingFilesCount: existing, deletedFilesCount: deleted,
                            addedRowsCount: addedRows, existingRowsCount: existingRows, deletedRowsCount: deletedRows,
                            partitions: try partitionSummaries())
    }

    /// One summary per partition field: null presence, NaN presence and binary bounds.
    public func partitionSummaries() throws(IcebergError) -> [FieldSummary] {
        let type = try spec.partitionType(schema: schema)
        var out: [FieldSummary] = []
        for (i, field) in type.fields.enumerated() {
            var containsNull = false, containsNaN = false
            var lower: Literal? = nil, upper: Literal? = nil
            for e in entries where e.status != .deleted {
                guard i < e.dataFile.partition.count, let v = e.dataFile.partition[i] else {
                    containsNull = true
                    continue
                }
                if case .float(let f) = v, f.isNaN { containsNaN = true; continue }
                if case .double(let d) = v, d.isNaN { containsNaN = true; continue }
                if lower == nil || Literal.compare(v, lower!) == .orderedAscending { lower = v }
                if upper == nil || Literal.compare(v, upper!) == .orderedDescending { upper = v }
            }
            let floating = field.type == .float || field.type == .double
            out.append(FieldSummary(containsNull: containsNull, containsNaN: floating ? containsNaN : false,
                                    lowerBound: lower?.binary, upperBound: upper?.binary))
        }
        return out
    }

    /// The v2 `manifest_entry` Avro schema for this manifest's partition type.
    public func avroSchema() throws(IcebergError) -> AvroSchema {
        let ptype = try spec.partitionType(schema: schema)
        var partitionFields: [AvroField] = []
        for f in ptype.fields {
            partitionFields.append(AvroField(f.name, .optional(try f.type.avroSchema()), fieldID: f.id, defaultValue: .null))
        }
        return Manifest.entrySchema(partition: AvroRecord(name: "r102", fields: partitionFields))
    }

    static func entrySchema(partition: AvroRecord) -> AvroSchema {
        func metricMap(_ name: String, _ id: Int, _ keyID: Int, _ valueID: Int, _ value: AvroSchema) -> AvroField {
            let item = AvroSchema.record(AvroRecord(name: "k\(keyID)_v\(valueID)", fields: [
                AvroField("key", .int, fieldID: keyID), AvroField("value", value, fieldID: valueID),
            ]))
            return AvroField(name, .optional(.array(AvroArray(items: item, properties: ["logicalType": "map"]))), fieldID: id, defaultValue: .null)
        }
        let dataFile = AvroSchema.record(AvroRecord(name: "r2", fields: [
            AvroField("content", .int, fieldID: 134),
            AvroField("file_path", .string, fieldID: 100),
            AvroField("file_format", .string, fieldID: 101),
            AvroField("partition", .record(partition), fieldID: 102),
            AvroField("record_count", .long, fieldID: 103),
            AvroField("file_size_in_bytes", .long, fieldID: 104),
            metricMap("column_sizes", 108, 117, 118, .long),
            metricMap("value_counts", 109, 119, 120, .long),
            metricMap("null_value_counts", 110, 121, 122, .long),
            metricMap("nan_value_counts", 137, 138, 139, .long),
            metricMap("lower_bounds", 125, 126, 127, .bytes),
            metricMap("upper_bounds", 128, 129, 130, .bytes),
            AvroField("key_metadata", .optional(.bytes), fieldID: 131, defaultValue: .null),
            AvroField("split_offsets", .optional(.array(AvroArray(items: .long, properties: ["element-id": 133]))), fieldID: 132, defaultValue: .null),
            AvroField("equality_ids", .optional(.array(AvroArray(items: .int, properties: ["element-id": 136]))), fieldID: 135, defaultValue: .null),
            AvroField("sort_order_id", .optional(.int), fieldID: 140, defaultValue: .null),
        ]))
        return .record(AvroRecord(name: "manifest_entry", fields: [
            AvroField("status", .int, fieldID: 0),
            AvroField("snapshot_id", .optional(.long), fieldID: 1, defaultValue: .null),
            AvroField("sequence_number", .optional(.long), fieldID: 3, defaultValue: .null),
            AvroField("file_sequence_number", .optional(.long), fieldID: 4, defaultValue: .null),
            AvroField("data_file", dataFile, fieldID: 2),
        ]))
    }
}
