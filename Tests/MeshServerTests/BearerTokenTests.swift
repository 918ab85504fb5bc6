@testable import MeshServer
import Testing

/// `Authorization` header parsing: the scheme is case-insensitive, spaces around the token are
/// ignored, anything else is refused.
@Suite("Authorization: Bearer parsing")
struct BearerTokenTests {
    @Test(arguments: [
        ("Bearer mesh_abc", "mesh_abc"), ("bearer mesh_abc", "mesh_abc"), ("BEARER mesh_abc", "mesh_abc"),
        ("Bearer   mesh_abc  ", "mesh_abc"), ("Bearer \tmesh_abc", "mesh_abc"),
    ])
    func accepted(header: String, token: String) {
        #expect(TokenAuthenticator.bearerToken(header) == token)
    }

    @Test(arguments: ["Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "Bearer    ", "Bearermesh_abc", "Bearr mesh_abc", "", "mesh_abc"])
    func refused(header: String) {
        #expect(TokenAuthenticator.bearerToken(header) == nil)
    }
}

/// Which paths skip the public-path and web-page checks (they always need a token).
@Suite("API paths")
struct APIPathTests {
    @Test(arguments: ["/v1/config", "/v1/namespaces/payments/tables/transactions", "/v1/events/stream", "/api/v1/products", "/api/"])
    func api(path: String) {
        #expect(TokenAuthenticator.isAPIPath(path))
    }

    @Test(arguments: ["/", "/health", "/metrics", "/v1", "/v2/config", "/apis", "/api", "/products/payments.transactions", "/style.css", "", "v1/config"])
    func notAPI(path: String) {
        #expect(!TokenAuthenticator.isAPIPath(path))
    }
}
