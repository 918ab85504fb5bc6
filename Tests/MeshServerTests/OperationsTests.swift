import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
import Mesh
@testable import MeshServer
import Testing
import TestSupport

/// The server's operations: Prometheus metrics, the server-sent event stream and the
/// background work (freshness monitor, webhook passes).
@Suite("metrics, event stream, background work")
struct OperationsTests {
    static func publish(_ fixture: ServerFixture, rows: Range<Int>, name: String) throws -> URL {
        let file = fixture.root.appendingPathComponent(name)
        try ServerFixture.csv(rows).write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("/metrics: request counts and latency by route, publishes and rejections per product, freshness lag; admin and governance only")
    func metrics() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let paula = try fixture.service.resolveCaller("paula", environment: [:])
        // A rejected publish: a required column missing entirely.
        let bad = fixture.root.appendingPathComponent("bad.csv")
        try "txn_id,amount\nt-1,3.5\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: MeshError.self) { try fixture.service.publish(productID: "payments.transactions", inputs: [PublishInput(path: bad.path)], by: paula) }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        try await app.test(.router) { client in
            for _ in 0..<3 {
                try await client.execute(uri: "/api/v1/products/payments.transactions", method: .get, headers: ServerTesting.headers(fixture.bearer("erin"))) { _ in }
            }
            try await client.execute(uri: "/metrics", method: .get) { response in #expect(response.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: ServerTesting.headers(fixture.bearer("erin"))) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: ServerTesting.headers(fixture.bearer("admin"))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(#"mesh_http_requests_total{method="GET",route="/api/v1/products/{id}",status="200"} 3"#), "\(text.prefix(600))")
                #expect(text.contains(#"mesh_http_request_duration_seconds_count{method="GET",route="/api/v1/products/{id}"} 3"#))
                #expect(text.contains(#"mesh_http_requests_total{method="GET",route="/metrics",status="403"} 1"#))
                #expect(text.contains(#"mesh_publishes_total{product="payments.transactions"} 2"#))
                #expect(text.contains(#"mesh_publish_rejections_total{product="payments.transactions"} 1"#))
                #expect(text.contains(#"mesh_product_rows{product="payments.transactions"} 200"#))
                #expect(text.contains("# TYPE mesh_http_request_duration_seconds histogram"))
                // Every sample line is `name{labels} value` with a number.
                for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                    #expect(Double(line.split(separator: " ").last ?? "") != nil || line.hasSuffix(" +Inf"), "\(line)")
                }
            }
        }
    }

    @Test(.enabled(if: Interop.enabled(["prometheus_client"])))
    func prometheusClientParsesTheExposition() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        let file = fixture.root.appendingPathComponent("metrics.txt")
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/products", method: .get, headers: ServerTesting.headers(fixture.bearer("erin"))) { _ in }
            try await client.execute(uri: "/metrics", method: .get, headers: ServerTesting.headers(fixture.bearer("admin"))) { response in
                try String(buffer: response.body).write(to: file, atomically: true, encoding: .utf8)
            }
        }
        let out = try Interop.runPython("""
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            families = {f.name: f for f in text_string_to_metric_families(open(sys.argv[1]).read())}
            print(families["mesh_http_request_duration_seconds"].type)
            req = [s for s in families["mesh_http_requests"].samples if s.labels.get("route") == "/api/v1/products"]
            print(int(req[0].value), req[0].labels["status"])
            pub = {s.labels["product"]: s.value for s in families["mesh_publishes"].samples}
            print(int(pub["payments.transactions"]))
            """, [file.path])
        #expect(out == "histogram\n1 200\n2\n")
    }

    @Test("the event stream sends the caller's feed as server-sent events, resumes after Last-Event-ID, and refuses another consumer's feed")
    func eventStream() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let service = fixture.service
        let newer = try Self.publish(fixture, rows: 200..<210, name: "newer.csv")
        let app = MeshApplication.build(service: service, port: 0)
        try await app.test(.router) { client in
            // A publish while the stream is open reaches it. It runs on a dispatch thread: the
            // cooperative pool may be busy with other tests' synchronous work on a loaded machine.
            let published = DispatchSemaphore(value: 0)
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
                defer { published.signal() }
                guard let paula = try? service.resolveCaller("paula", environment: [:]) else { return }
                _ = try? service.publish(productID: "payments.transactions", inputs: [PublishInput(path: newer.path)], by: paula)
            }
            let before = try service.events(consumer: "payments-team").last?.id ?? 0
            // `after` pins the start, so the test does not depend on which comes first under load.
            try await client.execute(uri: "/v1/events/stream?after=\(before)&timeout=12", method: .get, headers: ServerTesting.headers(fixture.bearer("paula"))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream")
                let text = String(buffer: response.body)
                #expect(text.hasPrefix(": following payments-team after event \(before)"), "\(text.prefix(200))")
                #expect(text.contains("event: publish.accepted\ndata: {"), "\(text)")
                #expect(text.contains("\"productID\":\"payments.transactions\""))
            }
            published.wait()
            // Resuming after the first event replays the later ones only.
            let feed = try service.events(consumer: "payments-team")
            let first = try #require(feed.first)
            var headers = ServerTesting.headers(fixture.bearer("paula"))
            headers[values: .init("Last-Event-ID")!] = ["\(first.id)"]
            try await client.execute(uri: "/v1/events/stream?timeout=0.5", method: .get, headers: headers) { response in
                let ids = String(buffer: response.body).split(separator: "\n").filter { $0.hasPrefix("id: ") }.map { Int64($0.dropFirst(4))! }
                #expect(ids == feed.dropFirst().map(\.id))
            }
            try await client.execute(uri: "/v1/events/stream?consumer=payments-team", method: .get, headers: ServerTesting.headers(fixture.bearer("erin"))) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/events/stream?timeout=-1", method: .get, headers: ServerTesting.headers(fixture.bearer("paula"))) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("background work runs the freshness monitor and the retention pass on their schedules and stops when cancelled")
    func backgroundWork() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let metrics = ServerMetrics()
        let work = BackgroundWork(service: fixture.service, metrics: metrics, webhookInterval: .milliseconds(200), freshnessInterval: .milliseconds(300),
                                  retentionInterval: .milliseconds(300))
        let task = Task { try await work.run() }
        // Wait (generously: under the whole suite on two cores, the concurrency pool's threads
        // can be held by blocking tests for minutes) for two runs of the monitor, then stop it.
        let deadline = ContinuousClock.now + .seconds(300)
        while metrics.state.withLock({ min($0.freshnessRuns, $0.retentionRuns) }) < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        task.cancel()
        _ = try? await task.value
        let app = MeshApplication.build(service: fixture.service, port: 0, metrics: metrics)
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get, headers: ServerTesting.headers(fixture.bearer("admin"))) { response in
                let text = String(buffer: response.body)
                let line = text.split(separator: "\n").first { $0.hasPrefix(#"mesh_freshness_monitor_runs_total{outcome="ok"}"#) }
                let runs = line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
                #expect(runs >= 2, "\(line ?? "no line"); last failure: \(metrics.state.withLock { $0.lastFreshnessError } ?? "none")")
                let retention = text.split(separator: "\n").first { $0.hasPrefix(#"mesh_retention_runs_total{outcome="ok"}"#) }
                let passes = retention.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
                #expect(passes >= 2, "\(retention ?? "no line"); last failure: \(metrics.state.withLock { $0.lastRetentionError } ?? "none")")
                #expect(text.contains("mesh_versions_expired_total 0"))
            }
        }
    }
}
