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
        // The API's paths (`/v1/…`, `/api/…`) are never public: skip the other checks for them.
        let path = request.uri.path
        if !Self.isAPIPath(path) {
            if publicPaths.contains(path), request.method == .get || request.method == .head {
                return try await next(request, context)
            }
            // The web catalog's pages: public ones show metadata only; the others check the
            // session cookie themselves (see ``WebRoutes``).
            if WebRoutes.isWebPath(path) {
                return try await next(request, context)
            }
        }
        guard let header = request.headers[.authorization] else {
            throw MeshError(.unauthenticated, "missing Authorization header: send `Authorization: Bearer TOKEN` (create a token with `mesh token create PRINCIPAL`)")
        }
        guard let token = Self.bearerToken(header) else {
            throw MeshError(.unauthenticated, "the Authorization header must be `Bearer TOKEN`")
        }
        var context = context
        context.principal = try service.authenticate(token: token)
        return try await next(request, context)
    }

    /// True for a path under `/v1/` (the Iceberg REST catalog and the event stream) or `/api/`
    /// (the JSON API), which always need a token.
    static func isAPIPath(_ path: String) -> Bool {
        var bytes = path.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "/") else { return false }
        switch (bytes.next(), bytes.next(), bytes.next(), bytes.next()) {
        case (UInt8(ascii: "v"), UInt8(ascii: "1"), UInt8(ascii: "/"), _): return true
        case (UInt8(ascii: "a"), UInt8(ascii: "p"), UInt8(ascii: "i"), UInt8(ascii: "/")): return true
        default: return false
        }
    }

    /// The token of an `Authorization: Bearer TOKEN` header (scheme case-insensitive, spaces
    /// around the token ignored), or nil for another scheme or no token.
    static func bearerToken(_ header: String) -> String? {
        let bytes = Array(header.utf8)
        let scheme = Array("bearer".utf8)
        guard bytes.count > scheme.count, bytes[scheme.count] == UInt8(ascii: " ") else { return nil }
        for (i, letter) in scheme.enumerated() where bytes[i] | 0x20 != letter { return nil }
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var start = scheme.count + 1, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
