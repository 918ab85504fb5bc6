import Testing
@testable import Avro
@testable import Iceberg

@Suite struct TableMetadataTests {
    @Test func readsPyicebergMetadataAfterAppendsAndSchemaEvolution() throws {
        let expected = try Fixtures.expected()["events"]!
        let md = try TableMetadata(jsonText: try Fixtures.text("events-v4.metadata.json"))
        #expect(md.formatVersion == 2)
        #expect(md.tableUUID == expected["table_uuid"]?.stringValue)
        #expect(md.currentSnapshotID == expected["current_snapshot_id"]?.intValue)
        #expect(md.currentSchemaID == 1)
        #expect(md.lastColumnID == 5)
        #expect(md.lastSequenceNumber == 3)
        #expect(md.properties["owner"] == "meshwork")
        #expect(md.schemas.count == 2)
        let current = try #require(md.currentSchema)
        #expect(current.fields.map(\.name) == ["id", "name", "price", "day", "score"])
        #expect(current.fields[2].type == .decimal(precision: 9, scale: 2))
        #expect(current.fields[4].doc == "model score")
        #expect(current.identifierFieldIDs == [1])
        #expect(md.schema(id: 0)?.fields.count == 4)
        #expect(md.defaultSpec == .unpartitioned)
        #expect(md.defaultSortOrder == .unsorted)
        #expect(md.refs["main"] == SnapshotRef(snapshotID: md.currentSnapshotID!, kind: .branch))

        let snaps = try #require(expected["snapshots"]?.arrayValue)
        #expect(md.snapshots.count == snaps.count)
        for (s, e) in zip(md.snapshots, snaps) {
            #expect(s.snapshotID == e["snapshot_id"]?.intValue)
            #expect(s.parentSnapshotID == e["parent_snapshot_id"]?.intValue)
            #expect(s.sequenceNumber == e["sequence_number"]?.intValue)
            #expect(s.timestampMs == e["timestamp_ms"]?.intValue)
            #expect(s.schemaID.map(Int64.init) == e["schema_id"]?.intValue)
            #expect(s.operation == .append)
            #expect(s.summary["added-records"] == e["summary"]?["added-records"]?.stringValue)
        }
        #expect(md.ancestors(of: md.currentSnapshotID!).map(\.snapshotID) == md.snapshots.reversed().map(\.snapshotID))
        #expect(md.snapshotLog.map(\.snapshotID) == md.snapshots.map(\.snapshotID))
        #expect(md.metadataLog.count == 4)
        #expect(md.snapshot(asOf: md.snapshots[1].timestampMs)?.snapshotID == md.snapshots[1].snapshotID)
        #expect(md.snapshot(asOf: md.snapshots[0].timestampMs - 1) == nil)
    }

    @Test func readsThePartitionedTable() throws {
        let md = try TableMetadata(jsonText: try Fixtures.text("parts-v1.metadata.json"))
        let spec = try #require(md.defaultSpec)
        #expect(spec.fields == [
            PartitionField(sourceID: 2, fieldID: 1000, name: "category", transform: .identity),
            PartitionField(sourceID: 3, fieldID: 1001, name: "ts_day", transform: .day),
            PartitionField(sourceID: 1, fieldID: 1002, name: "id_bucket", transform: .bucket(4)),
        ])
        #expect(md.lastPartitionID == 1002)
        let ptype = try spec.partitionType(schema: md.currentSchema!)
        #expect(ptype.fields.map(\.type) == [.string, .date, .int])
    }

    @Test func everyFixtureVersionRoundTripsThroughOurJSON() throws {
        for name in ["events-v0", "events-v1", "events-v2", "events-v3", "events-v4", "parts-v0", "parts-v1"] {
            let md = try TableMetadata(jsonText: try Fixtures.text("\(name).metadata.json"))
            let again = try TableMetadata(jsonText: md.jsonText)
            #expect(again == md, "\(name)")
        }
    }

    @Test func writesSpecKeyNames() throws {
        let md = try TableMetadata(jsonText: try Fixtures.text("events-v4.metadata.json"))
        let keys = try #require(md.json.objectValue).map(\.key)
        #expect(keys == ["format-version", "table-uuid", "location", "last-sequence-number", "last-updated-ms", "last-column-id",
                         "current-schema-id", "schemas", "default-spec-id", "partition-specs", "last-partition-id",
                         "default-sort-order-id", "sort-orders", "properties", "current-snapshot-id", "refs", "snapshots",
                         "statistics", "partition-statistics", "snapshot-log", "metadata-log"])
        #expect(md.jsonText == (try TableMetadata(jsonText: md.jsonText)).jsonText)
    }

    @Test func upgradesV1Metadata() throws {
        let v1 = """
        {"format-version": 1, "location": "s3://b/t", "last-updated-ms": 1600000000000, "last-column-id": 2,
         "schema": {"type": "struct", "fields": [{"id": 1, "name": "x", "required": true, "type": "long"},
                                                  {"id": 2, "name": "ts", "required": false, "type": "timestamp"}]},
         "partition-spec": [{"name": "ts_day", "transform": "day", "source-id": 2}],
         "properties": {"k": "v"}, "current-snapshot-id": 7,
         "snapshots": [{"snapshot-id": 7, "timestamp-ms": 1600000000000, "manifests": ["s3://b/t/m1.avro"]}]}
        """
        let md = try TableMetadata(jsonText: v1)
        #expect(md.formatVersion == 2)
        #expect(md.tableUUID.count == 36)
        #expect(md.schemas.count == 1 && md.currentSchemaID == 0)
        #expect(md.defaultSpec?.fields == [PartitionField(sourceID: 2, fieldID: 1000, name: "ts_day", transform: .day)])
        #expect(md.lastPartitionID == 1000)
        #expect(md.lastSequenceNumber == 0)
        #expect(md.sortOrders == [.unsorted])
        #expect(md.snapshots[0].sequenceNumber == 0)
        #expect(md.snapshots[0].manifests == ["s3://b/t/m1.avro"])
        #expect(md.refs["main"]?.snapshotID == 7)
        let out = md.json
        #expect(out["format-version"] == 2)
        #expect(out["schema"] == nil && out["partition-spec"] == nil)
    }

    @Test func rejectsMalformedAndFutureMetadata() throws {
        let future = try #require(throws: IcebergError.self) {
            try TableMetadata(jsonText: #"{"format-version": 3, "location": "x"}"#)
        }
        #expect(future.kind == .unsupportedVersion)
        let missing = try #require(throws: IcebergError.self) {
            try TableMetadata(jsonText: #"{"format-version": 2, "location": "x", "table-uuid": "u"}"#)
        }
        #expect(missing.kind == .invalidMetadata)
        let badJSON = try #require(throws: IcebergError.self) { try TableMetadata(jsonText: "{\"format-version\": ") }
        #expect(badJSON.kind == .invalidMetadata)
        // A snapshot with an unknown operation names the snapshot.
        var json = try JSONValue.parse(try Fixtures.text("events-v4.metadata.json"))
        guard case .object(var members) = json else { return }
        let i = members.firstIndex { $0.key == "snapshots" }!
        members[i].value = [.object([JSONMember("snapshot-id", 1), JSONMember("timestamp-ms", 2),
                                     JSONMember("summary", .object([JSONMember("operation", "explode")]))])]
        json = .object(members)
        let op = try #require(throws: IcebergError.self) { try TableMetadata(json: json) }
        #expect(op.context == "snapshots[0]")
    }

    @Test func newTableMetadataAndFileNames() throws {
        let schema = IcebergSchema(fields: [NestedField(id: 1, name: "a", type: .int, required: true)])
        let md = TableMetadata(tableUUID: "0b2a6b3c-6a52-4f3a-9a39-1f0e5f8d9c11", location: "/t", schema: schema, lastUpdatedMs: 5)
        #expect(md.lastColumnID == 1 && md.lastPartitionID == 999 && md.currentSnapshot == nil)
        #expect(try TableMetadata(jsonText: md.jsonText) == md)
        #expect(TableMetadata.metadataFileName(version: 3, uuid: "ABC") == "00003-abc.metadata.json")
    }
}
