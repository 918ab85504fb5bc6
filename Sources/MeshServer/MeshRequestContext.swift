import Catalog
import Hummingbird
import Mesh

/// The request context of every mesh route: Hummingbird's core context plus the caller the
/// ``TokenAuthenticator`` resolved from the bearer token.
public struct MeshRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, allocator).
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller; nil only on the public routes (`GET /health`).
    public var principal: Principal?

    /// Creates a context for a new request (no caller yet).
    public init(source: Source) {
        coreContext = .init(source: source)
        principal = nil
    }

    /// The authenticated caller.
    ///
    /// - Throws: ``MeshError/Kind/unauthenticated`` on a route the authenticator let through
    ///   without a caller (a public route asking for one is a server bug, answered as 401).
    public func caller() throws(MeshError) -> Principal {
        guard let principal else { throw MeshError(.unauthenticated, "this route needs a bearer token") }
        return principal
    }
}
