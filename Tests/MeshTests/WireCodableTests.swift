import Catalog
import Foundation
import Testing
import TestSupport
@testable import Mesh

/// Every service result the JSON API returns survives the wire: encoded the way the server
/// encodes (ISO-8601 dates, sorted keys), decoded the way the client decodes, and equal.
@Suite struct WireCodableTests {
    static func roundTrip<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(T.self, from: data)
        #expect(decoded == value, "\(T.self) changed on the wire: \(String(decoding: data, as: UTF8.self))", sourceLocation: sourceLocation)
    }

    @Test func publishShowRegisterAndRevokeResults() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let registration = try service.registerProduct(contractYAML: try ServiceMesh.contract(version: "1.1.0"), source: "t.yaml", by: admin)
        try Self.roundTrip(registration)
        let accepted = try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: try ServiceMesh.csv(ServiceMesh.goodRows))], by: admin)
        try Self.roundTrip(accepted)
        try Self.roundTrip(accepted.outcome)
        _ = try service.subscribe(productID: "payments.transactions", consumer: "fraud-team", purpose: "fraud-detection", by: admin)
        let details = try service.show("payments.transactions")
        #expect(details.latestStatistics != nil)
        try Self.roundTrip(details)
        let revocation = try service.revokeVersion("payments.transactions@1", reason: "bad batch", by: admin)
        try Self.roundTrip(revocation)
        try Self.roundTrip(try service.check(productID: "payments.transactions"))
        try Self.roundTrip(try service.stats())
        try Self.roundTrip(try service.eventDeliveries())
    }

    @Test func governanceIdentityAndErrorKinds() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let policy = try service.applyPolicy(yaml: try ServiceMesh.text("service-policy.yaml"), source: "p.yaml", dryRun: true, by: admin)
        try Self.roundTrip(policy)
        let glossary = try service.glossary()
        #expect(!glossary.isEmpty)
        try Self.roundTrip(glossary)
        let token = try service.createToken(for: admin.name, expires: Date(timeIntervalSince1970: 1_800_000_000), by: admin)
        try Self.roundTrip(token)
        for kind in MeshError.Kind.all {
            #expect(MeshError.Kind(description: kind.description) == kind)
        }
        #expect(MeshError.Kind(description: "nonsense") == nil)
    }

    @Test func trainingSetResults() throws {
        let time = Date(timeIntervalSince1970: 1_795_000_000)
        let ref = VersionRef(productID: "payments.transactions", version: 2)
        let split = TrainingSetManifest.Split(name: "train", rows: 10, snapshotID: 7)
        let input = TrainingSetManifest.Input(role: "label", product: "payments.transactions", version: 2, table: "payments.transactions", snapshotID: 5,
                                              snapshots: ["payments.transactions": 5], contractVersion: "1.0.0", publishedAt: time, columns: ["txn_id"],
                                              filter: nil, basis: "grant", masked: [], dropped: ["email"], decisions: ["email: dropped"], rows: 10)
        let manifest = TrainingSetManifest(name: "pit", spec: "name: pit\n", specHash: String(repeating: "0", count: 64), purpose: "fraud-detection",
                                           table: "trainsets.pit", inputs: [input], policyBundles: ["global@1"], splits: [split], leftOutRows: 0,
                                           contentHash: String(repeating: "1", count: 64))
        let record = TrainingSetRecord(name: "pit", specYAML: "name: pit\n", specHash: manifest.specHash, table: "trainsets.pit", manifest: "{}",
                                       contentHash: manifest.contentHash, inputs: [ref], owner: "fraud-team", builtAt: time, builtBy: "carla")
        try Self.roundTrip(TrainingSetBuildResult(record: record, manifest: manifest, matchedRows: ["features": 9]))
        try Self.roundTrip(TrainingSetReplay(name: "pit", expectedHash: "a", actualHash: "b", inputs: [ref], splits: [split]))
    }
}
