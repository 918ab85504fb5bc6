import Hummingbird
import Mesh

/// Resolves `Authorization: Bearer mesh_…` to the caller's ``Principal`` on every request
/// except the public paths (`GET /health`) and the web catalog's pages, and answers 401
/// without or with a bad token.
public struct TokenAuthenticator: RouterMiddleware {
    public typealias Context = MeshRequestContext

    /// The mesh whose tokens authenticate.
    public let service: MeshService
    /// Paths reachable without a token.
    public let publicPaths: Set<String>

    /// Creates the middleware over `service`.
    public init(service: MeshService, publicPaths: Set<String> = ["/health"]) {
        self.service = service
        self.publicPaths = publicPaths
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if publicPaths.contains(request.uri.path), request.method == .get || request.method == .head {
            return try await next(request, context)
        }
        // The web catalog's pages: public ones show metadata only; the others check the
        // session cookie themselves (see ``WebRoutes``).
        if WebRoutes.isWebPath(request.uri.path) {
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else {
            throw MeshError(.unauthenticated, "missing Authorization header: send `Authorization: Bearer TOKEN` (create a token with `mesh token create PRINCIPAL`)")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw MeshError(.unauthenticated, "the Authorization header must be `Bearer TOKEN`")
        }
        var context = context
        context.principal = try service.authenticate(token: String(parts[1]).trimmingCharacters(in: .whitespaces))
        return try await next(request, context)
    }
}
