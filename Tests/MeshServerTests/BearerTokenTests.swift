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
