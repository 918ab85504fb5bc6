import Foundation
import Synchronization

/// The server's own Prometheus metrics: requests and their latency per route, and what the
/// background work did (webhook deliveries, freshness checks). Figures that live in the catalog
/// (publishes, rejections, freshness lag per product) are read from it at scrape time instead,
/// so publishes made by the CLI on the same mesh directory count too (``MetricsRoutes``).
public final class ServerMetrics: Sendable {
    /// Latency histogram bucket bounds, in seconds.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct RequestKey: Hashable, Comparable {
        var method: String
        var route: String
        var status: Int
        static func < (a: Self, b: Self) -> Bool { (a.route, a.method, a.status) < (b.route, b.method, b.status) }
    }

    struct RouteKey: Hashable, Comparable {
        var method: String
        var route: String
        static func < (a: Self, b: Self) -> Bool { (a.route, a.method) < (b.route, b.method) }
    }

    struct Histogram {
        var counts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var sum = 0.0
        var count = 0

        /// Counts one observation in every bucket it falls under.
        mutating func observe(_ seconds: Double) {
            for (i, bound) in ServerMetrics.buckets.enumerated() where seconds <= bound { counts[i] += 1 }
            sum += seconds
            count += 1
        }
    }

    struct State {
        var requests: [RequestKey: Int] = [:]
        var latency: [RouteKey: Histogram] = [:]
        var webhookDelivered = 0
        var webhookFailed = 0
        var webhookRetrying = 0
        var freshnessRuns = 0
        var freshnessErrors = 0
        /// The message of the freshness monitor's latest failed run, if any.
        var lastFreshnessError: String?
        var retentionRuns = 0
        var retentionErrors = 0
        var versionsExpired = 0
        /// The message of the retention pass's latest failure, if any.
        var lastRetentionError: String?
    }

    let state = Mutex(State())

    /// Creates an empty registry.
    public init() {}

    /// Records one request to `route` (the route pattern, not the concrete path).
    public func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { s in
            s.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            // In place (no copy of the bucket array per request).
            s.latency[RouteKey(method: method, route: route), default: Histogram()].observe(seconds)
        }
    }

    /// Records one webhook dispatch pass.
    public func recordWebhooks(delivered: Int, retrying: Int, failed: Int) {
        state.withLock { s in
            s.webhookDelivered += delivered
            s.webhookRetrying += retrying
            s.webhookFailed += failed
        }
    }

    /// Records one run of the freshness monitor; `error` is the failure's message when it failed.
    public func recordFreshnessRun(error: String? = nil) {
        state.withLock { s in
            s.freshnessRuns += 1
            if let error {
                s.freshnessErrors += 1
                s.lastFreshnessError = error
            }
        }
    }

    /// Records one retention pass: how many versions it expired, or its failure.
    public func recordRetentionRun(expired: Int, error: String? = nil) {
        state.withLock { s in
            s.retentionRuns += 1
            s.versionsExpired += expired
            if let error {
                s.retentionErrors += 1
                s.lastRetentionError = error
            }
        }
    }

    /// The process metrics in the Prometheus text exposition format (0.0.4).
    func exposition() -> String {
        let s = state.withLock { $0 }
        var out = PrometheusText()
        out.family("mesh_http_requests_total", "counter", "HTTP requests by route pattern, method and status.")
        for (key, n) in s.requests.sorted(by: { $0.key < $1.key }) {
            out.sample("mesh_http_requests_total", ["route": key.route, "method": key.method, "status": String(key.status)], Double(n))
        }
        out.family("mesh_http_request_duration_seconds", "histogram", "HTTP request latency by route pattern and method.")
        for (key, h) in s.latency.sorted(by: { $0.key < $1.key }) {
            let labels = ["route": key.route, "method": key.method]
            for (i, bound) in Self.buckets.enumerated() {
                out.sample("mesh_http_request_duration_seconds_bucket", labels.merging(["le": PrometheusText.number(bound)]) { a, _ in a }, Double(h.counts[i]))
            }
            out.sample("mesh_http_request_duration_seconds_bucket", labels.merging(["le": "+Inf"]) { a, _ in a }, Double(h.count))
            out.sample("mesh_http_request_duration_seconds_sum", labels, h.sum)
            out.sample("mesh_http_request_duration_seconds_count", labels, Double(h.count))
        }
        out.family("mesh_webhook_deliveries_total", "counter", "Webhook delivery attempts made by this server, by outcome.")
        out.sample("mesh_webhook_deliveries_total", ["outcome": "delivered"], Double(s.webhookDelivered))
        out.sample("mesh_webhook_deliveries_total", ["outcome": "retrying"], Double(s.webhookRetrying))
        out.sample("mesh_webhook_deliveries_total", ["outcome": "failed"], Double(s.webhookFailed))
        out.family("mesh_freshness_monitor_runs_total", "counter", "Runs of the freshness monitor, by outcome.")
        out.sample("mesh_freshness_monitor_runs_total", ["outcome": "ok"], Double(s.freshnessRuns - s.freshnessErrors))
        out.sample("mesh_freshness_monitor_runs_total", ["outcome": "error"], Double(s.freshnessErrors))
        out.family("mesh_retention_runs_total", "counter", "Retention passes, by outcome.")
        out.sample("mesh_retention_runs_total", ["outcome": "ok"], Double(s.retentionRuns - s.retentionErrors))
        out.sample("mesh_retention_runs_total", ["outcome": "error"], Double(s.retentionErrors))
        out.family("mesh_versions_expired_total", "counter", "Product versions expired by retention passes of this process.")
        out.sample("mesh_versions_expired_total", [:], Double(s.versionsExpired))
        return out.text
    }
}

/// Builds Prometheus text exposition: `# HELP`/`# TYPE` lines and escaped samples.
struct PrometheusText {
    var text = ""

    mutating func family(_ name: String, _ type: String, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    mutating func sample(_ name: String, _ labels: [String: String], _ value: Double) {
        if labels.isEmpty {
            text += "\(name) \(Self.number(value))\n"
            return
        }
        let rendered = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(Self.escape($0.value))\"" }.joined(separator: ",")
        text += "\(name){\(rendered)} \(Self.number(value))\n"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
