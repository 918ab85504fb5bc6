import Catalog
import Foundation
import Iceberg
import Mesh
import Quality
import Synchronization
import Testing

/// `publish`: versions, the one catalog write per outcome, rejections, locking.
@Suite struct ServicePublishTests {
    @Test func acceptedPublishRecordsVersionEventLineageAndAudit() throws {
        let clock = ManualClock()
        let (service, admin) = try ServiceMesh.mesh(clock: clock)
        let first = try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: ServiceMesh.path("service-transactions-good.csv"))], by: admin)
        #expect(first.version.version == 1)
        #expect(first.version.tag == "v1")
        #expect(first.version.rowCount == 3)
        #expect(first.version.addedRows == 3)
        #expect(first.version.publishedAt == clock.now)
        #expect(first.version.newestEventTime == ISO8601DateFormatter().date(from: "2026-11-21T12:00:00Z"))
        #expect(first.version.snapshots["payments.transactions"] == first.outcome.snapshotID)
        clock.advance(3600)
        let second = try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: try ServiceMesh.csv(["t9,c1,12.5,EUR,2026-11-21T15:00:00Z", "t8,c2,99.0,USD,2026-11-21T16:00:00Z", "t7,c1,3.25,EUR,2026-11-21T17:00:00Z"]))],
                                         from: ["payments.transactions@1"], by: admin)
        #expect(second.version.version == 2)
        #expect(second.version.rowCount == 6)
        #expect(second.version.inputs == [VersionRef(productID: "payments.transactions", version: 1)])
        let table = try Table.load(name: "payments/transactions", store: service.warehouse, committer: StoreCommitter(store: service.store))
        #expect(table.metadata.refs["v1"]?.snapshotID == first.outcome.snapshotID)
        #expect(table.metadata.refs["v2"]?.snapshotID == second.outcome.snapshotID)
        #expect(table.metadata.refs.keys.filter { $0.hasPrefix("publish-") }.isEmpty)
        let edges = try service.store.read { t throws(CatalogError) in try t.lineage(upstreamOf: .version(second.version.ref)) }
        #expect(edges.map(\.upstream.key) == ["payments.transactions@1"])
        let events = try service.store.read { t throws(CatalogError) in try t.events(EventQuery(productID: "payments.transactions")) }
        #expect(events.map(\.kind) == ["publish.accepted", "publish.accepted"])
        #expect(events.map(\.version) == [1, 2])
        let audit = try service.store.read { t throws(CatalogError) in try t.audit(principal: nil, target: "payments.transactions", limit: nil) }
        #expect(audit.filter { $0.action == "publish" }.map(\.allowed) == [true, true])
    }

    @Test func rejectedPublishLeavesProductUnchangedAndAlertsEveryone() throws {
        let (service, admin) = try ServiceMesh.mesh()
        _ = try service.store.write { t throws(CatalogError) in
            _ = try t.insertSubscription(Subscription(productID: "payments.transactions", consumer: "fraud-ml", purpose: "fraud-detection", createdAt: Date()))
            return try t.insertSubscription(Subscription(productID: "payments.transactions", consumer: "bi", purpose: "analytics", createdAt: Date()))
        }
        try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: ServiceMesh.path("service-transactions-good.csv"))], by: admin)
        let before = try Table.load(name: "payments/transactions", store: service.warehouse, committer: StoreCommitter(store: service.store))
        let filesBefore = try service.warehouse.list(prefix: "payments/")

        let error = expectMeshError(.rejected) {
            try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: ServiceMesh.path("service-transactions-bad.csv"))], by: admin)
        }
        #expect(error?.details.contains { $0.hasPrefix("amount: ") && $0.contains("-5") } == true)
        #expect(error?.details.contains { $0.hasPrefix("currency: ") && $0.contains("euro") } == true)

        // Nothing moved: versions, table pointer, files.
        #expect(try service.versions("payments.transactions").map(\.version) == [1])
        let after = try Table.load(name: "payments/transactions", store: service.warehouse, committer: StoreCommitter(store: service.store))
        #expect(after.metadataLocation == before.metadataLocation)
        #expect(try service.warehouse.list(prefix: "payments/") == filesBefore)

        // Recorded: the rejection, the event to the producer and both subscribers, the audit.
        let rejections = try service.rejections("payments.transactions")
        #expect(rejections.count == 1)
        #expect(rejections[0].rowCount == 2)
        let events = try service.store.read { t throws(CatalogError) in try t.events(EventQuery(productID: "payments.transactions")) }
        let rejected = try #require(events.last)
        #expect(rejected.kind == "publish.rejected")
        #expect(rejected.detail.contains("\"observed\""))
        let recipients = try service.store.read { t throws(CatalogError) in try t.deliveries(eventID: rejected.id) }.map(\.recipient)
        #expect(Set(recipients) == ["payments-team", "fraud-ml", "bi"])
        let audit = try service.store.read { t throws(CatalogError) in try t.audit(principal: nil, target: "payments.transactions", limit: 1) }
        #expect(audit.first?.action == "publish")
        #expect(audit.first?.allowed == false)
        // The next good publish is still version 2.
        let next = try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: ServiceMesh.path("service-transactions-good.csv"))], by: admin)
        #expect(next.version.version == 2)
    }

    @Test func unreadableInputChangesNothing() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let ragged = try ServiceMesh.csv(["t1,c1,12.5,EUR,2026-11-21T10:00:00Z", "t2,c2"])
        let error = expectMeshError(.invalidInput) { try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: ragged)], by: admin) }
        #expect(error?.description.contains(ragged) == true)
        #expect(try service.versions("payments.transactions").isEmpty)
        #expect(try service.rejections("payments.transactions").isEmpty)
        let table = try Table.load(name: "payments/transactions", store: service.warehouse, committer: StoreCommitter(store: service.store))
        #expect(table.metadata.snapshots.isEmpty)
        #expect(table.metadata.refs.isEmpty)
    }

    @Test func publishChecksProductFromAndCaller() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let input = [PublishInput(path: ServiceMesh.path("service-transactions-good.csv"))]
        expectMeshError(.notFound) { try service.publish(productID: "payments.refunds", inputs: input, by: admin) }
        let missing = expectMeshError(.notFound) { try service.publish(productID: "payments.transactions", inputs: input, from: ["payments.transactions@4"], by: admin) }
        #expect(missing?.message.contains("no published version yet") == true)
        expectMeshError(.invalidInput) { try service.publish(productID: "payments.transactions", inputs: input, table: "refunds", by: admin) }
        let consumer = try service.createPrincipal(name: "carl", roles: [.consumer], team: "payments-team", by: admin)
        expectMeshError(.forbidden) { try service.publish(productID: "payments.transactions", inputs: input, by: consumer) }
        let producer = try service.createPrincipal(name: "pete", roles: [.producer], team: "payments-team", by: admin)
        #expect(try service.publish(productID: "payments.transactions", inputs: input, by: producer).version.publishedBy == "pete")
    }

    @Test func concurrentPublishesOfOneProductRunOneAfterTheOther() async throws {
        let (service, admin) = try ServiceMesh.mesh()
        let input = [PublishInput(path: ServiceMesh.path("service-transactions-good.csv"))]
        // Dispatch threads, not the concurrency pool: a publish waiting for the lock blocks its thread.
        let results: [Result<Int, MeshError>] = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let collected = Mutex<[Result<Int, MeshError>]>([])
                DispatchQueue.concurrentPerform(iterations: 4) { _ in
                    let result: Result<Int, MeshError>
                    do throws(MeshError) { result = .success(try service.publish(productID: "payments.transactions", inputs: input, by: admin).version.version) } catch {
                        result = .failure(error)
                    }
                    collected.withLock { $0.append(result) }
                }
                continuation.resume(returning: collected.withLock { $0 })
            }
        }
        let versions = results.compactMap { try? $0.get() }.sorted()
        #expect(versions == [1, 2, 3, 4], "\(results)")
        let stored = try service.versions("payments.transactions")
        #expect(stored.map(\.rowCount) == [3, 6, 9, 12])
        let table = try Table.load(name: "payments/transactions", store: service.warehouse, committer: StoreCommitter(store: service.store))
        for v in stored { #expect(table.metadata.refs[v.tag]?.snapshotID == v.snapshots["payments.transactions"]) }
    }

    @Test func publishThatNeverReachedTheCatalogIsUndoneByTheNext() throws {
        let clock = ManualClock()
        let (service, admin) = try ServiceMesh.mesh(clock: clock)
        let input = [PublishInput(path: ServiceMesh.path("service-transactions-good.csv"))]
        let first = try service.publish(productID: "payments.transactions", inputs: input, by: admin)
        // A publish that committed to the table as v2 and died before the catalog write.
        var table = try Table.load(name: "payments/transactions", store: service.warehouse, committer: StoreCommitter(store: service.store))
        let contract = try service.contract(of: "payments.transactions").contract
        let orphan = try PublishPipeline().run(PublishRequest(contract: contract, objectName: "transactions", inputs: input, mode: .append, tag: "v2",
                                                              options: QualityOptions(now: clock.now)), table: &table)
        try #require(orphan.accepted)
        let orphanSnapshot = try #require(orphan.snapshotID)
        #expect(table.metadata.refs["v2"]?.snapshotID == orphanSnapshot)

        let second = try service.publish(productID: "payments.transactions", inputs: input, by: admin)
        #expect(second.version.version == 2)
        #expect(second.version.rowCount == 6)
        let after = try Table.load(name: "payments/transactions", store: service.warehouse, committer: StoreCommitter(store: service.store))
        let secondSnapshot = try #require(second.outcome.snapshotID)
        let firstSnapshot = try #require(first.outcome.snapshotID)
        #expect(after.metadata.refs["v2"]?.snapshotID == secondSnapshot)
        let lineage = after.metadata.ancestors(of: secondSnapshot).map(\.snapshotID)
        #expect(lineage.contains(orphanSnapshot) == false)
        #expect(lineage.contains(firstSnapshot))
    }
}
