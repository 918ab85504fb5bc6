import Catalog
import Foundation
import Iceberg
import Mesh
import Testing

/// Multi-table products and `show`.
@Suite struct ServiceProductDetailsTests {
    static let ledger = """
        apiVersion: v3.1.0
        kind: DataContract
        id: payments-ledger
        name: Ledger
        version: 1.0.0
        status: active
        domain: payments
        dataProduct: ledger
        description:
          purpose: Ledger entries and refunds.
        schema:
          - name: entries
            properties:
              - name: entry_id
                logicalType: string
                required: true
                classification: internal
              - name: amount
                logicalType: number
                classification: public
          - name: refunds
            properties:
              - name: refund_id
                logicalType: string
                required: true
                classification: internal
              - name: entry_id
                logicalType: string
                classification: internal
        slaProperties:
          - property: latency
            value: 24
            unit: h
        team:
          name: payments-team
          members:
            - username: paula
              role: owner
        """

    @Test func multiTableProductsPublishAndReadOneTableAtATime() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let registration = try service.registerProduct(contractYAML: Self.ledger, by: admin)
        #expect(registration.product.tables == ["payments.ledger.entries", "payments.ledger.refunds"])
        #expect(try service.store.read { t throws(CatalogError) in try t.tables(namespace: "payments.ledger") } == ["payments.ledger.entries", "payments.ledger.refunds"])
        let entries = try ServiceMesh.csv(["e1,10.0", "e2,20.0"], header: "entry_id,amount")
        let refunds = try ServiceMesh.csv(["r1,e1"], header: "refund_id,entry_id")
        let choose = expectMeshError(.invalidInput) { try service.publish(productID: "payments.ledger", inputs: [PublishInput(path: entries)], by: admin) }
        #expect(choose?.message.contains("choose one with --table") == true)
        let v1 = try service.publish(productID: "payments.ledger", inputs: [PublishInput(path: entries)], table: "entries", by: admin)
        let v2 = try service.publish(productID: "payments.ledger", inputs: [PublishInput(path: refunds)], table: "payments.ledger.refunds", by: admin)
        #expect(v1.version.snapshots.keys.sorted() == ["payments.ledger.entries"])
        #expect(v2.version.snapshots.keys.sorted() == ["payments.ledger.entries", "payments.ledger.refunds"])
        #expect(v2.version.snapshots["payments.ledger.entries"] == v1.version.snapshots["payments.ledger.entries"])
        #expect(v2.version.rowCount == 3)
        // Every output table carries the version's tag.
        let entriesTable = try Table.load(name: "payments/ledger/entries", store: service.warehouse, committer: StoreCommitter(store: service.store))
        #expect(entriesTable.metadata.refs["v2"]?.snapshotID == v1.version.snapshots["payments.ledger.entries"])

        var read = try service.read(productID: "payments.ledger", table: "refunds", by: admin)
        #expect(try ServiceMesh.rows(&read) == [["refund_id": "r1", "entry_id": "e1"]])
        expectMeshError(.invalidInput) { try service.read(productID: "payments.ledger", by: admin) }
        let none = expectMeshError(.notFound) { try service.read(productID: "payments.ledger", at: .number(1), table: "refunds", by: admin) }
        #expect(none?.message.contains("holds no data in version 1") == true)
        // One table cannot become several (their names would change).
        let single = Self.ledger.replacingOccurrences(of: "version: 1.0.0", with: "version: 2.0.0")
            .replacingOccurrences(of: "  - name: refunds\n    properties:\n      - name: refund_id\n        logicalType: string\n        required: true\n        classification: internal\n      - name: entry_id\n        logicalType: string\n        classification: internal\n", with: "")
        expectMeshError(.rejected) { try service.registerProduct(contractYAML: single, by: admin) }
    }

    @Test func showGathersContractFreshnessHistoryAndConsumers() throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-11-21T18:00:00Z")!)
        let (service, admin) = try ServiceMesh.mesh(clock: clock)
        _ = try service.store.write { t throws(CatalogError) in
            try t.insertSubscription(Subscription(productID: "payments.transactions", consumer: "fraud-ml", purpose: "fraud-detection", createdAt: clock.now))
        }
        let before = try service.show("payments.transactions")
        #expect(before.freshness.status == .unpublished)
        #expect(before.latest == nil)
        try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: ServiceMesh.path("service-transactions-good.csv"))], by: admin)
        _ = try? service.publish(productID: "payments.transactions", inputs: [PublishInput(path: ServiceMesh.path("service-transactions-bad.csv"))], by: admin)
        let details = try service.show("payments.transactions")
        #expect(details.owners == ["payments-team", "paula"])
        #expect(details.contract.version == "1.0.0")
        let columns = try #require(details.tables.first?.columns)
        #expect(columns.first { $0.name == "customer_id" }?.classification == "confidential")
        #expect(columns.first { $0.name == "customer_id" }?.allowedPurposes == ["fraud-detection"])
        #expect(columns.first { $0.name == "currency" }?.glossaryTerm == "currency_code")
        #expect(details.sla == ["latency: 24 h (transactions.event_time)"])
        // Newest event 12:00, now 18:00: 6 h old against a 24 h SLA.
        let fresh = details.freshness
        #expect(fresh.basis == .eventTime)
        #expect(abs((fresh.lag ?? 0) - 21_600) < 0.001)
        #expect(abs((fresh.limit ?? 0) - 86_400) < 0.001)
        #expect(fresh.status == .fresh)
        #expect(details.history.map(\.accepted) == [true, false])
        #expect(details.latestStatistics?.rowCount == 3)
        #expect(details.consumers.map(\.consumer) == ["fraud-ml"])
        clock.advance(20 * 3600)
        #expect(try service.show("payments.transactions").freshness.status == .stale)
    }
}
