import Catalog
import Foundation
import Testing
import TestSupport
@testable import Mesh

/// The whole alert story at the service level: real publishes through the gate, real webhooks.
@Suite("Alerts from publishes", .serialized)
struct AlertPublishTests {
    static func csv(_ rows: [String]) throws -> String {
        let directory = Interop.temporaryDirectory("alerts")
        let path = directory.appendingPathComponent("transactions.csv").path
        try (["transaction_id,amount,event_time"] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let good = ["t1,10.5,2026-09-21T12:00:00Z", "t2,99.0,2026-09-21T13:00:00Z"]
    /// A missing required id and a negative amount.
    static let bad = [",10.5,2026-09-21T12:00:00Z", "t4,-5,2026-09-21T13:00:00Z"]

    @Test("a rejected publish reaches the producer and every subscriber's feed and webhook")
    func rejectedPublishAlertsEveryone() throws {
        let mesh = try AlertMesh()
        let ml = try HTTPListener(), fraud = try HTTPListener()
        defer { ml.close(); fraud.close() }
        let mlSub = try mesh.service.subscribe(productID: mesh.productID, consumer: "ml-team", purpose: "training", webhook: ml.url().absoluteString, by: mesh.bob)
        let fraudSub = try mesh.service.subscribe(productID: mesh.productID, consumer: "fraud-team", purpose: "fraud-detection",
                                                  webhook: fraud.url("/alerts").absoluteString, by: mesh.admin)
        _ = try mesh.service.subscribe(productID: mesh.productID, consumer: "bi-team", purpose: "analytics", by: mesh.carol)

        try mesh.service.publish(productID: mesh.productID, inputs: [PublishInput(path: try Self.csv(Self.good))], by: mesh.alice)
        let error = try #require(throws: MeshError.self) {
            try mesh.service.publish(productID: mesh.productID, inputs: [PublishInput(path: try Self.csv(Self.bad))], by: mesh.alice)
        }
        #expect(error.kind == .rejected)

        for recipient in ["payments-team", "ml-team", "fraud-team", "bi-team"] {
            #expect(try mesh.feed(recipient).map(\.kind) == ["publish.accepted", "publish.rejected"], "feed of \(recipient)")
        }
        let rejected = try #require(try mesh.service.events(product: mesh.productID).last)

        let report = try mesh.service.sendDueWebhooks(budget: 10)
        #expect(report.delivered.count == 4 && report.retrying.isEmpty && report.failed.isEmpty)
        for (listener, subscription) in [(ml, mlSub), (fraud, fraudSub)] {
            let requests = listener.waitForRequests(2)
            #expect(requests.map { $0.header("x-mesh-event") } == ["publish.accepted", "publish.rejected"])
            let last = try #require(requests.last)
            #expect(WebhookSigner(secret: try #require(subscription.webhookSecret)).verify(body: last.body, signature: last.header("x-mesh-signature") ?? ""))
            let json = try #require(JSONSerialization.jsonObject(with: last.body) as? [String: Any])
            #expect(json["id"] as? Int == Int(rejected.id) && json["recipient"] as? String == subscription.consumer && json["severity"] as? String == "error")
            #expect(json["message"] as? String == rejected.message)
        }
        let statuses = try mesh.service.deliveries(eventID: rejected.id).map { "\($0.recipient)/\($0.channel.rawValue)/\($0.status.rawValue)" }.sorted()
        #expect(statuses == ["bi-team/feed/delivered", "fraud-team/feed/delivered", "fraud-team/webhook/delivered", "ml-team/feed/delivered",
                             "ml-team/webhook/delivered", "payments-team/feed/delivered"])
    }

    @Test("access request → approve → grant → the read is allowed")
    func requestApproveRead() throws {
        let mesh = try AlertMesh()
        try mesh.service.publish(productID: mesh.productID, inputs: [PublishInput(path: try Self.csv(Self.good))], by: mesh.alice)
        let denied = try #require(throws: MeshError.self) {
            try mesh.service.read(productID: mesh.productID, purpose: "training", by: mesh.bob)
        }
        #expect(denied.kind == .forbidden)

        let request = try mesh.service.requestAccess(productID: mesh.productID, purpose: "training", justification: "fraud model", by: mesh.bob)
        _ = try mesh.service.approve(requestID: request.id, by: mesh.alice)
        let read = try mesh.service.read(productID: mesh.productID, purpose: "training", by: mesh.bob)
        #expect(read.version.version == 1)
        // The grant covers its purpose only.
        #expect(try #require(throws: MeshError.self) { try mesh.service.read(productID: mesh.productID, purpose: "marketing", by: mesh.bob) }.kind == .forbidden)
    }
}
