import Catalog
import Foundation
import Hummingbird
import Mesh

/// `GET /metrics`: Prometheus text exposition of the server's request metrics and background
/// work, plus the mesh's figures read from the catalog at scrape time: publishes and rejected
/// publishes per product, and each product's freshness lag against its SLA.
///
/// Needs a token of a platform admin or governance principal (or `mesh serve --metrics-public`).
public struct MetricsRoutes: Sendable {
    /// The mesh measured.
    public let service: MeshService
    /// The server's own figures.
    public let metrics: ServerMetrics

    /// Creates the route.
    public init(service: MeshService, metrics: ServerMetrics) {
        self.service = service
        self.metrics = metrics
    }

    /// Adds `GET /metrics` to `router`.
    public func add(to router: Router<MeshRequestContext>) {
        router.get("metrics") { _, context in
            if let caller = context.principal, caller.roles.isDisjoint(with: [.admin, .governance]) {
                throw MeshError(.forbidden, "/metrics is for platform admins and governance; \(caller.name) is neither")
            }
            let text = try await Offload.run { () throws(MeshError) -> String in try metrics.exposition() + catalogExposition() }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// The catalog-derived families.
    func catalogExposition() throws(MeshError) -> String {
        var out = PrometheusText()
        let now = service.now()
        var rows: [(id: String, versions: [ProductVersion], rejections: Int, freshness: Freshness)] = []
        for product in try service.products() {
            let versions = try service.versions(product.id)
            // The parsed contract is kept by the service (a scrape does not parse YAML again).
            let contract = try service.contract(of: product.id).contract
            rows.append((product.id, versions, try service.rejections(product.id).count,
                         Freshness.evaluate(productID: product.id, slaProperties: contract.slaProperties, versions: versions, now: now)))
        }
        out.family("mesh_publishes_total", "counter", "Versions published per product (accepted publishes).")
        for r in rows { out.sample("mesh_publishes_total", ["product": r.id], Double(r.versions.count)) }
        out.family("mesh_publish_rejections_total", "counter", "Publishes rejected by the product's checks and policies.")
        for r in rows { out.sample("mesh_publish_rejections_total", ["product": r.id], Double(r.rejections)) }
        out.family("mesh_product_rows", "gauge", "Rows in the product's newest version.")
        for r in rows { out.sample("mesh_product_rows", ["product": r.id], Double(r.versions.last?.rowCount ?? 0)) }
        out.family("mesh_product_freshness_lag_seconds", "gauge", "Age of the product's newest data against now (newest event time, else publish time).")
        for r in rows { if let lag = r.freshness.lag { out.sample("mesh_product_freshness_lag_seconds", ["product": r.id], lag) } }
        out.family("mesh_product_freshness_breached", "gauge", "1 when the product is older than its latency SLA allows.")
        for r in rows { out.sample("mesh_product_freshness_breached", ["product": r.id], r.freshness.isBreach ? 1 : 0) }
        return out.text
    }
}

/// Runs blocking service calls (SQLite, files) on a dispatch thread instead of the event loop
/// or the cooperative pool.
enum Offload {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws(MeshError) -> T) async throws(MeshError) -> T {
        let result = await withCheckedContinuation { (done: CheckedContinuation<Result<T, MeshError>, Never>) in
            DispatchQueue.global().async {
                do throws(MeshError) { done.resume(returning: .success(try body())) } catch { done.resume(returning: .failure(error)) }
            }
        }
        return try result.get()
    }
}
