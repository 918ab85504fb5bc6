import Avro
import Foundation

extension TableMetadata {
    /// Parses `metadata.json` text.
    public init(jsonText: String) throws(IcebergError) {
        try self.init(jsonBytes: Array(jsonText.utf8))
    }

    /// Parses `metadata.json` bytes.
    public init(jsonBytes: [UInt8]) throws(IcebergError) {
        let json: JSONValue
        do { json = try JSONValue.parse(jsonBytes) } catch {
            throw IcebergError(.invalidMetadata, "table metadata is not valid JSON: \(error.message)",
                               context: error.offset.map { "byte \($0)" })
        }
        try self.init(json: json)
    }

    /// Parses table metadata JSON, upgrading v1 to v2 in memory: `schema` becomes `schemas`,
    /// `partition-spec` becomes `partition-specs` (field ids 1000+ when absent), sequence
    /// numbers default to 0, a missing `table-uuid` is generated, a missing sort order is
    /// the unsorted order, and `refs` gains `main` for the current snapshot.
    public init(json: JSONValue) throws(IcebergError) {
        func required<T>(_ key: String, _ value: T?) throws(IcebergError) -> T {
            guard let value else { throw IcebergError(.invalidMetadata, "table metadata needs '\(key)'", context: key) }
            return value
        }
        guard json.objectValue != nil else { throw IcebergError(.invalidMetadata, "table metadata must be a JSON object") }
        let version = Int(try required("format-version", json["format-version"]?.intValue))
        guard version >= 1 else { throw IcebergError(.invalidMetadata, "format-version \(version) is invalid") }
        guard version <= TableMetadata.supportedFormatVersion else {
            throw IcebergError(.unsupportedVersion, "table format version \(version) is newer than the supported version \(TableMetadata.supportedFormatVersion)")
        }
        let v2 = version >= 2
        let location = try required("location", json["location"]?.stringValue)
        let uuid: String
        if let u = json["table-uuid"]?.stringValue {
            uuid = u.lowercased()
        } else if v2 {
            throw IcebergError(.invalidMetadata, "v2 table metadata needs 'table-uuid'", context: "table-uuid")
        } else {
            uuid = UUID().uuidString.lowercased()
        }

        // Schemas
        var schemas: [IcebergSchema] = []
        let currentSchemaID: Int
        if let list = json["schemas"]?.arrayValue {
            for (i, s) in list.enumerated() {
                do { schemas.append(try IcebergSchema(json: s, defaultSchemaID: i)) } catch {
                    throw IcebergError(error.kind, error.message, context: "schemas[\(i)]" + (error.context.map { ".\($0)" } ?? ""))
                }
            }
            currentSchemaID = Int(try required("current-schema-id", json["current-schema-id"]?.intValue))
        } else if !v2, let s = json["schema"] {
            let schema = try IcebergSchema(json: s, defaultSchemaID: 0)
            schemas = [schema]
            currentSchemaID = schema.schemaID
        } else {
            throw IcebergError(.invalidMetadata, "table metadata needs 'schemas'", context: "schemas")
        }
        guard schemas.contains(where: { $0.schemaID == currentSchemaID }) else {
            throw IcebergError(.invalidMetadata, "current-schema-id \(currentSchemaID) is not among the schemas", context: "current-schema-id")
        }

        // Partition specs
        var specs: [PartitionSpec] = []
        let defaultSpecID: Int
        if let list = json["partition-specs"]?.arrayValue {
            for (i, s) in list.enumerated() {
                do { specs.append(try PartitionSpec(json: s)) } catch {
                    throw IcebergError(error.kind, error.message, context: "partition-specs[\(i)]")
                }
            }
            defaultSpecID = Int(try required("default-spec-id", json["default-spec-id"]?.intValue))
        } else if !v2, let fields = json["partition-spec"] {
            specs = [try PartitionSpec(json: fields, specID: 0)]
            defaultSpecID = 0
        } else {
            throw IcebergError(.invalidMetadata, "table metadata needs 'partition-specs'", context: "partition-specs")
        }
        let lastPartitionID: Int
        if let l = json["last-partition-id"]?.intValue {
            lastPartitionID = Int(l)
        } else if !v2 {
            lastPartitionID = specs.flatMap { $0.fields.map(\.fieldID) }.max() ?? 999
        } else {
            throw IcebergError(.invalidMetadata, "v2 table metadata needs 'last-partition-id'", context: "last-partition-id")
        }

        // Sort orders
        var orders: [SortOrder] = []
        if let list = json["sort-orders"]?.arrayValue {
            for (i, o) in list.enumerated() {
                do { orders.append(try SortOrder(json: o)) } catch {
                    throw IcebergError(error.kind, error.message, context: "sort-orders[\(i)]")
                }
            }
        } else if v2 {
            throw IcebergError(.invalidMetadata, "v2 table metadata needs 'sort-orders'", context: "sort-orders")
        } else {
            orders = [.unsorted]
        }
        let defaultSortOrderID = Int(json["default-sort-order-id"]?.intValue ?? (v2 ? -1 : 0))
        guard defaultSortOrderID >= 0 else {
            throw IcebergError(.invalidMetadata, "v2 table metadata needs 'default-sort-order-id'", context: "default-sort-order-id")
        }

        // Properties
        var properties: [String: String] = [:]
        for m in json["properties"]?.objectValue ?? [] {
            guard let v = m.value.stringValue else {
                throw IcebergError(.invalidMetadata, "property '\(m.key)' is not a string", context: "properties")
            }
            properties[m.key] = v
        }

        // Snapshots and refs
        var snapshots: [Snapshot] = []
        for (i, s) in (json["snapshots"]?.arrayValue ?? []).enumerated() {
            do { snapshots.append(try Snapshot(json: s)) } catch {
                throw IcebergError(error.kind, error.message, context: "snapshots[\(i)]")
            }
        }
        var current = json["current-snapshot-id"]?.intValue
        if current == -1 { current = nil }
        var refs: [String: SnapshotRef] = [:]
        for m in json["refs"]?.objectValue ?? [] {
            do { refs[m.key] = try SnapshotRef(json: m.value) } catch {
                throw IcebergError(error.kind, error.message, context: "refs.\(m.key)")
            }
        }
        if let current, refs["main"] == nil { refs["main"] = SnapshotRef(snapshotID: current, kind: .branch) }
        var snapshotLog: [SnapshotLogEntry] = []
        for e in json["snapshot-log"]?.arrayValue ?? [] {
            guard let id = e["snapshot-id"]?.intValue, let ts = e["timestamp-ms"]?.intValue else {
                throw IcebergError(.invalidMetadata, "snapshot-log entry needs 'snapshot-id' and 'timestamp-ms'", context: "snapshot-log")
            }
            snapshotLog.append(SnapshotLogEntry(snapshotID: id, timestampMs: ts))
        }
        var metadataLog: [MetadataLogEntry] = []
        for e in json["metadata-log"]?.arrayValue ?? [] {
            guard let file = e["metadata-file"]?.stringValue, let ts = e["timestamp-ms"]?.intValue else {
                throw IcebergError(.invalidMetadata, "metadata-log entry needs 'metadata-file' and 'timestamp-ms'", context: "metadata-log")
            }
            metadataLog.append(MetadataLogEntry(metadataFile: file, timestampMs: ts))
        }

        let schema = schemas.first { $0.schemaID == currentSchemaID }!
        self.init(tableUUID: uuid, location: location, schema: schema, lastUpdatedMs: try required("last-updated-ms", json["last-updated-ms"]?.intValue))
        self.lastSequenceNumber = json["last-sequence-number"]?.intValue ?? (v2 ? -1 : 0)
        guard lastSequenceNumber >= 0 else {
            throw IcebergError(.invalidMetadata, "v2 table metadata needs 'last-sequence-number'", context: "last-sequence-number")
        }
        self.lastColumnID = Int(try required("last-column-id", json["last-column-id"]?.intValue))
        self.schemas = schemas
        self.currentSchemaID = currentSchemaID
        self.partitionSpecs = specs
        self.defaultSpecID = defaultSpecID
        self.lastPartitionID = lastPartitionID
        self.sortOrders = orders
        self.defaultSortOrderID = defaultSortOrderID
        self.properties = properties
        self.currentSnapshotID = current
        self.snapshots = snapshots
        self.refs = refs
        self.snapshotLog = snapshotLog
        self.metadataLog = metadataLog
        self.statistics = json["statistics"]?.arrayValue ?? []
        self.partitionStatistics = json["partition-statistics"]?.arrayValue ?? []
        self.formatVersion = 2
        try checkReferences()
    }

    /// Checks that the ids the metadata refers to exist: the default spec and sort order, and
    /// the snapshots of `current-snapshot-id` and every ref; and that `main` agrees with
    /// `current-snapshot-id`.
    public func checkReferences() throws(IcebergError) {
        guard spec(id: defaultSpecID) != nil else {
            throw IcebergError(.invalidMetadata, "default-spec-id \(defaultSpecID) is not among the partition specs", context: "default-spec-id")
        }
        guard defaultSortOrder != nil else {
            throw IcebergError(.invalidMetadata, "default-sort-order-id \(defaultSortOrderID) is not among the sort orders", context: "default-sort-order-id")
        }
        if let currentSnapshotID, snapshot(id: currentSnapshotID) == nil {
            throw IcebergError(.invalidMetadata, "current-snapshot-id \(currentSnapshotID) is not among the snapshots", context: "current-snapshot-id")
        }
        for name in refs.keys.sorted() where snapshot(id: refs[name]!.snapshotID) == nil {
            throw IcebergError(.invalidMetadata, "ref '\(name)' points at snapshot \(refs[name]!.snapshotID), which is not in the metadata", context: "refs.\(name)")
        }
        if let main = refs["main"], main.snapshotID != currentSnapshotID || main.kind != .branch {
            throw IcebergError(.invalidMetadata, "the 'main' ref must be a branch at current-snapshot-id", context: "refs.main")
        }
    }

    /// The metadata as v2 JSON, keys in the order of the spec's field table; map-valued
    /// fields (`properties`, `refs`) sorted by key so output is stable.
    public var json: JSONValue {
        var members: [JSONMember] = [
            JSONMember("format-version", .int(Int64(formatVersion))),
            JSONMember("table-uuid", .string(tableUUID)),
            JSONMember("location", .string(location)),
            JSONMember("last-sequence-number", .int(lastSequenceNumber)),
            JSONMember("last-updated-ms", .int(lastUpdatedMs)),
            JSONMember("last-column-id", .int(Int64(lastColumnID))),
            JSONMember("current-schema-id", .int(Int64(currentSchemaID))),
            JSONMember("schemas", .array(schemas.map(\.json))),
            JSONMember("default-spec-id", .int(Int64(defaultSpecID))),
            JSONMember("partition-specs", .array(partitionSpecs.map(\.json))),
            JSONMember("last-partition-id", .int(Int64(lastPartitionID))),
            JSONMember("default-sort-order-id", .int(Int64(defaultSortOrderID))),
            JSONMember("sort-orders", .array(sortOrders.map(\.json))),
            JSONMember("properties", .object(properties.keys.sorted().map { JSONMember($0, .string(properties[$0]!)) })),
        ]
        if let currentSnapshotID { members.append(JSONMember("current-snapshot-id", .int(currentSnapshotID))) }
        var allRefs = refs
        if let currentSnapshotID, allRefs["main"] == nil { allRefs["main"] = SnapshotRef(snapshotID: currentSnapshotID, kind: .branch) }
        members.append(JSONMember("refs", .object(allRefs.keys.sorted().map { JSONMember($0, allRefs[$0]!.json) })))
        members.append(JSONMember("snapshots", .array(snapshots.map(\.json))))
        members.append(JSONMember("statistics", .array(statistics)))
        members.append(JSONMember("partition-statistics", .array(partitionStatistics)))
        members.append(JSONMember("snapshot-log", .array(snapshotLog.map {
            .object([JSONMember("timestamp-ms", .int($0.timestampMs)), JSONMember("snapshot-id", .int($0.snapshotID))])
        })))
        members.append(JSONMember("metadata-log", .array(metadataLog.map {
            .object([JSONMember("timestamp-ms", .int($0.timestampMs)), JSONMember("metadata-file", .string($0.metadataFile))])
        })))
        return .object(members)
    }

    /// The metadata as pretty-printed v2 JSON text, ready to be written as `NNNNN-<uuid>.metadata.json`.
    public var jsonText: String { json.serialized(pretty: true) + "\n" }

    /// The conventional metadata file name for `version`: `00001-<uuid>.metadata.json`.
    public static func metadataFileName(version: Int, uuid: String) -> String {
        let v = String(version)
        return String(repeating: "0", count: max(0, 5 - v.count)) + v + "-" + uuid.lowercased() + ".metadata.json"
    }
}
