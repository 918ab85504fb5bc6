import Foundation
import Iceberg

extension MeshService {
    /// Checks an engine commit's requirements against the table's current metadata.
    ///
    /// - Throws: ``MeshError/Kind/conflict`` naming the first requirement that does not hold
    ///   (the engine reloads the table and retries).
    static func check(_ requirements: [TableRequirement], against m: TableMetadata, identifier: String) throws(MeshError) {
        for requirement in requirements {
            let problem: String? = switch requirement {
            case .tableUUID(let uuid):
                uuid == m.tableUUID ? nil : "the table's UUID is \(m.tableUUID), not \(uuid)"
            case .refSnapshotID(let ref, let id):
                m.refs[ref]?.snapshotID == id ? nil
                    : "\(ref) points at \(m.refs[ref].map { String($0.snapshotID) } ?? "nothing"), not \(id.map(String.init) ?? "nothing")"
            case .currentSchemaID(let id):
                id == m.currentSchemaID ? nil : "the current schema is \(m.currentSchemaID), not \(id)"
            case .lastAssignedFieldID(let id):
                id == m.lastColumnID ? nil : "the last assigned column id is \(m.lastColumnID), not \(id)"
            case .defaultSpecID(let id):
                id == m.defaultSpecID ? nil : "the default partition spec is \(m.defaultSpecID), not \(id)"
            case .lastAssignedPartitionID(let id):
                id == m.lastPartitionID ? nil : "the last assigned partition id is \(m.lastPartitionID), not \(id)"
            case .defaultSortOrderID(let id):
                id == m.defaultSortOrderID ? nil : "the default sort order is \(m.defaultSortOrderID), not \(id)"
            }
            if let problem {
                throw MeshError(.conflict, "commit requirement failed: \(problem); reload the table and retry", context: identifier)
            }
        }
    }

    /// Applies an engine commit's updates to a copy of the metadata.
    ///
    /// Version tags (`vN`) and `meshwork.*` properties belong to the mesh and cannot be set or
    /// removed; `main` can only be removed by no one.
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` for an update the mesh refuses.
    static func apply(_ updates: [TableUpdate], to base: TableMetadata, identifier: String, now: Date) throws(MeshError) -> TableMetadata {
        var m = base
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded())
        func refuse(_ message: String) -> MeshError { MeshError(.invalidInput, message, context: identifier) }
        for update in updates {
            switch update {
            case .addSnapshot(let snapshot):
                guard m.snapshot(id: snapshot.snapshotID) == nil else { throw refuse("snapshot \(snapshot.snapshotID) already exists") }
                guard snapshot.sequenceNumber > m.lastSequenceNumber || m.formatVersion < 2 else {
                    throw refuse("snapshot \(snapshot.snapshotID) has sequence number \(snapshot.sequenceNumber), not above the table's \(m.lastSequenceNumber)")
                }
                if let parent = snapshot.parentSnapshotID, m.snapshot(id: parent) == nil {
                    throw refuse("snapshot \(snapshot.snapshotID)'s parent \(parent) does not exist")
                }
                m.snapshots.append(snapshot)
                m.lastSequenceNumber = max(m.lastSequenceNumber, snapshot.sequenceNumber)
            case .setSnapshotRef(let name, let ref):
                guard !isVersionTag(name) else { throw refuse("\(name) is a version tag the mesh assigns; choose another name") }
                guard m.snapshot(id: ref.snapshotID) != nil else { throw refuse("\(name) cannot point at snapshot \(ref.snapshotID): it does not exist") }
                if name == "main" {
                    guard ref.kind == .branch else { throw refuse("main is a branch") }
                    if m.currentSnapshotID != ref.snapshotID {
                        m.currentSnapshotID = ref.snapshotID
                        m.snapshotLog.append(SnapshotLogEntry(snapshotID: ref.snapshotID, timestampMs: m.snapshot(id: ref.snapshotID)?.timestampMs ?? nowMs))
                    }
                }
                m.refs[name] = ref
            case .removeSnapshotRef(let name):
                guard name != "main" else { throw refuse("main cannot be removed") }
                guard !isVersionTag(name) else { throw refuse("\(name) is a version tag of the product; versions are never removed through the catalog") }
                m.refs[name] = nil
            case .setProperties(let properties):
                if let key = properties.keys.sorted().first(where: { $0.hasPrefix("meshwork.") }) {
                    throw refuse("property \(key) belongs to the mesh and cannot be set")
                }
                m.properties.merge(properties) { $1 }
            case .removeProperties(let keys):
                if let key = keys.first(where: { $0.hasPrefix("meshwork.") }) {
                    throw refuse("property \(key) belongs to the mesh and cannot be removed")
                }
                for key in keys { m.properties[key] = nil }
            }
        }
        return m
    }

    /// `v` followed by digits: a version tag the mesh assigns.
    static func isVersionTag(_ name: String) -> Bool {
        name.count > 1 && name.hasPrefix("v") && name.dropFirst().allSatisfy(\.isNumber)
    }
}
