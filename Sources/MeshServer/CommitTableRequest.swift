import Avro
import Iceberg
import Mesh

/// The body of an Iceberg REST commit (`CommitTableRequest`): requirements and updates.
public struct CommitTableRequest: Sendable {
    /// The preconditions.
    public var requirements: [TableRequirement]
    /// The changes.
    public var updates: [TableUpdate]

    /// Parses the JSON body.
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` for malformed JSON, an unknown requirement,
    ///   or an update action the mesh does not accept (naming the ones it does).
    public init(json bytes: [UInt8]) throws(MeshError) {
        let json: JSONValue
        do { json = try JSONValue.parse(bytes) } catch { throw MeshError(.invalidInput, "the commit request is not JSON: \(error)") }
        requirements = []
        updates = []
        for item in json["requirements"]?.arrayValue ?? [] {
            requirements.append(try Self.requirement(item))
        }
        for item in json["updates"]?.arrayValue ?? [] {
            updates.append(try Self.update(item))
        }
    }

    static func requirement(_ item: JSONValue) throws(MeshError) -> TableRequirement {
        func int(_ key: String) throws(MeshError) -> Int {
            guard let value = item[key]?.intValue else { throw MeshError(.invalidInput, "requirement \(item["type"]?.stringValue ?? "?") needs \(key)") }
            return Int(value)
        }
        switch item["type"]?.stringValue {
        case "assert-table-uuid":
            guard let uuid = item["uuid"]?.stringValue else { throw MeshError(.invalidInput, "assert-table-uuid needs uuid") }
            return .tableUUID(uuid)
        case "assert-ref-snapshot-id":
            guard let ref = item["ref"]?.stringValue else { throw MeshError(.invalidInput, "assert-ref-snapshot-id needs ref") }
            return .refSnapshotID(ref: ref, snapshotID: item["snapshot-id"]?.intValue)
        case "assert-current-schema-id": return .currentSchemaID(try int("current-schema-id"))
        case "assert-last-assigned-field-id": return .lastAssignedFieldID(try int("last-assigned-field-id"))
        case "assert-default-spec-id": return .defaultSpecID(try int("default-spec-id"))
        case "assert-last-assigned-partition-id": return .lastAssignedPartitionID(try int("last-assigned-partition-id"))
        case "assert-default-sort-order-id": return .defaultSortOrderID(try int("default-sort-order-id"))
        case "assert-create":
            throw MeshError(.invalidInput, "tables cannot be created through the catalog: register the product's contract (`mesh product register`)")
        case let other:
            throw MeshError(.invalidInput, "unknown commit requirement \(other ?? "without a type")")
        }
    }

    static func update(_ item: JSONValue) throws(MeshError) -> TableUpdate {
        switch item["action"]?.stringValue {
        case "add-snapshot":
            guard let snapshot = item["snapshot"] else { throw MeshError(.invalidInput, "add-snapshot needs snapshot") }
            do { return .addSnapshot(try Snapshot(json: snapshot)) } catch { throw MeshError(.invalidInput, "add-snapshot: \(error.message)") }
        case "set-snapshot-ref":
            guard let name = item["ref-name"]?.stringValue, let id = item["snapshot-id"]?.intValue,
                  let kind = item["type"]?.stringValue.flatMap(SnapshotRef.Kind.init(rawValue:)) else {
                throw MeshError(.invalidInput, "set-snapshot-ref needs ref-name, snapshot-id and type (branch or tag)")
            }
            return .setSnapshotRef(name: name, ref: SnapshotRef(snapshotID: id, kind: kind, minSnapshotsToKeep: item["min-snapshots-to-keep"]?.intValue.map { Int($0) },
                                                                 maxSnapshotAgeMs: item["max-snapshot-age-ms"]?.intValue, maxRefAgeMs: item["max-ref-age-ms"]?.intValue))
        case "remove-snapshot-ref":
            guard let name = item["ref-name"]?.stringValue else { throw MeshError(.invalidInput, "remove-snapshot-ref needs ref-name") }
            return .removeSnapshotRef(name)
        case "set-properties":
            var properties: [String: String] = [:]
            for member in item["updates"]?.objectValue ?? [] {
                guard let value = member.value.stringValue else { throw MeshError(.invalidInput, "set-properties: \(member.key) is not a string") }
                properties[member.key] = value
            }
            return .setProperties(properties)
        case "remove-properties":
            return .removeProperties(item["removals"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        case let other:
            throw MeshError(.invalidInput, "the catalog does not accept the update \(other ?? "without an action"): it accepts add-snapshot, set-snapshot-ref, "
                            + "remove-snapshot-ref, set-properties and remove-properties; change schemas by registering a new contract version")
        }
    }
}
