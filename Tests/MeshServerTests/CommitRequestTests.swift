import Columnar
import Foundation
import Iceberg
import Testing
@testable import Mesh
@testable import MeshServer

@Suite("Iceberg commit requests")
struct CommitRequestTests {
    static let body = """
        {"identifier": {"namespace": ["payments"], "name": "transactions"},
         "requirements": [{"type": "assert-table-uuid", "uuid": "u-1"},
                          {"type": "assert-ref-snapshot-id", "ref": "main", "snapshot-id": 10},
                          {"type": "assert-current-schema-id", "current-schema-id": 0}],
         "updates": [{"action": "add-snapshot", "snapshot": {"snapshot-id": 11, "parent-snapshot-id": 10, "sequence-number": 3,
                       "timestamp-ms": 1700000000000, "manifest-list": "file:///w/snap-11.avro", "summary": {"operation": "append", "added-records": "1"}, "schema-id": 0}},
                     {"action": "set-snapshot-ref", "ref-name": "main", "type": "branch", "snapshot-id": 11},
                     {"action": "set-properties", "updates": {"owner-note": "x"}}]}
        """

    @Test("pyiceberg's append request parses into requirements and updates")
    func parse() throws {
        let request = try CommitTableRequest(json: Array(Self.body.utf8))
        #expect(request.requirements == [.tableUUID("u-1"), .refSnapshotID(ref: "main", snapshotID: 10), .currentSchemaID(0)])
        #expect(request.updates.count == 3)
        guard case .addSnapshot(let snapshot) = request.updates[0] else { Issue.record("not add-snapshot"); return }
        #expect(snapshot.snapshotID == 11 && snapshot.parentSnapshotID == 10 && snapshot.operation == .append)
        #expect(request.updates[1] == .setSnapshotRef(name: "main", ref: SnapshotRef(snapshotID: 11, kind: .branch)))
        #expect(request.updates[2] == .setProperties(["owner-note": "x"]))
    }

    @Test("unknown updates, table creation and malformed bodies are bad requests naming what is accepted")
    func refusals() {
        let schema = #"{"updates": [{"action": "add-schema", "schema": {}}]}"#
        let error = #expect(throws: MeshError.self) { try CommitTableRequest(json: Array(schema.utf8)) }
        #expect(error?.kind == .invalidInput)
        #expect(error?.message.contains("add-snapshot, set-snapshot-ref") == true)
        let create = #"{"requirements": [{"type": "assert-create"}]}"#
        #expect((#expect(throws: MeshError.self) { try CommitTableRequest(json: Array(create.utf8)) })?.message.contains("mesh product register") == true)
        #expect((#expect(throws: MeshError.self) { try CommitTableRequest(json: Array("{".utf8)) })?.kind == .invalidInput)
    }

    static func metadata() throws -> TableMetadata {
        var m = TableMetadata(tableUUID: "u-1", location: "file:///w/t", schema: try IcebergSchema(Schema([Field("id", .int64)])), lastUpdatedMs: 1)
        m.snapshots = [Snapshot(snapshotID: 10, sequenceNumber: 1, timestampMs: 1, manifestList: "a", operation: .append, summary: [:])]
        m.currentSnapshotID = 10
        m.lastSequenceNumber = 1
        m.refs = ["main": SnapshotRef(snapshotID: 10, kind: .branch), "v1": SnapshotRef(snapshotID: 10, kind: .tag)]
        return m
    }

    @Test("requirements hold or fail as conflicts naming the difference")
    func requirements() throws {
        let m = try Self.metadata()
        try MeshService.check([.tableUUID("u-1"), .refSnapshotID(ref: "main", snapshotID: 10), .refSnapshotID(ref: "dev", snapshotID: nil)], against: m, identifier: "t")
        let stale = #expect(throws: MeshError.self) { try MeshService.check([.refSnapshotID(ref: "main", snapshotID: 9)], against: m, identifier: "t") }
        #expect(stale?.kind == .conflict)
        #expect(stale?.message.contains("main points at 10, not 9") == true)
        #expect((#expect(throws: MeshError.self) { try MeshService.check([.tableUUID("other")], against: m, identifier: "t") })?.kind == .conflict)
    }

    @Test("updates add the snapshot and move main; version tags and mesh properties are refused")
    func updates() throws {
        let m = try Self.metadata()
        let snapshot = Snapshot(snapshotID: 11, parentSnapshotID: 10, sequenceNumber: 2, timestampMs: 5, manifestList: "b", operation: .append, summary: [:])
        let next = try MeshService.apply([.addSnapshot(snapshot), .setSnapshotRef(name: "main", ref: SnapshotRef(snapshotID: 11, kind: .branch))],
                                         to: m, identifier: "t", now: Date())
        #expect(next.currentSnapshotID == 11)
        #expect(next.lastSequenceNumber == 2)
        #expect(next.refs["v1"]?.snapshotID == 10)
        #expect(next.snapshotLog.last?.snapshotID == 11)
        for update: TableUpdate in [.removeSnapshotRef("v1"), .removeSnapshotRef("main"), .setSnapshotRef(name: "v2", ref: SnapshotRef(snapshotID: 10, kind: .tag)),
                                    .setProperties(["meshwork.product": "x"]), .removeProperties(["meshwork.object"]),
                                    .setSnapshotRef(name: "main", ref: SnapshotRef(snapshotID: 99, kind: .branch))] {
            let error = #expect(throws: MeshError.self) { try MeshService.apply([update], to: m, identifier: "t", now: Date()) }
            #expect(error?.kind == .invalidInput, "\(update)")
        }
        let stale = Snapshot(snapshotID: 12, parentSnapshotID: 10, sequenceNumber: 1, timestampMs: 5, manifestList: "c", operation: .append, summary: [:])
        #expect(throws: MeshError.self) { try MeshService.apply([.addSnapshot(stale)], to: m, identifier: "t", now: Date()) }
    }
}
