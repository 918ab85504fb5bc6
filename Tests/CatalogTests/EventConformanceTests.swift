import Catalog
import Foundation
import Testing

/// Subscriptions, events and deliveries behave alike in every store.
@Suite("Catalog store conformance: subscriptions, events, deliveries")
struct EventConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func subscriptionsGetIdsFilterAndDelete(_ kind: StoreKind) throws {
        let store = try kind.make()
        try Fixture.seed(store, products: ["payments.transactions", "fraud.scores"])
        func subscription(_ product: String, _ consumer: String) -> Subscription {
            Subscription(productID: product, consumer: consumer, purpose: "training", majorVersion: consumer == "ml" ? 1 : nil,
                         webhookURL: consumer == "ml" ? "http://127.0.0.1:9/hook" : nil, webhookSecret: consumer == "ml" ? "s3cret" : nil,
                         createdAt: Fixture.t(7))
        }
        let rows = try write(store) { tx throws(CatalogError) in
            [try tx.insertSubscription(subscription("payments.transactions", "ml")),
             try tx.insertSubscription(subscription("fraud.scores", "ml")),
             try tx.insertSubscription(subscription("payments.transactions", "bi"))]
        }
        #expect(rows.allSatisfy { $0.id > 0 })
        #expect(Set(rows.map(\.id)).count == 3)
        #expect(rows.map(\.id) == rows.map(\.id).sorted(), "ids grow in insertion order")
        var expected = subscription("payments.transactions", "ml")
        expected.id = rows[0].id
        #expect(rows[0] == expected)

        try read(store) { tx throws(CatalogError) in
            #expect(try tx.subscriptions(productID: nil, consumer: nil) == rows)
            #expect(try tx.subscriptions(productID: "payments.transactions", consumer: nil) == [rows[0], rows[2]])
            #expect(try tx.subscriptions(productID: nil, consumer: "ml") == [rows[0], rows[1]])
            #expect(try tx.subscriptions(productID: "fraud.scores", consumer: "bi").isEmpty)
        }
        try write(store) { tx throws(CatalogError) in try tx.deleteSubscription(id: rows[0].id) }
        let missing = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in try tx.deleteSubscription(id: rows[0].id) }
        }
        #expect(missing?.kind == .notFound)
        #expect(try read(store) { tx throws(CatalogError) in try tx.subscriptions(productID: nil, consumer: nil) } == [rows[1], rows[2]])
    }

    /// Four events on two products, delivered to the producer team and some consumers.
    private func seedEvents(_ store: any CatalogStore) throws -> [MeshEvent] {
        try Fixture.seed(store, products: ["payments.transactions", "fraud.scores"])
        return try write(store) { tx throws(CatalogError) in
            var events: [MeshEvent] = []
            for (i, product) in ["payments.transactions", "fraud.scores", "payments.transactions", nil].enumerated() {
                let event = try tx.insertEvent(Fixture.event(i % 2 == 0 ? "publish.rejected" : "freshness.breach", productID: product, at: Double(i)))
                events.append(event)
                _ = try tx.insertDelivery(Delivery(eventID: event.id, recipient: "payments-team", role: "producer", channel: .feed,
                                                   status: .delivered, deliveredAt: Fixture.t(Double(i))))
                if i != 1 {
                    // A consumer with both a feed and a webhook delivery: the event is listed once.
                    _ = try tx.insertDelivery(Delivery(eventID: event.id, recipient: "ml", role: "consumer", channel: .feed, status: .delivered))
                    _ = try tx.insertDelivery(Delivery(eventID: event.id, recipient: "ml", role: "consumer", channel: .webhook,
                                                       url: "http://127.0.0.1:9/hook", subscriptionID: 1, status: .pending, nextAttemptAt: Fixture.t(100)))
                }
            }
            return events
        }
    }

    @Test(arguments: StoreKind.allCases)
    func eventsAreQueriedByRecipientProductAfterIDAndLimit(_ kind: StoreKind) throws {
        let store = try kind.make()
        let events = try seedEvents(store)
        #expect(events.map(\.id) == events.map(\.id).sorted())
        #expect(Set(events.map(\.id)).count == 4)
        var first = Fixture.event("publish.rejected", productID: "payments.transactions", at: 0)
        first.id = events[0].id
        #expect(events[0] == first)

        try read(store) { tx throws(CatalogError) in
            #expect(try tx.events(EventQuery()) == events)
            #expect(try tx.events(EventQuery(recipient: "ml")) == [events[0], events[2], events[3]])
            #expect(try tx.events(EventQuery(recipient: "payments-team")) == events)
            #expect(try tx.events(EventQuery(recipient: "nobody")).isEmpty)
            #expect(try tx.events(EventQuery(productID: "payments.transactions")) == [events[0], events[2]])
            #expect(try tx.events(EventQuery(afterID: events[1].id)) == [events[2], events[3]])
            #expect(try tx.events(EventQuery(limit: 2)) == [events[0], events[1]])
            #expect(try tx.events(EventQuery(recipient: "ml", afterID: events[0].id, limit: 1)) == [events[2]])
            #expect(try tx.events(EventQuery(recipient: "ml", productID: "payments.transactions", afterID: events[0].id)) == [events[2]])
            #expect(try tx.events(EventQuery(afterID: events[3].id)).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deliveriesAreUpdatedListedAndDueWhenPendingWebhooks(_ kind: StoreKind) throws {
        let store = try kind.make()
        let events = try seedEvents(store)
        let forFirst = try read(store) { tx throws(CatalogError) in try tx.deliveries(eventID: events[0].id) }
        #expect(forFirst.map(\.recipient) == ["payments-team", "ml", "ml"])
        #expect(forFirst.map(\.channel) == [.feed, .feed, .webhook])
        #expect(forFirst.map(\.id) == forFirst.map(\.id).sorted())

        // Due: pending webhooks whose next attempt is at or before the time asked (or unset).
        var webhook = forFirst[2]
        #expect(try read(store) { tx throws(CatalogError) in try tx.dueDeliveries(at: Fixture.t(99)) }.isEmpty)
        let dueAt100 = try read(store) { tx throws(CatalogError) in try tx.dueDeliveries(at: Fixture.t(100)) }
        #expect(dueAt100.map(\.eventID) == [events[0].id, events[2].id, events[3].id])

        webhook.attempts = 1
        webhook.lastError = "HTTP 503"
        webhook.nextAttemptAt = Fixture.t(160)
        try write(store) { tx throws(CatalogError) in try tx.updateDelivery(webhook) }
        var delivered = dueAt100[1]
        delivered.status = .delivered
        delivered.attempts = 1
        delivered.deliveredAt = Fixture.t(101)
        delivered.nextAttemptAt = nil
        var unscheduled = dueAt100[2]
        unscheduled.nextAttemptAt = nil
        try write(store) { tx throws(CatalogError) in
            try tx.updateDelivery(delivered)
            try tx.updateDelivery(unscheduled)
        }
        let missing = catalogError { () throws(CatalogError) in
            var ghost = webhook
            ghost.id = 999_999
            try write(store) { tx throws(CatalogError) in try tx.updateDelivery(ghost) }
        }
        #expect(missing?.kind == .notFound)

        try read(store) { tx throws(CatalogError) in
            #expect(try tx.deliveries(eventID: events[0].id)[2] == webhook)
            #expect(try tx.dueDeliveries(at: Fixture.t(150)) == [unscheduled])
            #expect(try tx.dueDeliveries(at: Fixture.t(160)) == [webhook, unscheduled])
            #expect(try tx.deliveries(eventID: 123_456).isEmpty)
        }
    }
}
