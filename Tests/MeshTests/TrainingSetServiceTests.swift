import Catalog
import Columnar
import Foundation
import Iceberg
import Testing
@testable import Mesh

/// Training sets built on the mesh: pinned versions, known-at times from publish history,
/// policy-checked reads, the output table, manifest, lineage and replay.
@Suite struct TrainingSetServiceTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func iso(_ offsetHours: Double) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: start.addingTimeInterval(offsetHours * 3600))
    }

    /// The payments mesh with a second product, payments.balances (same columns), and carla (consumer, fraud-team).
    static func mesh() throws -> (MeshService, Principal, Principal, ManualClock) {
        let clock = ManualClock(start)
        let (service, admin) = try ServiceMesh.mesh(clock: clock)
        let balances = try ServiceMesh.contract {
            $0.replacingOccurrences(of: "id: payments-transactions", with: "id: payments-balances")
                .replacingOccurrences(of: "dataProduct: transactions", with: "dataProduct: balances")
        }
        _ = try service.registerProduct(contractYAML: balances, source: "balances.yaml", by: admin)
        let carla = try service.createPrincipal(name: "carla", roles: [.consumer], team: "fraud-team", by: admin)
        return (service, admin, carla, clock)
    }

    /// Features: v1 at +0h (c1 EUR and c2 EUR at -3h); v2 at +2h, a late correction for c1 at -2h (USD).
    /// Labels published at +4h: l1 c1 at +1h, l2 c1 at +3h, l3 c2 at +1h, l4 c3 at +1h (no features).
    static func publishHistory(_ service: MeshService, _ admin: Principal, _ clock: ManualClock) throws {
        _ = try service.publish(productID: "payments.balances", inputs: [PublishInput(path: try ServiceMesh.csv(
            ["f1,c1,1,EUR,\(iso(-3))", "f2,c2,2,EUR,\(iso(-3))"]))], by: admin)
        clock.advance(2 * 3600)
        _ = try service.publish(productID: "payments.balances", inputs: [PublishInput(path: try ServiceMesh.csv(["f3,c1,3,USD,\(iso(-2))"]))], by: admin)
        clock.advance(2 * 3600)
        _ = try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: try ServiceMesh.csv(
            ["l1,c1,10,EUR,\(iso(1))", "l2,c1,20,EUR,\(iso(3))", "l3,c2,30,EUR,\(iso(1))", "l4,c3,40,EUR,\(iso(1))"]))], by: admin)
        clock.advance(3600)
    }

    static func spec(name: String = "pit", asOf: Bool = true, purpose: String = "fraud-detection",
                     labelKey: String = "customer_id", featureColumns: String = "[currency]") -> String {
        """
        name: \(name)
        owner: fraud-team
        purpose: \(purpose)
        asOfKnownTime: \(asOf)
        label:
          product: payments.transactions
          keys: [\(labelKey)]
          eventTime: event_time
          columns: [amount]
        features:
          - product: payments.balances
            alias: bal
            columns: \(featureColumns)
            keys: [\(labelKey)]
            eventTime: event_time
        splits:
          - {name: train, from: "\(iso(0))", until: "\(iso(2))"}
          - {name: test, from: "\(iso(2))", until: "\(iso(10))"}
        """
    }

    /// The output table's rows, per label id, as `column → text`.
    static func outputRows(_ service: MeshService, _ name: String, key: String = "customer_id") throws -> [[String: String]] {
        let table = try service.openTable("\(MeshService.trainingSetNamespace).\(name)")
        let batches = try PublishPipeline.iceberg { () throws(IcebergError) -> [RecordBatch] in try TableScan(table: table).readAll() }
        var out: [[String: String]] = []
        for batch in batches {
            for row in 0..<batch.count {
                var values: [String: String] = [:]
                for (i, field) in batch.schema.fields.enumerated() { values[field.name] = cellText(batch.columns[i].value(at: row)) }
                out.append(values)
            }
        }
        return out.sorted { ($0["event_time"] ?? "", $0["amount"] ?? "") < ($1["event_time"] ?? "", $1["amount"] ?? "") }
    }

    @Test func pointInTimeWithLateCorrectionAsKnown() throws {
        let (service, admin, carla, clock) = try Self.mesh()
        try Self.publishHistory(service, admin, clock)
        _ = try service.grant(productID: "payments.transactions", principal: "carla", purpose: "fraud-detection", clearance: "confidential", by: admin)
        _ = try service.grant(productID: "payments.balances", principal: "carla", purpose: "fraud-detection", clearance: "confidential", by: admin)

        let result = try service.buildTrainingSet(specYAML: Self.spec(), by: carla)
        #expect(result.manifest.splits.map(\.name) == ["train", "test"])
        #expect(result.manifest.splits.map(\.rows) == [3, 1])
        #expect(result.manifest.inputs.map(\.ref.description) == ["payments.transactions@1", "payments.balances@2"])
        #expect(result.manifest.inputs.allSatisfy { $0.basis == "grant" })
        let rows = try Self.outputRows(service, "pit")
        // amount 10 (c1 at +1h): the correction published at +2h is not known yet → EUR from v1.
        // amount 20 (c1 at +3h): the correction is known → USD. amount 30 (c2): EUR. amount 40 (c3): no feature.
        let byAmount = Dictionary(uniqueKeysWithValues: rows.map { ($0["amount"]!, $0["currency"]!) })
        #expect(byAmount == ["10.0": "EUR", "20.0": "USD", "30.0": "EUR", "40.0": "null"])

        // Without as-of-known-time the correction leaks into the +1h label.
        let leaky = try service.buildTrainingSet(specYAML: Self.spec(asOf: false), name: "pit-leaky", by: carla)
        let leakyRows = try Self.outputRows(service, "pit-leaky")
        #expect(Dictionary(uniqueKeysWithValues: leakyRows.map { ($0["amount"]!, $0["currency"]!) })["10.0"] == "USD")
        #expect(leaky.record.contentHash != result.record.contentHash)

        // The table carries one tag per split; the split's rows are those its snapshot appended.
        let table = try service.openTable("_trainsets.pit")
        #expect(table.metadata.refs["train"]?.snapshotID == result.manifest.splits[0].snapshotID)
        #expect(table.metadata.refs["test"]?.snapshotID == result.manifest.splits[1].snapshotID)

        // Lineage: built-from both input versions; a second build under the name conflicts.
        let edges = try service.read { t throws(CatalogError) in try t.lineage(upstreamOf: LineageNode(kind: .trainingSet, key: "pit")) }
        #expect(Set(edges.map(\.upstream.key)) == ["payments.transactions@1", "payments.balances@2"])
        #expect(edges.allSatisfy { $0.relation == "built-from" })
        expectMeshError(.conflict) { try service.buildTrainingSet(specYAML: Self.spec(), by: carla) }
    }

    @Test func replayAfterNewerVersionsIsIdentical() throws {
        let (service, admin, carla, clock) = try Self.mesh()
        try Self.publishHistory(service, admin, clock)
        _ = try service.grant(productID: "payments.transactions", principal: "carla", purpose: "fraud-detection", clearance: "confidential", by: admin)
        _ = try service.grant(productID: "payments.balances", principal: "carla", purpose: "fraud-detection", clearance: "confidential", by: admin)
        let built = try service.buildTrainingSet(specYAML: Self.spec(), by: carla)

        _ = try service.publish(productID: "payments.balances", inputs: [PublishInput(path: try ServiceMesh.csv(["f9,c3,9,SEK,\(Self.iso(-1))"]))], by: admin)
        _ = try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: try ServiceMesh.csv(["l9,c1,90,EUR,\(Self.iso(4))"]))], by: admin)
        let replay = try service.replayTrainingSet(name: "pit", by: carla)
        #expect(replay.matches)
        #expect(replay.actualHash == built.record.contentHash)
        #expect(replay.inputs.map(\.description) == ["payments.transactions@1", "payments.balances@2"])

        // Building the same spec now reads the newer versions and differs.
        let fresh = try service.buildTrainingSet(specYAML: Self.spec(), name: "pit-2", by: carla)
        #expect(fresh.record.contentHash != built.record.contentHash)
    }

    @Test func piiIsMaskedForThePurposeAndRecorded() throws {
        let (service, admin, carla, clock) = try Self.mesh()
        try Self.publishHistory(service, admin, clock)
        _ = try service.grant(productID: "payments.transactions", principal: "carla", purpose: "analytics", clearance: "confidential", by: admin)
        _ = try service.grant(productID: "payments.balances", principal: "carla", purpose: "analytics", clearance: "confidential", by: admin)
        // Joined on txn_id (not personal); customer_id is a feature, personal data not allowed for analytics.
        let spec = Self.spec(name: "masked", asOf: false, purpose: "analytics", labelKey: "txn_id", featureColumns: "[customer_id]")
        let result = try service.buildTrainingSet(specYAML: spec, by: carla)
        let feature = try #require(result.manifest.inputs.last)
        #expect(feature.masked == ["transactions.customer_id"])
        #expect(!feature.decisions.isEmpty)
        let values = try Self.outputRows(service, "masked").map { $0["customer_id"]! }
        #expect(!values.isEmpty)
        #expect(values.allSatisfy { !["c1", "c2", "c3"].contains($0) })
    }

    @Test func deniedInputFailsNamingIt() throws {
        let (service, admin, carla, clock) = try Self.mesh()
        try Self.publishHistory(service, admin, clock)
        _ = try service.grant(productID: "payments.transactions", principal: "carla", purpose: "fraud-detection", clearance: "confidential", by: admin)
        let error = expectMeshError(.forbidden) { try service.buildTrainingSet(specYAML: Self.spec(), by: carla) }
        #expect(error?.message.contains("payments.balances@2") == true)
        #expect(try service.trainingSets().isEmpty)
    }

    @Test func specProblemsAreInvalidInputWithPaths() throws {
        let (service, _, carla, _) = try Self.mesh()
        let error = expectMeshError(.invalidInput) {
            try service.buildTrainingSet(specYAML: Self.spec().replacingOccurrences(of: "alias: bal", with: "alias: bal\n    ttl: 3x"), by: carla)
        }
        #expect(error?.context == "features[0].ttl")
    }
}
