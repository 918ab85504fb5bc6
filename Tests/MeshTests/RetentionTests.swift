import Catalog
import Foundation
import Iceberg
import Testing
@testable import Mesh

/// Retention: versions older than the contract's retention SLA expire (tags, snapshots and the
/// files only they held), the latest never does, reads and replays name the expired version.
@Suite struct RetentionTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let day: TimeInterval = 86_400

    /// A contract text with a retention SLA of `value` `unit` added.
    static func withRetention(_ text: String, _ value: Int, _ unit: String) -> String {
        text.replacingOccurrences(of: "slaProperties:\n", with: "slaProperties:\n  - property: retention\n    value: \(value)\n    unit: \(unit)\n")
    }

    /// An in-memory mesh whose transactions (and, with `balances`, payments.balances) contracts keep versions `days` days.
    static func mesh(days: Int = 10, balances: Bool = false) throws -> (MeshService, Principal, ManualClock) {
        let clock = ManualClock(start)
        let service = try MeshService.inMemory(now: clock.function)
        let admin = try service.resolveCaller(nil, environment: [:])
        try service.createDomain(name: "payments", owner: "payments-team", description: "Card payments", by: admin)
        _ = try service.applyPolicy(yaml: try ServiceMesh.text("service-policy.yaml"), source: "service-policy.yaml", by: admin)
        _ = try service.registerProduct(contractYAML: withRetention(try ServiceMesh.contract(), days, "d"), source: "transactions.yaml", by: admin)
        if balances {
            let contract = try ServiceMesh.contract {
                $0.replacingOccurrences(of: "id: payments-transactions", with: "id: payments-balances")
                    .replacingOccurrences(of: "dataProduct: transactions", with: "dataProduct: balances")
            }
            _ = try service.registerProduct(contractYAML: withRetention(contract, days, "d"), source: "balances.yaml", by: admin)
        }
        return (service, admin, clock)
    }

    /// Publishes rows whose events happened an hour before the clock's now.
    @discardableResult
    static func publish(_ service: MeshService, _ admin: Principal, _ clock: ManualClock, _ ids: [String], mode: PublishMode = .append,
                        product: String = "payments.transactions") throws -> PublishResult {
        let time = ISO8601DateFormatter().string(from: clock.now.addingTimeInterval(-3600))
        let rows = ids.map { "\($0),c1,1.5,EUR,\(time)" }
        return try service.publish(productID: product, inputs: [PublishInput(path: try ServiceMesh.csv(rows))], mode: mode, by: admin)
    }

    @Test func versionsOlderThanTheRetentionExpireButNeverTheLatest() throws {
        let (service, admin, clock) = try Self.mesh(days: 10)
        try Self.publish(service, admin, clock, ["a1", "a2"])               // v1, day 0
        clock.advance(6 * Self.day)
        try Self.publish(service, admin, clock, ["b1"], mode: .overwrite)  // v2, day 6: v1's file is no longer current
        clock.advance(6 * Self.day)
        try Self.publish(service, admin, clock, ["c1"])                     // v3, day 12
        let v1 = try #require(service.versions("payments.transactions").first)
        let before = try service.openTable("payments.transactions")
        let v1Snapshot = try #require(v1.snapshots["payments.transactions"])
        #expect(before.metadata.snapshot(id: v1Snapshot) != nil)

        // A dry run reports and changes nothing.
        let dry = try #require(service.applyRetention(productID: "payments.transactions", dryRun: true, by: admin).first)
        #expect(dry.dryRun && dry.expired == [1] && dry.kept == [2, 3] && dry.deletedFiles.isEmpty && dry.retentionSeconds == 10 * Self.day)
        #expect(try service.openTable("payments.transactions").metadataLocation == before.metadataLocation)
        #expect(try service.versions("payments.transactions").allSatisfy { $0.status == .published })

        let outcome = try #require(service.applyRetention(productID: "payments.transactions", by: admin).first)
        #expect(outcome.expired == [1] && outcome.kept == [2, 3] && !outcome.dryRun)
        #expect(outcome.cutoff == clock.now.addingTimeInterval(-10 * Self.day))
        // v1's data file was held by v1 alone (v2 overwrote it): it is gone from the warehouse.
        #expect(outcome.deletedFiles.contains { $0.hasSuffix(".parquet") })
        let after = try service.openTable("payments.transactions")
        #expect(after.metadata.snapshot(id: v1Snapshot) == nil)
        #expect(after.metadata.refs["v1"] == nil && after.metadata.refs["v2"] != nil && after.metadata.refs["v3"] != nil)
        for key in outcome.deletedFiles { #expect(throws: (any Error).self) { try after.store.read(key) } }

        let versions = try service.versions("payments.transactions")
        #expect(versions.map(\.status) == [.expired, .published, .published])
        #expect(versions[0].revokedReason?.contains("10-day retention") == true)

        // Reading the expired version names it and what is still kept; the others read.
        let error = #expect(throws: MeshError.self) { _ = try service.read(productID: "payments.transactions", at: .number(1), by: admin) }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("payments.transactions@1 has expired") == true)
        #expect(error?.message.contains("versions still kept: 2–3") == true)
        var latest = try service.read(productID: "payments.transactions", by: admin)
        #expect(try ServiceMesh.rows(&latest).map { $0["txn_id"]! }.sorted() == ["b1", "c1"])
        var second = try service.read(productID: "payments.transactions", at: .number(2), by: admin)
        #expect(try ServiceMesh.rows(&second).map { $0["txn_id"]! } == ["b1"])

        // One event for the producer and subscribers, one audit entry; a second run finds nothing.
        let events = try service.events(product: "payments.transactions").filter { $0.kind == "version.expired" }
        #expect(events.count == 1 && events[0].message.contains("v1 expired"))
        let audit = try service.store.read { t throws(CatalogError) in try t.audit(principal: nil, target: "payments.transactions", limit: nil) }
        #expect(audit.contains { $0.action == "retention.apply" && $0.allowed })
        let again = try #require(service.applyRetention(productID: "payments.transactions", by: admin).first)
        #expect(again.expired.isEmpty && again.kept == [2, 3])
        #expect(try service.events(product: "payments.transactions").filter { $0.kind == "version.expired" }.count == 1)

        // Deriving from the expired version is refused too.
        let derived = #expect(throws: MeshError.self) {
            _ = try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: try ServiceMesh.csv(["d1,c1,1.0,EUR,\(ISO8601DateFormatter().string(from: clock.now))"]))],
                                    from: ["payments.transactions@1"], by: admin)
        }
        #expect(derived?.message.contains("deriving from it is no longer possible") == true)
    }

    @Test func theLatestVersionIsKeptWhateverItsAge() throws {
        let (service, admin, clock) = try Self.mesh(days: 1)
        try Self.publish(service, admin, clock, ["a1"])
        clock.advance(100 * Self.day)
        let outcome = try #require(service.applyRetention(by: admin).first)
        #expect(outcome.expired.isEmpty && outcome.kept == [1])
        var read = try service.read(productID: "payments.transactions", by: admin)
        #expect(try ServiceMesh.rows(&read).count == 1)
    }

    @Test func aContractWithoutRetentionExpiresNothing() throws {
        let (service, admin) = try ServiceMesh.mesh(clock: ManualClock(Self.start))
        let outcome = try #require(service.applyRetention(by: admin).first)
        #expect(outcome.retentionSeconds == nil && outcome.cutoff == nil && outcome.expired.isEmpty)
    }

    @Test func onlyTheOwningDomainsOwnersMayApplyIt() throws {
        let (service, admin, _) = try Self.mesh()
        let carla = try service.createPrincipal(name: "carla", roles: [.consumer], team: "fraud-team", by: admin)
        let paula = try service.createPrincipal(name: "paula", roles: [.owner], team: "payments-team", by: admin)
        let error = #expect(throws: MeshError.self) { _ = try service.applyRetention(productID: "payments.transactions", by: carla) }
        #expect(error?.kind == .forbidden)
        let all = #expect(throws: MeshError.self) { _ = try service.applyRetention(by: carla) }
        #expect(all?.kind == .forbidden)
        #expect(try service.applyRetention(by: paula).map(\.productID) == ["payments.transactions"])
        let unknown = #expect(throws: MeshError.self) { _ = try service.applyRetention(productID: "payments.nothing", by: admin) }
        #expect(unknown?.kind == .notFound)
    }

    @Test func aReplayAfterRetentionNamesTheExpiredInputAndItsOwnerWasAlerted() throws {
        let (service, admin, clock) = try Self.mesh(days: 1, balances: true)
        let carla = try service.createPrincipal(name: "carla", roles: [.consumer], team: "fraud-team", by: admin)
        for product in ["payments.transactions", "payments.balances"] {
            _ = try service.grant(productID: product, principal: "carla", purpose: "fraud-detection", clearance: "confidential", by: admin)
        }
        try TrainingSetServiceTests.publishHistory(service, admin, clock)   // balances v1, v2; transactions v1
        let built = try service.buildTrainingSet(specYAML: TrainingSetServiceTests.spec(), by: carla)
        #expect(built.record.inputs.map(\.description) == ["payments.transactions@1", "payments.balances@2"])
        try Self.publish(service, admin, clock, ["n1"], product: "payments.balances")
        try Self.publish(service, admin, clock, ["n2"])
        #expect(try service.replayTrainingSet(name: "pit", by: carla).matches)

        clock.advance(2 * Self.day)
        let outcomes = try service.applyRetention(by: admin)
        #expect(outcomes.first { $0.productID == "payments.balances" }?.expired == [1, 2])
        #expect(outcomes.first { $0.productID == "payments.transactions" }?.expired == [1])
        #expect(outcomes.allSatisfy { $0.unreplayable == ["pit"] })

        let error = #expect(throws: MeshError.self) { _ = try service.replayTrainingSet(name: "pit", by: carla) }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("input payments.transactions@1 has expired") == true)
        #expect(error?.message.contains("cannot be replayed") == true)
        // The training set's owner (fraud-team) was told, once per expiring product.
        let warnings = try service.events(consumer: "fraud-team").filter { $0.kind == "upstream.expired" }
        #expect(warnings.count == 2 && warnings.allSatisfy { $0.message.contains("training set pit can no longer be replayed") })
    }
}
