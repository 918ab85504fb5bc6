import Foundation
import Hummingbird
import HummingbirdTesting
import Mesh
import MeshServer
import Testing

@Suite("JSON API and its OpenAPI document")
struct ProductRoutesTests {
    @Test("products, a product, its versions and search")
    func products() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        let erin = ServerTesting.headers(fixture.bearer("erin"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/products", method: .get, headers: erin) { response in
                let list = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[String: Any]]
                #expect(list?.map { $0["id"] as? String } == ["payments.transactions"])
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions", method: .get, headers: erin) { response in
                #expect(ServerTesting.object(response)["owner"] as? String != nil)
                #expect(ServerTesting.object(response)["tables"] as? [String] == ["payments.transactions"])
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/versions", method: .get, headers: erin) { response in
                let list = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[String: Any]]
                #expect(list?.map { $0["tag"] as? String } == ["v1", "v2"])
                #expect(list?.map { ($0["rowCount"] as? NSNumber)?.intValue } == [100, 200])
            }
            try await client.execute(uri: "/api/v1/products/payments.nothing", method: .get, headers: erin) { response in
                #expect(response.status == .notFound)
                #expect(ServerTesting.error(response)["code"] as? String == "notFound")
            }
            try await client.execute(uri: "/api/v1/search?q=card", method: .get, headers: erin) { response in
                #expect(String(buffer: response.body).contains("payments.transactions"))
            }
            try await client.execute(uri: "/api/v1/search", method: .get, headers: erin) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("reads as JSON lines: projected, filtered and limited; masked for a consumer whose purpose does not allow personal data; refused without a grant")
    func read() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/products/payments.transactions/read?columns=txn_id,amount&where=amount%20%3E%2048&limit=3",
                                     method: .get, headers: ServerTesting.headers(fixture.bearer("paula"))) { response in
                #expect(response.status == .ok)
                let rows = ServerTesting.lines(response)
                #expect(rows.count == 3)
                #expect(rows.allSatisfy { Set($0.keys) == ["txn_id", "amount"] && (($0["amount"] as? NSNumber)?.doubleValue ?? 0) > 48 })
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/read?version=v1&purpose=analytics",
                                     method: .get, headers: ServerTesting.headers(fixture.bearer("dana"))) { response in
                #expect(response.status == .ok)
                let rows = ServerTesting.lines(response)
                #expect(rows.count == 100)
                let ids = Set((0..<100).map { ServerFixture.row($0).customerID })
                #expect(rows.allSatisfy { !ids.contains($0["customer_id"] as? String ?? "") })
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/read?purpose=analytics",
                                     method: .get, headers: ServerTesting.headers(fixture.bearer("erin"))) { response in
                #expect(response.status == .forbidden)
                #expect((ServerTesting.error(response)["message"] as? String)?.contains("request-access") == true)
            }
        }
    }

    @Test("every registered route is in the OpenAPI document, and nothing else")
    func openAPICoversEveryRoute() async throws {
        let service = try MeshService.inMemory()
        let router = MeshApplication.router(service: service)
        // The web catalog's HTML pages are not part of the API (docs/web.md lists them).
        let registered = Set(router.routes.filter { !WebRoutes.isWebPath($0.path.description) }
            .map { "\($0.method.rawValue.lowercased()) \($0.path.description)" })
        let paths = try #require(ServerTesting.dictionary(OpenAPIDocument.json.serialized())["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, methods in methods.keys.map { "\($0) \(path)" } })
        #expect(!registered.isEmpty)
        #expect(registered == documented, "undocumented: \(registered.subtracting(documented).sorted()); not served: \(documented.subtracting(registered).sorted())")
    }
}
