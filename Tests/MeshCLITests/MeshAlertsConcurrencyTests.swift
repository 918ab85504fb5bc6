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
        // The receiver is down while the alerts are raised, so their deliveries wait for retries.
        let listener = try HTTPListener(otherwise: 503)
        defer { listener.close() }
        _ = try mesh.subscribe("ml-team", purpose: "training", webhook: listener.url().absoluteString, as: "bob")
        // One accepted and two rejected publishes: three events, three webhook deliveries.
        try mesh.csv("good.csv", ids: ["t1"])
        try mesh.expectOK(["publish", "payments.transactions", "good.csv", "--as", "alice"])
        try mesh.csv("bad.csv", ids: [""])
        for _ in 0..<2 { #expect(try mesh.run(["publish", "payments.transactions", "bad.csv", "--as", "alice"]).status != 0) }

        func webhooks() throws -> [[String: Any]] {
            let events = try #require(try mesh.json(["events", "--consumer", "ml-team", "--deliveries"]) as? [[String: Any]])
            return events.compactMap { ($0["deliveries"] as? [[String: Any]])?.first { $0["channel"] as? String == "webhook" } }
        }
        let pending = try webhooks()
        #expect(pending.count == 3 && pending.allSatisfy { $0["status"] as? String == "pending" })
        // Wait until every retry is due, then bring the receiver up and race four senders.
        let formatter = ISO8601DateFormatter()
        let due = pending.compactMap { ($0["next_attempt_at"] as? String).flatMap(formatter.date(from:)) }.max() ?? Date()
        Thread.sleep(until: due.addingTimeInterval(1.1))
        listener.answer(200)
        let before = listener.requests.count
        let results = Self.concurrently(mesh, 4, ["events", "--consumer", "ml-team", "--json"])
        #expect(results.allSatisfy { $0?.status == 0 }, "\(results.compactMap { $0?.stderr })")
        Thread.sleep(forTimeInterval: 0.3)
        let sent = listener.requests.dropFirst(before)
        #expect(sent.count == 3)
        #expect(Set(sent.compactMap { $0.header("x-mesh-delivery") }).count == 3)
        #expect(try webhooks().map { $0["status"] as? String } == ["delivered", "delivered", "delivered"])
    }

    @Test("concurrent checks raise one breach alert")
    func breachOnce() throws {
        // The SLA leaves a loaded machine time to publish before the data goes stale.
        let mesh = try Mesh(latency: "value: 5\n    unit: s")
        let eventTime = try mesh.csv("good.csv", ids: ["t1"])
        try mesh.expectOK(["publish", "payments.transactions", "good.csv", "--as", "alice"])
        Thread.sleep(until: eventTime.addingTimeInterval(5.5))
        let results = Self.concurrently(mesh, 4, ["check"])
        #expect(results.allSatisfy { $0?.status == 1 }, "\(results.compactMap { $0?.stderr })")
        #expect(results.filter { $0?.stdout.contains("alert freshness.breach") == true }.count == 1)
        #expect(try mesh.kinds(feed: "payments-team") == ["publish.accepted", "freshness.breach"])
    }
}
