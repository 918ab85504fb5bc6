import Foundation
import Synchronization
import Testing
import TestSupport

/// Several `mesh` processes sending webhooks and checking freshness on one mesh at once: each
/// delivery is sent once, each breach alerted once.
@Suite("mesh alerts under concurrent processes", .serialized)
struct MeshAlertsConcurrencyTests {
    typealias Mesh = MeshAlertsCommandTests.Mesh

    /// Runs `arguments` in `count` processes at once; returns their results.
    static func concurrently(_ mesh: Mesh, _ count: Int, _ arguments: [String]) -> [ChildProcess.Result?] {
        let results = Mutex<[ChildProcess.Result?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { i in
            let result = try? mesh.run(arguments)
            results.withLock { $0[i] = result }
        }
        return results.withLock { $0 }
    }

    @Test("concurrent senders deliver each webhook exactly once")
    func webhooksOnce() throws {
        let mesh = try Mesh()
        let listener = try HTTPListener()
        defer { listener.close() }
        _ = try mesh.subscribe("ml-team", purpose: "training", webhook: listener.url().absoluteString, as: "bob")
        // One accepted and two rejected publishes: three events, three webhook deliveries.
        try mesh.csv("good.csv", ids: ["t1"])
        try mesh.expectOK(["publish", "payments.transactions", "good.csv", "--as", "alice"])
        try mesh.csv("bad.csv", ids: [""])
        for _ in 0..<2 { #expect(try mesh.run(["publish", "payments.transactions", "bad.csv", "--as", "alice"]).status != 0) }
        let results = Self.concurrently(mesh, 4, ["events", "--consumer", "ml-team", "--json"])
        #expect(results.allSatisfy { $0?.status == 0 }, "\(results.compactMap { $0?.stderr })")
        let requests = listener.waitForRequests(3, timeout: 5)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(listener.requests.count == 3)
        #expect(Set(requests.compactMap { $0.header("x-mesh-delivery") }).count == 3)
        let events = try #require(try mesh.json(["events", "--consumer", "ml-team", "--deliveries"]) as? [[String: Any]])
        let webhooks = events.compactMap { ($0["deliveries"] as? [[String: Any]])?.first { $0["channel"] as? String == "webhook" } }
        #expect(webhooks.map { $0["status"] as? String } == ["delivered", "delivered", "delivered"])
        #expect(webhooks.map { $0["attempts"] as? Int } == [1, 1, 1])
    }

    @Test("concurrent checks raise one breach alert")
    func breachOnce() throws {
        let mesh = try Mesh(latency: "value: 1\n    unit: s")
        try mesh.csv("good.csv", ids: ["t1"])
        try mesh.expectOK(["publish", "payments.transactions", "good.csv", "--as", "alice"])
        Thread.sleep(forTimeInterval: 1.5)
        let results = Self.concurrently(mesh, 4, ["check"])
        #expect(results.allSatisfy { $0?.status == 1 }, "\(results.compactMap { $0?.stderr })")
        #expect(results.filter { $0?.stdout.contains("alert freshness.breach") == true }.count == 1)
        #expect(try mesh.kinds(feed: "payments-team") == ["publish.accepted", "freshness.breach"])
    }
}
