import Foundation
import Testing
import TestSupport
@testable import Avro
@testable import Iceberg

/// pyiceberg parses the metadata JSON, manifest list and manifest we write, with identical values.
@Suite(.enabled(if: Interop.enabled(["pyiceberg", "pyarrow"])))
struct PyIcebergInteropTests {
    /// Parses `argv[1]` (metadata.json) and `argv[2]` (manifest list) with pyiceberg and prints
    /// what it read as JSON: the metadata as pyiceberg re-serializes it, every manifest-list
    /// entry and every manifest entry.
    static let script = """
    import json, sys, datetime
    from collections.abc import Mapping
    from decimal import Decimal
    from uuid import UUID
    from pyiceberg.table.metadata import TableMetadataUtil
    from pyiceberg.manifest import read_manifest_list
    from pyiceberg.io.pyarrow import PyArrowFileIO

    def norm(v):
        if v is None or isinstance(v, (bool, int, float, str)): return v
        if isinstance(v, bytes): return {"hex": v.hex()}
        if isinstance(v, Decimal): return {"decimal": str(v)}
        if isinstance(v, UUID): return {"uuid": str(v)}
        if isinstance(v, datetime.date): return {"date": v.isoformat()}
        if isinstance(v, Mapping): return {str(k): norm(x) for k, x in sorted(v.items())}
        if isinstance(v, (list, tuple)): return [norm(x) for x in v]
        return {"repr": repr(v)}

    md = TableMetadataUtil.parse_raw(open(sys.argv[1]).read())
    io = PyArrowFileIO()
    out = {"metadata": json.loads(md.model_dump_json()), "manifests": []}
    for mf in read_manifest_list(io.new_input(sys.argv[2])):
        m = {k: norm(getattr(mf, k)) for k in ["manifest_path", "manifest_length", "partition_spec_id", "sequence_number",
             "min_sequence_number", "added_snapshot_id", "added_files_count", "existing_files_count", "deleted_files_count",
             "added_rows_count", "existing_rows_count", "deleted_rows_count"]}
        m["content"] = int(mf.content)
        m["partitions"] = [{"contains_null": p.contains_null, "contains_nan": p.contains_nan,
                            "lower_bound": norm(p.lower_bound), "upper_bound": norm(p.upper_bound)} for p in (mf.partitions or [])]
        entries = []
        for e in mf.fetch_manifest_entry(io, discard_deleted=False):
            df = e.data_file
            entries.append({"status": int(e.status), "snapshot_id": e.snapshot_id, "sequence_number": e.sequence_number,
                "file_sequence_number": e.file_sequence_number, "content": int(df.content), "file_path": df.file_path,
                "file_format": str(getattr(df.file_format, "value", df.file_format)), "partition": norm(list(df.partition)),
                "record_count": df.record_count, "file_size_in_bytes": df.file_size_in_bytes,
                "column_sizes": norm(df.column_sizes), "value_counts": norm(df.value_counts),
                "null_value_counts": norm(df.null_value_counts), "nan_value_counts": norm(df.nan_value_counts),
                "lower_bounds": norm(df.lower_bounds), "upper_bounds": norm(df.upper_bounds),
                "split_offsets": norm(df.split_offsets), "sort_order_id": df.sort_order_id})
        m["entries"] = entries
        out["manifests"].append(m)
    print(json.dumps(out))
    """

    static let schema = IcebergSchema(schemaID: 1, fields: [
        NestedField(id: 1, name: "id", type: .long, required: true),
        NestedField(id: 2, name: "category", type: .string),
        NestedField(id: 3, name: "ts", type: .timestamptz),
        NestedField(id: 4, name: "price", type: .decimal(precision: 10, scale: 2), doc: "unit price"),
        NestedField(id: 5, name: "uid", type: .uuid),
        NestedField(id: 6, name: "name", type: .string),
        NestedField(id: 7, name: "scores", type: .list(ListType(elementID: 9, element: .double))),
        NestedField(id: 8, name: "labels", type: .map(MapType(keyID: 10, key: .string, valueID: 11, value: .int, valueRequired: true))),
    ], identifierFieldIDs: [1])

    static let spec = PartitionSpec(specID: 1, fields: [
        PartitionField(sourceID: 2, fieldID: 1000, name: "category", transform: .identity),
        PartitionField(sourceID: 3, fieldID: 1001, name: "ts_day", transform: .day),
        PartitionField(sourceID: 1, fieldID: 1002, name: "id_bucket", transform: .bucket(4)),
        PartitionField(sourceID: 6, fieldID: 1003, name: "name_trunc", transform: .truncate(3)),
    ])

    /// One data file whose rows span `ids`, all with the same category, day and name.
    static func dataFile(_ dir: URL, _ n: Int, ids: ClosedRange<Int64>, category: String?, day: Int64, name: String) throws -> DataFile {
        let ts0 = Literal.timestamptz(day * 86_400_000_000 + 3_600_000_000)
        let ts1 = Literal.timestamptz(day * 86_400_000_000 + 7_200_000_001)
        var row: [Int: Literal] = [1: .long(ids.lowerBound), 3: ts0, 6: .string(name)]
        if let category { row[2] = .string(category) }
        let partition = try spec.partition(of: row)
        let count = Int64(ids.count)
        var lower: [Int: [UInt8]] = [1: Literal.long(ids.lowerBound).binary, 3: ts0.binary, 6: Literal.string(name).binary,
                                     4: Literal.decimal(unscaled: -1050, scale: 2).binary, 5: Literal.uuid(string: "00000000-0000-4000-8000-000000000001")!.binary]
        var upper: [Int: [UInt8]] = [1: Literal.long(ids.upperBound).binary, 3: ts1.binary, 6: Literal.string(name).binary,
                                     4: Literal.decimal(unscaled: 99_999, scale: 2).binary, 5: Literal.uuid(string: "ffffffff-0000-4000-8000-000000000001")!.binary]
        if let category {
            lower[2] = Literal.string(category).binary
            upper[2] = Literal.string(category).binary
        }
        return DataFile(filePath: dir.appendingPathComponent("data/file-\(n).parquet").path, partition: partition, recordCount: count,
                        fileSizeInBytes: 1000 + Int64(n), columnSizes: [1: 80, 2: 40, 3: 90], valueCounts: [1: count, 2: count, 3: count, 7: 2 * count],
                        nullValueCounts: [1: 0, 2: category == nil ? count : 0, 3: 0], nanValueCounts: [9: 1],
                        lowerBounds: lower, upperBounds: upper, splitOffsets: [4, 4096], sortOrderID: 1)
    }

    /// Writes a small two-snapshot table and returns (metadata path, manifest list path, our model).
    static func writeTable(_ dir: URL) throws -> (String, String, TableMetadata, ManifestList, [Manifest]) {
        let metadataDir = dir.appendingPathComponent("metadata")
        try FileManager.default.createDirectory(at: metadataDir, withIntermediateDirectories: true)
        let s1: Int64 = 4_242_424_242_424_242, s2: Int64 = 9_000_000_000_000_000_001
        let m1 = Manifest(schema: schema, spec: spec, entries: [
            ManifestEntry(status: .existing, snapshotID: s1, sequenceNumber: 1, fileSequenceNumber: 1,
                          dataFile: try dataFile(dir, 1, ids: 1...10, category: "books", day: 20_513, name: "alphabet")),
            ManifestEntry(status: .deleted, snapshotID: s2, sequenceNumber: 1, fileSequenceNumber: 1,
                          dataFile: try dataFile(dir, 2, ids: 11...12, category: nil, day: -3, name: "zz")),
        ])
        let m2 = Manifest(schema: schema, spec: spec, entries: [
            ManifestEntry(status: .added, snapshotID: nil, dataFile: try dataFile(dir, 3, ids: 100...199, category: "toys", day: 20_600, name: "été")),
            ManifestEntry(status: .added, snapshotID: s2, sequenceNumber: 2, fileSequenceNumber: 2,
                          dataFile: try dataFile(dir, 4, ids: 7...7, category: "books", day: 20_513, name: "be")),
        ])
        var files: [ManifestFile] = []
        for (i, (m, seq)) in [(m1, Int64(1)), (m2, Int64(2))].enumerated() {
            let path = metadataDir.appendingPathComponent("manifest-\(i).avro").path
            let bytes = try m.encoded()
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            files.append(try m.manifestFile(path: path, length: Int64(bytes.count), snapshotID: i == 0 ? s1 : s2, sequenceNumber: seq))
        }
        let list = ManifestList(snapshotID: s2, parentSnapshotID: s1, sequenceNumber: 2, manifests: files)
        let listPath = metadataDir.appendingPathComponent("snap-\(s2)-1-list.avro").path
        try Data(try list.encoded()).write(to: URL(fileURLWithPath: listPath))

        var md = TableMetadata(tableUUID: "9c12d441-03fe-4693-9a96-a0705ddf69c1", location: dir.path,
                               schema: IcebergSchema(schemaID: 0, fields: Array(schema.fields.prefix(3)), identifierFieldIDs: [1]),
                               properties: ["owner": "meshwork", "write.format.default": "parquet"], lastUpdatedMs: 1_795_000_000_000)
        md.schemas.append(schema)
        md.currentSchemaID = 1
        md.lastColumnID = 11
        md.partitionSpecs.append(spec)
        md.defaultSpecID = 1
        md.lastPartitionID = 1003
        md.sortOrders.append(SortOrder(orderID: 1, fields: [SortField(sourceID: 3, transform: .day, direction: .descending, nullOrder: .nullsLast),
                                                            SortField(sourceID: 1)]))
        md.defaultSortOrderID = 1
        md.snapshots = [
            Snapshot(snapshotID: s1, sequenceNumber: 1, timestampMs: 1_794_000_000_000, manifestList: metadataDir.appendingPathComponent("snap-1.avro").path,
                     operation: .append, summary: ["added-records": "12", "added-data-files": "2"], schemaID: 0),
            Snapshot(snapshotID: s2, parentSnapshotID: s1, sequenceNumber: 2, timestampMs: 1_795_000_000_000, manifestList: listPath,
                     operation: .overwrite, summary: ["added-records": "101", "deleted-records": "2"], schemaID: 1),
        ]
        md.lastSequenceNumber = 2
        md.currentSnapshotID = s2
        md.refs = ["main": SnapshotRef(snapshotID: s2, kind: .branch),
                   "v1.0": SnapshotRef(snapshotID: s1, kind: .tag, maxRefAgeMs: 86_400_000),
                   "audit": SnapshotRef(snapshotID: s1, kind: .branch, minSnapshotsToKeep: 3, maxSnapshotAgeMs: 600_000, maxRefAgeMs: 7_200_000)]
        md.snapshotLog = [SnapshotLogEntry(snapshotID: s1, timestampMs: 1_794_000_000_000), SnapshotLogEntry(snapshotID: s2, timestampMs: 1_795_000_000_000)]
        md.metadataLog = [MetadataLogEntry(metadataFile: metadataDir.appendingPathComponent("00000-a.metadata.json").path, timestampMs: 1_793_000_000_000)]
        let metaPath = metadataDir.appendingPathComponent(TableMetadata.metadataFileName(version: 2, uuid: md.tableUUID)).path
        try md.jsonText.write(toFile: metaPath, atomically: true, encoding: .utf8)
        return (metaPath, listPath, md, list, [m1, m2])
    }

    /// Our literal as the Python side's normalised JSON (`date` partitions are day counts there).
    static func norm(_ v: Literal?) -> JSONValue {
        guard let v else { return .null }
        switch v {
        case .string(let s): return .string(s)
        case .int(let i): return .int(Int64(i))
        case .date(let d): return .int(Int64(d))
        case .long(let l): return .int(l)
        default: return .string(v.description)
        }
    }

    static func hexMap(_ m: [Int: [UInt8]]?) -> JSONValue {
        guard let m else { return .null }
        return .object(m.keys.sorted().map { JSONMember(String($0), .object([JSONMember("hex", .string(Fixtures.hex(m[$0]!)))])) })
    }

    static func countMap(_ m: [Int: Int64]?) -> JSONValue {
        guard let m else { return .null }
        return .object(m.keys.sorted().map { JSONMember(String($0), .int(m[$0]!)) })
    }

    static func hexOrNull(_ b: [UInt8]?) -> JSONValue { b.map { .object([JSONMember("hex", .string(Fixtures.hex($0)))]) } ?? .null }

    @Test func pyicebergReadsWhatWeWrite() throws {
        let dir = Interop.temporaryDirectory("iceberg-interop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (metaPath, listPath, md, list, manifests) = try Self.writeTable(dir)
        let out = try JSONValue.parse(try Interop.runPython(Self.script, [metaPath, listPath]))

        // pyiceberg parsed our metadata; its re-serialization parses back to the same model.
        let theirs = try TableMetadata(json: try #require(out["metadata"]))
        #expect(theirs == md)

        let pyManifests = try #require(out["manifests"]?.arrayValue)
        #expect(pyManifests.count == list.manifests.count)
        for ((py, file), manifest) in zip(zip(pyManifests, list.manifests), manifests) {
            #expect(py["manifest_path"]?.stringValue == file.manifestPath)
            #expect(py["manifest_length"]?.intValue == file.manifestLength)
            #expect(py["partition_spec_id"]?.intValue == Int64(file.partitionSpecID))
            #expect(py["content"]?.intValue == 0)
            #expect(py["sequence_number"]?.intValue == file.sequenceNumber)
            #expect(py["min_sequence_number"]?.intValue == file.minSequenceNumber)
            #expect(py["added_snapshot_id"]?.intValue == file.addedSnapshotID)
            #expect(py["added_files_count"]?.intValue == Int64(file.addedFilesCount))
            #expect(py["existing_files_count"]?.intValue == Int64(file.existingFilesCount))
            #expect(py["deleted_files_count"]?.intValue == Int64(file.deletedFilesCount))
            #expect(py["added_rows_count"]?.intValue == file.addedRowsCount)
            #expect(py["existing_rows_count"]?.intValue == file.existingRowsCount)
            #expect(py["deleted_rows_count"]?.intValue == file.deletedRowsCount)
            let summaries = try #require(py["partitions"]?.arrayValue)
            #expect(summaries.count == file.partitions?.count)
            for (s, ours) in zip(summaries, file.partitions ?? []) {
                #expect(s["contains_null"]?.boolValue == ours.containsNull)
                #expect(s["contains_nan"]?.boolValue == ours.containsNaN)
                #expect(s["lower_bound"] == Self.hexOrNull(ours.lowerBound))
                #expect(s["upper_bound"] == Self.hexOrNull(ours.upperBound))
            }

            let entries = manifest.inheriting(from: file)
            let pyEntries = try #require(py["entries"]?.arrayValue)
            #expect(pyEntries.count == entries.count)
            for (p, e) in zip(pyEntries, entries) {
                let df = e.dataFile
                #expect(p["status"]?.intValue == Int64(e.status.rawValue))
                #expect(p["snapshot_id"]?.intValue == e.snapshotID)
                #expect(p["sequence_number"]?.intValue == e.sequenceNumber)
                #expect(p["file_sequence_number"]?.intValue == e.fileSequenceNumber)
                #expect(p["content"]?.intValue == 0)
                #expect(p["file_path"]?.stringValue == df.filePath)
                #expect(p["file_format"]?.stringValue == "PARQUET")
                #expect(p["partition"] == .array(df.partition.map(Self.norm)))
                #expect(p["record_count"]?.intValue == df.recordCount)
                #expect(p["file_size_in_bytes"]?.intValue == df.fileSizeInBytes)
                #expect(p["column_sizes"] == Self.countMap(df.columnSizes))
                #expect(p["value_counts"] == Self.countMap(df.valueCounts))
                #expect(p["null_value_counts"] == Self.countMap(df.nullValueCounts))
                #expect(p["nan_value_counts"] == Self.countMap(df.nanValueCounts))
                #expect(p["lower_bounds"] == Self.hexMap(df.lowerBounds))
                #expect(p["upper_bounds"] == Self.hexMap(df.upperBounds))
                #expect(p["split_offsets"] == .array((df.splitOffsets ?? []).map { .int($0) }))
                #expect(p["sort_order_id"]?.intValue == df.sortOrderID.map(Int64.init))
            }
        }
    }

    @Test func pyicebergStaticTableSeesOurSnapshotsAndRefs() throws {
        let dir = Interop.temporaryDirectory("iceberg-interop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (metaPath, _, md, _, _) = try Self.writeTable(dir)
        let script = """
        import json, sys
        from pyiceberg.table import StaticTable
        t = StaticTable.from_metadata(sys.argv[1])
        m = t.metadata
        print(json.dumps({
            "current": t.current_snapshot().snapshot_id,
            "schema": [f.name for f in t.schema().fields],
            "spec": [(f.name, str(f.transform), f.source_id, f.field_id) for f in t.spec().fields],
            "sort": [(str(f.transform), f.source_id, f.direction.value, f.null_order.value) for f in t.sort_order().fields],
            "refs": {k: [v.snapshot_id, v.snapshot_ref_type.value] for k, v in m.refs.items()},
            "tag": t.snapshot_by_name("v1.0").snapshot_id,
            "files": sorted(task.file.file_path for task in t.scan().plan_files()),
        }))
        """
        let out = try JSONValue.parse(try Interop.runPython(script, [metaPath]))
        #expect(out["current"]?.intValue == md.currentSnapshotID)
        #expect(out["schema"] == .array(md.currentSchema!.fields.map { .string($0.name) }))
        #expect(out["spec"] == [["category", "identity", 2, 1000], ["ts_day", "day", 3, 1001], ["id_bucket", "bucket[4]", 1, 1002],
                                ["name_trunc", "truncate[3]", 6, 1003]])
        #expect(out["sort"] == [["day", 3, "desc", "nulls-last"], ["identity", 1, "asc", "nulls-first"]])
        #expect(out["tag"]?.intValue == md.refs["v1.0"]?.snapshotID)
        #expect(out["refs"]?["audit"] == [.int(md.refs["audit"]!.snapshotID), "branch"])
        // Live files of the current snapshot: existing + added, not deleted.
        #expect(out["files"] == .array(["file-1", "file-3", "file-4"].map { .string(dir.appendingPathComponent("data/\($0).parquet").path) }))
    }
}
