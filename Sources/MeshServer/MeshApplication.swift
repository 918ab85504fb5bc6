import Hummingbird
import Mesh

/// Builds the mesh server: one function the `mesh serve` command and the tests both call.
public enum MeshApplication {
    /// The router of every mesh route: the error responder, the token authenticator, then
    /// `GET /health`, the Iceberg REST catalog under `/v1`, the JSON API under `/api/v1` and the
    /// web catalog's pages.
    public static func router(service: MeshService) -> Router<MeshRequestContext> {
        let router = Router(context: MeshRequestContext.self)
        router.middlewares.add(ErrorResponder())
        router.middlewares.add(TokenAuthenticator(service: service))
        router.get("health") { _, _ in JSONResponse.make(JSONResponse.object([("status", "ok")])) }
        router.head("health") { _, _ in Response(status: .ok) }
        IcebergCatalogRoutes(service: service).add(to: router)
        ProductRoutes(service: service).add(to: router)
        WebRoutes(service: service).add(to: router)
        return router
    }

    /// The application serving `service` on `host`:`port` (0: any free port); it stops
    /// gracefully on SIGINT or SIGTERM when run with `runService()`.
    public static func build(service: MeshService, host: String = "127.0.0.1", port: Int = 8181,
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(service: service), configuration: .init(address: .hostname(host, port: port), serverName: "meshwork"),
                    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) })
    }
}
