import Avro

/// The kind of change a snapshot made (`summary.operation`).
public enum SnapshotOperation: String, Sendable, Hashable {
    /// Only data files were added.
    case append
    /// Files were rewritten without changing table data (compaction).
    case replace
    /// Files were added and removed in a logical overwrite.
    case overwrite
    /// Data files were removed or delete files added.
    case delete
}

/// A snapshot: the table's state at one commit.
public struct Snapshot: Sendable, Hashable {
    /// The unique snapshot id.
    public var snapshotID: Int64
    /// The parent snapshot id; `nil` for the first snapshot of a lineage.
    public var parentSnapshotID: Int64?
    /// The table sequence number of this commit (0 for snapshots read from v1 metadata).
    public var sequenceNumber: Int64
    /// Milliseconds since the epoch when the snapshot was created.
    public var timestampMs: Int64
    /// Location of the manifest list (required in v2).
    public var manifestList: String?
    /// v1 only: manifest locations listed directly instead of a manifest list.
    public var manifests: [String]?
    /// The operation (`summary.operation`).
    public var operation: SnapshotOperation
    /// The other summary entries (`added-records`, `total-data-files`...).
    public var summary: [String: String]
    /// The current schema id when the snapshot was created.
    public var schemaID: Int?

    /// Creates a snapshot.
    public init(snapshotID: Int64, parentSnapshotID: Int64? = nil, sequenceNumber: Int64, timestampMs: Int64,
                manifestList: String?, manifests: [String]? = nil, operation: SnapshotOperation, summary: [String: String] = [:],
                schemaID: Int? = nil) {
        self.snapshotID = snapshotID
        self.parentSnapshotID = parentSnapshotID
        self.sequenceNumber = sequenceNumber
        self.timestampMs = timestampMs
        self.manifestList = manifestList
        self.manifests = manifests
        self.operation = operation
        self.summary = summary
        self.schemaID = schemaID
    }

    /// The snapshot as v2 JSON: summary has `operation` first, then the other keys sorted.
    public var json: JSONValue {
        var members = [JSONMember("snapshot-id", .int(snapshotID))]
        if let parentSnapshotID { members.append(JSONMember("parent-snapshot-id", .int(parentSnapshotID))) }
        members.append(JSONMember("sequence-number", .int(sequenceNumber)))
        members.append(JSONMember("timestamp-ms", .int(timestampMs)))
        if let manifestList { members.append(JSONMember("manifest-list", .string(manifestList))) }
        if manifestList == nil, let manifests { members.append(JSONMember("manifests", .array(manifests.map { .string($0) }))) }
        var summaryMembers = [JSONMember("operation", .string(operation.rawValue))]
        for key in summary.keys.sorted() where key != "operation" { summaryMembers.append(JSONMember(key, .string(summary[key]!))) }
        members.append(JSONMember("summary", .object(summaryMembers)))
        if let schemaID { members.append(JSONMember("schema-id", .int(Int64(schemaID)))) }
        return .object(members)
    }

    /// Parses a snapshot; v1 defaults apply (sequence number 0, operation `append` when no summary).
    public init(json: JSONValue) throws(IcebergError) {
        guard let id = json["snapshot-id"]?.intValue, let ts = json["timestamp-ms"]?.intValue else {
            throw IcebergError(.invalidMetadata, "snapshot without 'snapshot-id' or 'timestamp-ms'")
        }
        var summary: [String: String] = [:]
        var operation = SnapshotOperation.append
        if let members = json["summary"]?.objectValue {
            for m in members {
                guard let v = m.value.stringValue else {
                    throw IcebergError(.invalidMetadata, "summary value of '\(m.key)' is not a string", context: "snapshot \(id)")
                }
                if m.key == "operation" {
                    guard let op = SnapshotOperation(rawValue: v) else {
                        throw IcebergError(.invalidMetadata, "unknown snapshot operation '\(v)'", context: "snapshot \(id)")
                    }
                    operation = op
                } else {
                    summary[m.key] = v
                }
            }
        }
        let parent = json["parent-snapshot-id"]?.intValue
        self.init(snapshotID: id, parentSnapshotID: parent == -1 ? nil : parent, sequenceNumber: json["sequence-number"]?.intValue ?? 0,
                  timestampMs: ts, manifestList: json["manifest-list"]?.stringValue,
                  manifests: json["manifests"]?.arrayValue?.compactMap(\.stringValue), operation: operation, summary: summary,
                  schemaID: json["schema-id"]?.intValue.map { Int($0) })
    }
}

/// A named reference to a snapshot: a branch (movable) or a tag (fixed), with retention settings.
public struct SnapshotRef: Sendable, Hashable {
    /// Branch or tag.
    public enum Kind: String, Sendable, Hashable {
        /// A movable reference that commits advance.
        case branch
        /// A fixed label for one snapshot.
        case tag
    }

    /// The referenced snapshot.
    public var snapshotID: Int64
    /// Branch or tag.
    public var kind: Kind
    /// Branches only: the minimum number of snapshots to keep when expiring.
    public var minSnapshotsToKeep: Int?
    /// Branches only: the maximum age of snapshots to keep when expiring.
    public var maxSnapshotAgeMs: Int64?
    /// The maximum age of the reference itself (never applies to `main`).
    public var maxRefAgeMs: Int64?

    /// Creates a reference.
    public init(snapshotID: Int64, kind: Kind, minSnapshotsToKeep: Int? = nil, maxSnapshotAgeMs: Int64? = nil, maxRefAgeMs: Int64? = nil) {
        self.snapshotID = snapshotID
        self.kind = kind
        self.minSnapshotsToKeep = minSnapshotsToKeep
        self.maxSnapshotAgeMs = maxSnapshotAgeMs
        self.maxRefAgeMs = maxRefAgeMs
    }

    /// The reference as JSON.
    public var json: JSONValue {
        var members = [JSONMember("snapshot-id", .int(snapshotID)), JSONMember("type", .string(kind.rawValue))]
        if let minSnapshotsToKeep { members.append(JSONMember("min-snapshots-to-keep", .int(Int64(minSnapshotsToKeep)))) }
        if let maxSnapshotAgeMs { members.append(JSONMember("max-snapshot-age-ms", .int(maxSnapshotAgeMs))) }
        if let maxRefAgeMs { members.append(JSONMember("max-ref-age-ms", .int(maxRefAgeMs))) }
        return .object(members)
    }

    /// Parses a reference.
    public init(json: JSONValue) throws(IcebergError) {
        guard let id = json["snapshot-id"]?.intValue, let kind = json["type"]?.stringValue.flatMap(Kind.init(rawValue:)) else {
            throw IcebergError(.invalidMetadata, "a ref needs 'snapshot-id' and 'type' (branch or tag)")
        }
        self.init(snapshotID: id, kind: kind, minSnapshotsToKeep: json["min-snapshots-to-keep"]?.intValue.map { Int($0) },
                  maxSnapshotAgeMs: json["max-snapshot-age-ms"]?.intValue, maxRefAgeMs: json["max-ref-age-ms"]?.intValue)
    }
}

/// An entry of the snapshot log: when the current snapshot changed, and to what.
public struct SnapshotLogEntry: Sendable, Hashable {
    /// The snapshot that became current.
    public var snapshotID: Int64
    /// When, in milliseconds since the epoch.
    public var timestampMs: Int64

    /// Creates an entry.
    public init(snapshotID: Int64, timestampMs: Int64) {
        self.snapshotID = snapshotID
        self.timestampMs = timestampMs
    }
}

/// An entry of the metadata log: a previous metadata file and when it was replaced.
public struct MetadataLogEntry: Sendable, Hashable {
    /// The previous metadata file's location.
    public var metadataFile: String
    /// Its `last-updated-ms`.
    public var timestampMs: Int64

    /// Creates an entry.
    public init(metadataFile: String, timestampMs: Int64) {
        self.metadataFile = metadataFile
        self.timestampMs = timestampMs
    }
}
