import Catalog
import Foundation
import Synchronization
import Testing
@testable import Mesh

/// A clock tests move by hand.
final class AlertClock: Sendable {
    private let time: Mutex<Date>
    init(_ start: Date) { time = Mutex(start) }
    var now: Date { time.withLock { $0 } }
    func advance(hours: Double) { time.withLock { $0 = $0.addingTimeInterval(hours * 3600) } }
}

/// A service-level mesh: the payments domain (team payments-team, owner alice), consumers bob
/// (team ml-team) and carol (team bi-team), and `payments.transactions` with a one-day latency SLA.
struct AlertMesh {
    static let contract = """
    apiVersion: v3.1.0
    kind: DataContract
    id: payments-transactions
    name: Card transactions
    version: 1.0.0
    status: active
    domain: payments
    dataProduct: transactions
    description:
      purpose: Settled card transactions.
    team:
      name: payments-team
    slaProperties:
      - property: latency
        value: 1
        unit: d
        element: transactions.event_time
    schema:
      - name: transactions
        properties:
          - name: transaction_id
            logicalType: string
            required: true
            classification: internal
          - name: amount
            logicalType: number
            classification: internal
          - name: event_time
            logicalType: timestamp
            classification: internal
    """

    let clock = AlertClock(AlertFixture.t0)
    let service: MeshService
    let admin: Principal
    let alice: Principal
    let bob: Principal
    let carol: Principal
    let productID = "payments.transactions"

    init() throws {
        let clock = self.clock
        service = try MeshService.inMemory(now: { clock.now })
        admin = try service.resolveCaller(nil, environment: [:])
        alice = try service.createPrincipal(name: "alice", roles: [.owner, .producer], team: "payments-team", by: admin)
        bob = try service.createPrincipal(name: "bob", roles: [.consumer], team: "ml-team", by: admin)
        carol = try service.createPrincipal(name: "carol", roles: [.consumer], team: "bi-team", by: admin)
        try service.createDomain(name: "payments", owner: "payments-team", by: admin)
        _ = try service.registerProduct(contractYAML: Self.contract, by: alice)
    }

    /// Records version `n` directly (the publish path has its own tests), with its newest event `eventHoursAgo` ago.
    func addVersion(_ n: Int, eventHoursAgo: Double) throws {
        let now = clock.now
        try service.store.write { t throws(CatalogError) in
            try t.insertVersion(ProductVersion(productID: productID, version: n, tag: "v\(n)", snapshots: [:], rowCount: 10, addedRows: 10, mode: "append",
                                               contractVersion: "1.0.0", publishedAt: now, publishedBy: "alice",
                                               newestEventTime: now.addingTimeInterval(-eventHoursAgo * 3600), statistics: "{}", checks: "[]"))
        }
    }

    func feed(_ recipient: String) throws -> [MeshEvent] { try service.events(consumer: recipient) }
}

@Suite("Freshness alerts")
struct AlertFreshnessTests {
    @Test("a breach alerts producer and every subscriber once per episode; recovery and a new episode")
    func breachOncePerEpisode() throws {
        let mesh = try AlertMesh()
        let hook = try mesh.service.subscribe(productID: mesh.productID, consumer: "ml-team", purpose: "training", webhook: "http://127.0.0.1:9/h", by: mesh.bob)
        _ = try mesh.service.subscribe(productID: mesh.productID, consumer: "bi-team", purpose: "analytics", by: mesh.carol)
        try mesh.addVersion(1, eventHoursAgo: 2)

        var results = try mesh.service.check()
        #expect(results.count == 1 && results[0].freshness.status == .fresh && results[0].raised == nil)

        mesh.clock.advance(hours: 23)
        results = try mesh.service.check(productID: mesh.productID)
        let breach = try #require(results.first?.raised)
        #expect(results[0].freshness.status == .stale && breach.kind == "freshness.breach" && breach.severity == "error" && breach.version == 1)
        #expect(breach.message.hasPrefix("payments.transactions: version 1 is 25 h old"))
        for recipient in ["payments-team", "ml-team", "bi-team"] {
            #expect(try mesh.feed(recipient).map(\.kind) == ["freshness.breach"], "feed of \(recipient)")
        }
        let webhooks = try mesh.service.deliveries(eventID: breach.id).filter { $0.channel == .webhook }
        #expect(webhooks.count == 1 && webhooks[0].subscriptionID == hook.id && webhooks[0].status == .pending)

        // Still stale: no second alert.
        mesh.clock.advance(hours: 5)
        results = try mesh.service.check()
        #expect(results[0].freshness.status == .stale && results[0].raised == nil && results[0].breachAlertedAt == breach.time)
        #expect(try mesh.feed("ml-team").count == 1)

        // A fresh version ends the episode.
        try mesh.addVersion(2, eventHoursAgo: 1)
        results = try mesh.service.check()
        #expect(results[0].freshness.status == .fresh && results[0].raised?.kind == "freshness.recovered")
        #expect(try mesh.service.check()[0].raised == nil)

        // Version 2 going stale is a new episode.
        mesh.clock.advance(hours: 24)
        results = try mesh.service.check()
        #expect(results[0].raised?.kind == "freshness.breach" && results[0].raised?.version == 2)
        #expect(try mesh.feed("bi-team").map(\.kind) == ["freshness.breach", "freshness.recovered", "freshness.breach"])
    }

    @Test("a newer stale version without a check in between is a new episode")
    func newVersionNewEpisode() throws {
        let mesh = try AlertMesh()
        try mesh.addVersion(1, eventHoursAgo: 30)
        #expect(try mesh.service.check()[0].raised?.version == 1)
        try mesh.addVersion(2, eventHoursAgo: 40)
        #expect(try mesh.service.check()[0].raised?.version == 2)
        #expect(try mesh.service.check()[0].raised == nil)
    }

    @Test("products without an SLA or versions are reported, not alerted; an unknown product is an error")
    func notMeasured() throws {
        let mesh = try AlertMesh()
        let results = try mesh.service.check()
        #expect(results.map(\.freshness.status) == [.unpublished])
        #expect(try mesh.feed("payments-team").isEmpty)
        #expect(throws: MeshError.self) { try mesh.service.check(productID: "payments.nope") }
    }
}

@Suite("Subscriptions")
struct AlertSubscriptionTests {
    @Test("a webhook subscription gets a secret shown once; listings leave it out")
    func secretShownOnce() throws {
        let mesh = try AlertMesh()
        let made = try mesh.service.subscribe(productID: mesh.productID, consumer: "ml-team", purpose: "training", majorVersion: 1,
                                              webhook: "https://hooks.example.com/mesh?team=ml", by: mesh.bob)
        #expect(made.webhookSecret?.hasPrefix("whsec_") == true && made.majorVersion == 1)
        let listed = try mesh.service.subscriptions(productID: mesh.productID)
        #expect(listed.count == 1 && listed[0].id == made.id && listed[0].webhookSecret == nil && listed[0].webhookURL == "https://hooks.example.com/mesh?team=ml")
        #expect(try mesh.service.subscriptions(consumer: "bi-team").isEmpty)
        let plain = try mesh.service.subscribe(productID: mesh.productID, consumer: "bob", purpose: "analytics", by: mesh.bob)
        #expect(plain.webhookSecret == nil && plain.webhookURL == nil)
    }

    @Test("bad webhook URLs, names and duplicates are refused")
    func validation() throws {
        let mesh = try AlertMesh()
        for url in ["ftp://example.com/x", "not a url", "http:///path", "https://user:pw@example.com/", "http://example.com/#frag", "file:///etc/passwd"] {
            let error = try #require(throws: MeshError.self, "\(url)") {
                try mesh.service.subscribe(productID: mesh.productID, consumer: "ml-team", purpose: "training", webhook: url, by: mesh.bob)
            }
            #expect(error.kind == .invalidInput && error.context == "--webhook")
        }
        #expect(throws: MeshError.self) { try mesh.service.subscribe(productID: mesh.productID, consumer: "../x", purpose: "training", by: mesh.admin) }
        #expect(throws: MeshError.self) { try mesh.service.subscribe(productID: mesh.productID, consumer: "ml-team", purpose: "", by: mesh.bob) }
        #expect(try #require(throws: MeshError.self) { try mesh.service.subscribe(productID: "payments.nope", consumer: "ml-team", purpose: "t", by: mesh.bob) }.kind == .notFound)
        _ = try mesh.service.subscribe(productID: mesh.productID, consumer: "ml-team", purpose: "training", by: mesh.bob)
        #expect(try #require(throws: MeshError.self) {
            try mesh.service.subscribe(productID: mesh.productID, consumer: "ml-team", purpose: "training", by: mesh.bob)
        }.kind == .conflict)
    }

    @Test("only the consumer, its team or an administrator subscribes and unsubscribes it")
    func authorization() throws {
        let mesh = try AlertMesh()
        #expect(try #require(throws: MeshError.self) {
            try mesh.service.subscribe(productID: mesh.productID, consumer: "ml-team", purpose: "training", by: mesh.carol)
        }.kind == .forbidden)
        let made = try mesh.service.subscribe(productID: mesh.productID, consumer: "ml-team", purpose: "training", by: mesh.bob)
        #expect(try #require(throws: MeshError.self) { try mesh.service.unsubscribe(id: made.id, by: mesh.carol) }.kind == .forbidden)
        try mesh.service.unsubscribe(id: made.id, by: mesh.bob)
        #expect(try mesh.service.subscriptions().isEmpty)
        #expect(try #require(throws: MeshError.self) { try mesh.service.unsubscribe(id: made.id, by: mesh.admin) }.kind == .notFound)
        let actions = try mesh.service.store.read { t throws(CatalogError) in try t.audit(principal: "bob", target: nil, limit: nil) }.map(\.action)
        #expect(actions == ["subscribe", "unsubscribe"])
    }
}

@Suite("Freshness monitor")
struct AlertMonitorTests {
    @Test("the background monitor raises a breach once and reports every round")
    func monitor() async throws {
        let mesh = try AlertMesh()
        try mesh.addVersion(1, eventHoursAgo: 30)
        let rounds = Mutex<[[FreshnessCheck]]>([])
        let service = mesh.service
        let task = Task {
            await service.monitorFreshness(every: .milliseconds(20)) { result in
                if case .success(let checks) = result { rounds.withLock { $0.append(checks) } }
            }
        }
        // Generous: synchronous tests run on the same cooperative pool (two threads on two cores)
        // and can hold it for minutes while the whole suite runs; the loop ends as soon as three
        // rounds are in, so this only bounds a genuine hang.
        let deadline = Date().addingTimeInterval(900)
        while rounds.withLock({ $0.count }) < 3 && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()
        await task.value
        let all = rounds.withLock { $0 }
        #expect(all.count >= 3)
        #expect(all.allSatisfy { $0.first?.freshness.status == .stale })
        #expect(all.compactMap { $0.first?.raised }.count == 1)
        #expect(try mesh.feed("payments-team").map(\.kind) == ["freshness.breach"])
    }
}
