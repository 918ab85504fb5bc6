import Hummingbird
import Mesh

/// Builds the mesh server: one function the `mesh serve` command and the tests both call.
public enum MeshApplication {
    /// The router of every mesh route: request metrics, the error responder, the token
    /// authenticator, then `GET /health`, the Iceberg REST catalog under `/v1`, the event stream
    /// `/v1/events/stream`, the JSON API under `/api/v1`, `/metrics` and the web catalog's pages.
    ///
    /// - Parameters:
    ///   - metrics: where request figures are recorded and `/metrics` reads them.
    ///   - publicMetrics: serve `/metrics` without a token (for a scraper on a private network).
    public static func router(service: MeshService, metrics: ServerMetrics = ServerMetrics(), publicMetrics: Bool = false) -> Router<MeshRequestContext> {
        let router = Router(context: MeshRequestContext.self)
        router.middlewares.add(RequestMetrics(metrics: metrics))
        router.middlewares.add(ErrorResponder())
        router.middlewares.add(TokenAuthenticator(service: service, publicPaths: publicMetrics ? ["/health", "/metrics"] : ["/health"]))
        router.get("health") { _, _ in JSONResponse.make(JSONResponse.object([("status", "ok")])) }
        router.head("health") { _, _ in Response(status: .ok) }
        IcebergCatalogRoutes(service: service).add(to: router)
        EventStreamRoutes(service: service).add(to: router)
        ProductRoutes(service: service).add(to: router)
        MetricsRoutes(service: service, metrics: metrics).add(to: router)
        WebRoutes(service: service).add(to: router)
        return router
    }

    /// The application serving `service` on `host`:`port` (0: any free port); it stops
    /// gracefully on SIGINT or SIGTERM when run with `runService()` or in a service group.
    public static func build(service: MeshService, host: String = "127.0.0.1", port: Int = 8181, metrics: ServerMetrics = ServerMetrics(),
                             publicMetrics: Bool = false,
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(service: service, metrics: metrics, publicMetrics: publicMetrics),
                    configuration: .init(address: .hostname(host, port: port), serverName: "meshwork"),
                    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) })
    }
}
