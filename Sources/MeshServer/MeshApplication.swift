import Hummingbird
import Mesh

/// Builds the mesh server: one function the `mesh serve` command and the tests both call.
public enum MeshApplication {
    /// What a server allows.
    public struct Configuration: Sendable {
        /// The most bytes one publish upload may hold (`mesh serve --max-upload`); 10 GiB by default.
        public var maxUploadBytes: Int64

        /// Creates a configuration.
        public init(maxUploadBytes: Int64 = 10 << 30) {
            self.maxUploadBytes = maxUploadBytes
        }
    }

    /// The router of every mesh route: the error responder, the token authenticator, then
    /// `GET /health`, the Iceberg REST catalog under `/v1` and the JSON API under `/api/v1`.
    public static func router(service: MeshService, configuration: Configuration = Configuration()) -> Router<MeshRequestContext> {
        let router = Router(context: MeshRequestContext.self)
        router.middlewares.add(ErrorResponder())
        router.middlewares.add(TokenAuthenticator(service: service))
        router.get("health") { _, _ in JSONResponse.make(JSONResponse.object([("status", "ok")])) }
        router.head("health") { _, _ in Response(status: .ok) }
        IcebergCatalogRoutes(service: service).add(to: router)
        ProductRoutes(service: service).add(to: router)
        let api = router.group("api/v1")
        IdentityRoutes(service: service).add(to: api)
        DomainRoutes(service: service).add(to: api)
        PublishRoutes(service: service, uploads: UploadStore(directory: UploadStore.directory(for: service), maxBytes: configuration.maxUploadBytes)).add(to: api)
        AccessRoutes(service: service).add(to: api)
        GovernanceRoutes(service: service).add(to: api)
        EventRoutes(service: service).add(to: api)
        LineageRoutes(service: service).add(to: api)
        TrainingSetRoutes(service: service).add(to: api)
        return router
    }

    /// The application serving `service` on `host`:`port` (0: any free port); it stops
    /// gracefully on SIGINT or SIGTERM when run with `runService()`.
    public static func build(service: MeshService, host: String = "127.0.0.1", port: Int = 8181, configuration: Configuration = Configuration(),
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(service: service, configuration: configuration),
                    configuration: .init(address: .hostname(host, port: port), serverName: "meshwork"),
                    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) })
    }
}
