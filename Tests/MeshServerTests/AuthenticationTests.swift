import Foundation
import Hummingbird
import HummingbirdTesting
import Mesh
import MeshServer
import Testing

@Suite("Authentication and error answers")
struct AuthenticationTests {
    @Test("GET /health needs no token; every other route answers 401 without or with a bad token")
    func tokens() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(ServerTesting.object(response)["status"] as? String == "ok")
            }
            for uri in ["/v1/config", "/v1/namespaces", "/v1/namespaces/payments/tables/transactions", "/no/such/route"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                    #expect((ServerTesting.error(response)["message"] as? String)?.contains("Authorization") == true, "\(uri)")
                }
                try await client.execute(uri: uri, method: .get, headers: ServerTesting.headers("Bearer mesh_wrong")) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                }
                try await client.execute(uri: uri, method: .get, headers: ServerTesting.headers("Basic YWRtaW46YWRtaW4=")) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                }
            }
            try await client.execute(uri: "/v1/config", method: .get, headers: ServerTesting.headers(fixture.bearer("erin"))) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("Iceberg routes answer the spec's ErrorModel; other routes the mesh's error shape")
    func errorShapes() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/namespaces", method: .get) { response in
                let error = ServerTesting.error(response)
                #expect(error["code"] as? Int == 401)
                #expect(error["type"] as? String == "NotAuthorizedException")
            }
            try await client.execute(uri: "/v1/namespaces/nowhere", method: .get, headers: ServerTesting.headers(fixture.bearer("erin"))) { response in
                #expect(response.status == .notFound)
                let error = ServerTesting.error(response)
                #expect(error["type"] as? String == "NoSuchNamespaceException")
                #expect(error["code"] as? Int == 404)
                #expect((error["message"] as? String)?.contains("nowhere") == true)
            }
            try await client.execute(uri: "/api/v1/nothing", method: .get, headers: ServerTesting.headers(fixture.bearer("erin"))) { response in
                #expect(response.status == .notFound)
                let error = ServerTesting.error(response)
                #expect(error["code"] as? String == "notFound")
                #expect((error["message"] as? String)?.contains("/api/v1/nothing") == true)
                #expect(error["details"] as? [String] == [])
            }
            try await client.execute(uri: "/api/v1/nothing", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(ServerTesting.error(response)["code"] as? String == "unauthenticated")
            }
        }
    }

    @Test("every MeshError kind maps to its HTTP status")
    func statuses() {
        let expected: [(MeshError.Kind, Int)] = [(.invalidInput, 400), (.unauthenticated, 401), (.forbidden, 403), (.notFound, 404), (.conflict, 409),
                                                 (.tooLarge, 413), (.rejected, 422), (.schemaMismatch, 422), (.storage, 500)]
        for (kind, status) in expected { #expect(MeshError(kind, "x").httpStatus == status) }
    }
}
