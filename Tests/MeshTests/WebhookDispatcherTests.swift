import Catalog
import Foundation
import Testing
@testable import Mesh

/// A small mesh in memory: the payments domain, one product, consumers subscribed.
enum AlertFixture {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static let productID = "payments.transactions"

    /// A store with the product and one subscription per `(consumer, webhook URL or nil)`.
    static func store(_ consumers: [(String, String?)]) throws -> (MemoryCatalogStore, [Subscription]) {
        let store = MemoryCatalogStore()
        let subscriptions = try store.write { t throws(CatalogError) in
            try t.insertDomain(Domain(name: "payments", owner: "payments-team", createdAt: t0))
            try t.insertProduct(Product(id: productID, domain: "payments", name: "transactions", description: "card transactions",
                                        owner: "payments-team", status: "active", tags: [], tables: [productID], contractVersion: "1.0.0",
                                        createdAt: t0, updatedAt: t0))
            var made: [Subscription] = []
            for (consumer, url) in consumers {
                made.append(try t.insertSubscription(Subscription(productID: productID, consumer: consumer, purpose: "training", webhookURL: url,
                                                                  webhookSecret: url == nil ? nil : "whsec_\(consumer)", createdAt: t0)))
            }
            return made
        }
        return (store, subscriptions)
    }

    /// Raises a rejected-publish event at `t0`.
    @discardableResult
    static func raise(in store: some CatalogStore, kind: String = "publish.rejected", at time: Date = t0) throws -> MeshEvent {
        try store.write { t throws(CatalogError) in
            try EventRouter.raise(MeshEvent(time: time, kind: kind, severity: "error", productID: productID, version: 3,
                                            message: "publish rejected: fico_score outside 300–850",
                                            detail: #"{"failed":[{"column":"fico_score","observed":"912","expected":"300..850"}]}"#), in: t)
        }
    }

    static func deliveries(_ store: some CatalogStore, event: MeshEvent) throws -> [Delivery] {
        try store.read { t throws(CatalogError) in try t.deliveries(eventID: event.id) }
    }
}

@Suite("Webhook dispatcher")
struct WebhookDispatcherTests {
    @Test("a due delivery is sent signed with the subscription's secret and marked delivered")
    func deliversSigned() throws {
        let (store, subscriptions) = try AlertFixture.store([("fraud-team", "http://127.0.0.1:9/hook"), ("bi-team", nil)])
        let event = try AlertFixture.raise(in: store)
        let transport = RecordingTransport()
        let report = try WebhookDispatcher(store: store, transport: transport).runOnce(now: AlertFixture.t0)
        #expect(report.delivered.count == 1 && report.attempted == 1)

        let request = try #require(transport.requests.first)
        #expect(request.url.absoluteString == "http://127.0.0.1:9/hook")
        #expect(WebhookSigner(secret: try #require(subscriptions[0].webhookSecret)).verify(body: request.body, signature: request.headers["X-Mesh-Signature"] ?? ""))
        #expect(request.headers["X-Mesh-Event"] == "publish.rejected")
        let json = try #require(JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(json["id"] as? Int == Int(event.id))
        #expect(json["kind"] as? String == "publish.rejected")
        #expect(json["severity"] as? String == "error")
        #expect(json["product"] as? String == AlertFixture.productID)
        #expect(json["version"] as? Int == 3)
        #expect(json["recipient"] as? String == "fraud-team")
        #expect(json["role"] as? String == "consumer")
        #expect(json["time"] as? String == "2026-09-21T14:13:20.000Z")
        let detail = try #require(json["detail"] as? [String: Any])
        #expect((detail["failed"] as? [[String: String]])?.first?["column"] == "fico_score")

        let webhook = try #require(try AlertFixture.deliveries(store, event: event).first { $0.channel == .webhook })
        #expect(webhook.status == .delivered && webhook.attempts == 1 && webhook.deliveredAt == AlertFixture.t0 && webhook.nextAttemptAt == nil)
        #expect(request.headers["X-Mesh-Delivery"] == String(webhook.id))
        // Nothing is due any more.
        #expect(try WebhookDispatcher(store: store, transport: transport).runOnce(now: AlertFixture.t0.addingTimeInterval(60)).attempted == 0)
    }

    @Test("failures back off 1, 2, 4 s; the body is identical on every attempt")
    func backoff() throws {
        let (store, _) = try AlertFixture.store([("fraud-team", "http://127.0.0.1:9/hook")])
        let event = try AlertFixture.raise(in: store)
        let transport = RecordingTransport(script: [.status(500), .unreachable, .status(302)], otherwise: .status(204))
        let dispatcher = WebhookDispatcher(store: store, transport: transport)
        let t0 = AlertFixture.t0
        func webhook() throws -> Delivery { try #require(try AlertFixture.deliveries(store, event: event).first { $0.channel == .webhook }) }

        #expect(try dispatcher.runOnce(now: t0).retrying.count == 1)
        #expect(try webhook().lastError == "HTTP 500")
        #expect(try webhook().nextAttemptAt == t0.addingTimeInterval(1))
        #expect(try dispatcher.runOnce(now: t0.addingTimeInterval(0.9)).attempted == 0)

        #expect(try dispatcher.runOnce(now: t0.addingTimeInterval(1)).retrying.count == 1)
        #expect(try webhook().lastError == "connection refused (scripted)")
        #expect(try webhook().nextAttemptAt == t0.addingTimeInterval(1 + 2))

        #expect(try dispatcher.runOnce(now: t0.addingTimeInterval(3)).retrying.count == 1)
        #expect(try webhook().lastError == "HTTP 302")
        #expect(try webhook().nextAttemptAt == t0.addingTimeInterval(3 + 4))
        #expect(try dispatcher.runOnce(now: t0.addingTimeInterval(6.5)).attempted == 0)

        let final = try dispatcher.runOnce(now: t0.addingTimeInterval(7))
        #expect(final.delivered.count == 1)
        let done = try webhook()
        #expect(done.status == .delivered && done.attempts == 4 && done.deliveredAt == t0.addingTimeInterval(7))
        #expect(Set(transport.requests.map(\.body)).count == 1)
        #expect(Set(transport.requests.map { $0.headers["X-Mesh-Delivery"] ?? "" }).count == 1)
    }

    @Test("a delivery is failed after maxAttempts attempts")
    func givesUp() throws {
        let (store, _) = try AlertFixture.store([("fraud-team", "http://127.0.0.1:9/hook")])
        let event = try AlertFixture.raise(in: store)
        let transport = RecordingTransport(otherwise: .status(503))
        let dispatcher = WebhookDispatcher(store: store, transport: transport, policy: .init(maxAttempts: 3, initialDelay: 10, maxDelay: 15))
        var now = AlertFixture.t0
        var failed: [Delivery] = []
        for _ in 0..<10 {
            failed += try dispatcher.runOnce(now: now).failed
            now = now.addingTimeInterval(15)
        }
        #expect(transport.requests.count == 3)
        #expect(failed.count == 1)
        let webhook = try #require(try AlertFixture.deliveries(store, event: event).first { $0.channel == .webhook })
        #expect(webhook.status == .failed && webhook.attempts == 3 && webhook.lastError == "HTTP 503" && webhook.nextAttemptAt == nil)
    }

    @Test("retry delays double from the initial delay up to the cap")
    func policyDelays() {
        let policy = WebhookDispatcher.RetryPolicy(initialDelay: 1, multiplier: 2, maxDelay: 5)
        #expect((1...5).map(policy.delay(afterAttempt:)) == [1, 2, 4, 5, 5])
        #expect(WebhookDispatcher.RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    @Test("an exhausted time budget leaves due deliveries pending")
    func budget() throws {
        let (store, _) = try AlertFixture.store([("fraud-team", "http://127.0.0.1:9/a"), ("ml-team", "http://127.0.0.1:9/b")])
        let event = try AlertFixture.raise(in: store)
        let transport = RecordingTransport()
        let report = try WebhookDispatcher(store: store, transport: transport).runOnce(now: AlertFixture.t0, budget: 0)
        #expect(report.attempted == 0 && report.deferred == 2)
        #expect(transport.requests.isEmpty)
        #expect(try AlertFixture.deliveries(store, event: event).filter { $0.channel == .webhook }.allSatisfy { $0.status == .pending && $0.attempts == 0 })
    }

    @Test("every subscribed webhook gets its own signed copy; feeds are not sent")
    func everySubscriber() throws {
        let (store, subscriptions) = try AlertFixture.store([("fraud-team", "http://127.0.0.1:9/a"), ("ml-team", "http://127.0.0.1:9/b"), ("bi-team", nil)])
        let event = try AlertFixture.raise(in: store)
        let transport = RecordingTransport()
        #expect(try WebhookDispatcher(store: store, transport: transport).runOnce(now: AlertFixture.t0).delivered.count == 2)
        for (subscription, request) in zip(subscriptions.prefix(2), transport.requests) {
            #expect(request.url.absoluteString == subscription.webhookURL)
            #expect(WebhookSigner(secret: subscription.webhookSecret!).verify(body: request.body, signature: request.headers["X-Mesh-Signature"]!))
            #expect(!WebhookSigner(secret: "whsec_bi-team").verify(body: request.body, signature: request.headers["X-Mesh-Signature"]!))
        }
        let feeds = try AlertFixture.deliveries(store, event: event).filter { $0.channel == .feed }
        #expect(Set(feeds.map(\.recipient)) == ["payments-team", "fraud-team", "ml-team", "bi-team"])
    }

    @Test("a delivery whose subscription was removed fails without a request")
    func removedSubscription() throws {
        let (store, subscriptions) = try AlertFixture.store([("fraud-team", "http://127.0.0.1:9/hook")])
        let event = try AlertFixture.raise(in: store)
        try store.write { t throws(CatalogError) in try t.deleteSubscription(id: subscriptions[0].id) }
        let transport = RecordingTransport()
        let report = try WebhookDispatcher(store: store, transport: transport).runOnce(now: AlertFixture.t0)
        #expect(report.failed.count == 1 && transport.requests.isEmpty)
        let webhook = try #require(try AlertFixture.deliveries(store, event: event).first { $0.channel == .webhook })
        #expect(webhook.status == .failed && webhook.lastError?.contains("removed") == true)
    }

    @Test("a claimed delivery is not claimed again until the claim lapses")
    func claims() throws {
        let (store, _) = try AlertFixture.store([("fraud-team", "http://127.0.0.1:9/hook")])
        let event = try AlertFixture.raise(in: store)
        let candidate = try #require(try AlertFixture.deliveries(store, event: event).first { $0.channel == .webhook })
        let a = WebhookDispatcher(store: store, transport: RecordingTransport())
        let b = WebhookDispatcher(store: store, transport: RecordingTransport())
        #expect(try a.claim(candidate, now: AlertFixture.t0, timeout: 5) != nil)
        #expect(try b.claim(candidate, now: AlertFixture.t0, timeout: 5) == nil)
        #expect(try b.runOnce(now: AlertFixture.t0.addingTimeInterval(10)).attempted == 0)
        // The first sender died mid-attempt: the delivery is due again after the claim.
        #expect(try b.runOnce(now: AlertFixture.t0.addingTimeInterval(60)).delivered.count == 1)
    }

    @Test("the background loop sends deliveries as they are recorded, until cancelled")
    func backgroundLoop() async throws {
        let (store, _) = try AlertFixture.store([("fraud-team", "http://127.0.0.1:9/hook")])
        let transport = RecordingTransport()
        let loop = Task { await WebhookDispatcher(store: store, transport: transport).run(every: .milliseconds(50)) }
        let event = try AlertFixture.raise(in: store, at: Date())
        // Generous: a loaded machine (the whole suite in parallel) can starve the task pool for a while.
        let deadline = Date().addingTimeInterval(120)
        while transport.requests.isEmpty && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        loop.cancel()
        await loop.value
        #expect(transport.requests.count == 1)
        let webhook = try #require(try AlertFixture.deliveries(store, event: event).first { $0.channel == .webhook })
        #expect(webhook.status == .delivered)
    }
}
