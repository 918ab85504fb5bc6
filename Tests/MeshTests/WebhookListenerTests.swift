import Catalog
import Foundation
import Testing
import TestSupport
@testable import Mesh

/// Webhooks over real HTTP: `URLSessionTransport` against a listener on 127.0.0.1.
@Suite("Webhooks over HTTP", .serialized)
struct WebhookListenerTests {
    @Test("a listener receives the signed webhook and the body verifies")
    func receives() throws {
        let listener = try HTTPListener()
        defer { listener.close() }
        let (store, subscriptions) = try AlertFixture.store([("fraud-team", listener.url("/hooks/mesh").absoluteString)])
        let event = try AlertFixture.raise(in: store)
        let report = try WebhookDispatcher(store: store, transport: URLSessionTransport()).runOnce(now: AlertFixture.t0)
        #expect(report.delivered.count == 1)

        let request = try #require(listener.requests.first)
        #expect(request.method == "POST" && request.path == "/hooks/mesh")
        #expect(request.header("content-type") == "application/json")
        #expect(request.header("x-mesh-event") == "publish.rejected")
        let signature = try #require(request.header("x-mesh-signature"))
        #expect(WebhookSigner(secret: try #require(subscriptions[0].webhookSecret)).verify(body: request.body, signature: signature))
        let json = try #require(JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(json["id"] as? Int == Int(event.id))
        #expect(json["message"] as? String == event.message)
        #expect(json["recipient"] as? String == "fraud-team")
        let stored = try #require(try AlertFixture.deliveries(store, event: event).first { $0.channel == .webhook })
        #expect(stored.status == .delivered && stored.attempts == 1)
        #expect(request.header("x-mesh-delivery") == String(stored.id))
    }

    @Test("a listener answering 500 then 200 gets the retry after the backoff; status recorded")
    func retriesThenDelivers() throws {
        let listener = try HTTPListener(script: [500], otherwise: 200)
        defer { listener.close() }
        let (store, _) = try AlertFixture.store([("ml-team", listener.url().absoluteString)])
        let event = try AlertFixture.raise(in: store)
        let dispatcher = WebhookDispatcher(store: store, transport: URLSessionTransport(), policy: .init(initialDelay: 0.2))
        let first = try dispatcher.runOnce(now: Date())
        #expect(first.retrying.count == 1)
        var webhook = try #require(try AlertFixture.deliveries(store, event: event).first { $0.channel == .webhook })
        #expect(webhook.status == .pending && webhook.attempts == 1 && webhook.lastError == "HTTP 500")
        let due = try #require(webhook.nextAttemptAt)
        // Not before the backoff...
        #expect(try dispatcher.runOnce(now: due.addingTimeInterval(-0.1)).attempted == 0)
        // ...and delivered once it is due.
        Thread.sleep(until: due)
        #expect(try dispatcher.runOnce(now: Date()).delivered.count == 1)
        webhook = try #require(try AlertFixture.deliveries(store, event: event).first { $0.channel == .webhook })
        #expect(webhook.status == .delivered && webhook.attempts == 2)
        let requests = listener.requests
        #expect(requests.count == 2)
        #expect(requests[0].body == requests[1].body)
        // The retry did not go out before its due time.
        #expect(requests[1].receivedAt >= due)
    }

    @Test("a dead port fails after maxAttempts quick attempts, never hanging")
    func deadPort() throws {
        let port = try HTTPListener.unusedPort()
        let (store, _) = try AlertFixture.store([("fraud-team", "http://127.0.0.1:\(port)/hook")])
        let event = try AlertFixture.raise(in: store)
        let dispatcher = WebhookDispatcher(store: store, transport: URLSessionTransport(), policy: .init(maxAttempts: 3, initialDelay: 1))
        let clock = ContinuousClock()
        let start = clock.now
        var now = AlertFixture.t0
        for _ in 0..<3 {
            _ = try dispatcher.runOnce(now: now, budget: 2)
            now = now.addingTimeInterval(10)
        }
        #expect(clock.now - start < .seconds(10))
        let webhook = try #require(try AlertFixture.deliveries(store, event: event).first { $0.channel == .webhook })
        #expect(webhook.status == .failed && webhook.attempts == 3)
        #expect(webhook.lastError == "connection refused")
    }
}
