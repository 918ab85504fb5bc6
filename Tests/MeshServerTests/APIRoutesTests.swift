import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Mesh
import MeshServer
import Testing

/// The JSON API's other routes: answers decode into the service's types, bad bodies name the
/// field, reads carry their decisions, every documented path is served, calls are audited.
@Suite("JSON API routes")
struct APIRoutesTests {
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try decoder().decode(T.self, from: Data(String(buffer: response.body).utf8))
    }

    static func overTheWire<T: Codable>(_ value: T) throws -> T {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try decoder().decode(T.self, from: try encoder.encode(value))
    }

    @Test("answers decode into the service's result types and match what the service returns")
    func answersAreServiceResults() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let service = fixture.service
        let app = MeshApplication.build(service: service, port: 0)
        let paula = ServerTesting.headers(fixture.bearer("paula"))
        // As the client sees them: ISO-8601 dates carry whole seconds.
        let expectedDetails = try Self.overTheWire(try service.show("payments.transactions"))
        let expectedDomain = try Self.overTheWire(try service.domain("payments"))
        let expectedStats = try Self.overTheWire(try service.stats(productID: "payments.transactions"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/whoami", method: .get, headers: paula) { response in
                let principal = try Self.decode(Principal.self, response)
                #expect(principal.name == "paula")
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/details", method: .get, headers: paula) { response in
                var details = try Self.decode(ProductDetails.self, response)
                // Freshness is measured at each call.
                #expect(details.freshness.status == expectedDetails.freshness.status)
                details.freshness = expectedDetails.freshness
                #expect(details == expectedDetails)
            }
            try await client.execute(uri: "/api/v1/domains/payments", method: .get, headers: paula) { response in
                let domain = try Self.decode(Domain.self, response)
                #expect(domain == expectedDomain)
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/contract", method: .get, headers: paula) { response in
                #expect(ServerTesting.object(response)["yaml"] as? String == ServerFixture.contract)
            }
            try await client.execute(uri: "/api/v1/stats?product=payments.transactions", method: .get, headers: paula) { response in
                let stats = try Self.decode(MeshStats.self, response)
                #expect(stats == expectedStats)
            }
            try await client.execute(uri: "/api/v1/grants?product=payments.transactions", method: .get, headers: paula) { response in
                let grants = try Self.decode([Grant].self, response)
                #expect(grants.map(\.principal).sorted() == ["carl", "dana"])
            }
            // A consumer sees only its own grants.
            try await client.execute(uri: "/api/v1/grants", method: .get, headers: ServerTesting.headers(fixture.bearer("carl"))) { response in
                let grants = try Self.decode([Grant].self, response)
                #expect(grants.map(\.principal) == ["carl"])
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/versions/2/revoke", method: .post, headers: paula,
                                     body: ByteBuffer(string: #"{"reason": "late data"}"#)) { response in
                #expect(response.status == .ok)
                let revocation = try Self.decode(Revocation.self, response)
                #expect(revocation.version.status == .revoked)
            }
        }
    }

    @Test("bad bodies and parameters are 400s naming the field")
    func badBodies() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        let admin = ServerTesting.headers(fixture.bearer("admin"))
        try await app.test(.router) { client in
            let cases: [(String, String, String)] = [
                ("/api/v1/domains", #"{"owner": "x"}"#, "name"),
                ("/api/v1/domains", #"{"name": 3, "owner": "x"}"#, "name"),
                ("/api/v1/grants", #"{"product": "payments.transactions", "principal": "erin", "purpose": "a", "expires": "tomorrow"}"#, "expires"),
                ("/api/v1/principals", #"{"name": "zed", "roles": ["wizard"]}"#, "roles"),
                ("/api/v1/products/payments.transactions/versions/1/revoke", "not json", "body"),
            ]
            for (uri, body, field) in cases {
                try await client.execute(uri: uri, method: .post, headers: admin, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest, "\(uri) \(body)")
                    #expect(ServerTesting.error(response)["context"] as? String == field, "\(uri) \(body): \(String(buffer: response.body))")
                }
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/read?format=xml", method: .get, headers: admin) { response in
                #expect(response.status == .badRequest)
                #expect(ServerTesting.error(response)["context"] as? String == "format")
            }
        }
    }

    @Test("reads stream CSV and Parquet too, with the masking decisions and version in headers")
    func readFormats() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/products/payments.transactions/read?format=csv&purpose=analytics&version=1",
                                     method: .get, headers: ServerTesting.headers(fixture.bearer("dana"))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv")
                #expect(response.headers[.init("Mesh-Version")!] == "1")
                let decisions = ServerTesting.dictionary(#"{"d": "# + (response.headers[.init("Mesh-Read-Decisions")!] ?? "null") + "}")["d"] as? [[String: Any]]
                #expect(decisions?.map { $0["column"] as? String } == ["customer_id"])
                let lines = String(buffer: response.body).split(separator: "\n")
                #expect(lines.count == 101)
                #expect(lines.first == "txn_id,customer_id,amount")
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/read?format=parquet",
                                     method: .get, headers: ServerTesting.headers(fixture.bearer("paula"))) { response in
                #expect(response.status == .ok)
                let bytes = Array(response.body.readableBytesView)
                #expect(bytes.count > 100)
                #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8))
                #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
                #expect(response.headers[.init("Mesh-Read-Decisions")!] == "[]")
            }
        }
    }

    @Test("every path in the OpenAPI document is served (no 'no route' 404)")
    func documentedPathsAreServed() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        let document = try #require(ServerTesting.dictionary(OpenAPIDocument.json.serialized())["paths"] as? [String: [String: Any]])
        #expect(document.count > 40)
        let paths = document.map { ($0.key, Array($0.value.keys)) }
        try await app.test(.router) { client in
            for (path, methods) in paths {
                let concrete = path.replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{name}", with: "x")
                    .replacingOccurrences(of: "{namespace}", with: "payments").replacingOccurrences(of: "{table}", with: "transactions")
                    .replacingOccurrences(of: "{version}", with: "1").replacingOccurrences(of: "{term}", with: "x")
                    // The event stream stays open until its timeout.
                    + (path == "/v1/events/stream" ? "?timeout=0.2" : "")
                for method in methods {
                    let m = HTTPRequest.Method(rawValue: method.uppercased())!
                    try await client.execute(uri: concrete, method: m, headers: ServerTesting.headers(fixture.bearer("erin")), body: ByteBuffer(string: "{}")) { response in
                        let message = ServerTesting.error(response)["message"] as? String ?? ""
                        #expect(!message.hasPrefix("no route"), "\(method) \(concrete): \(message)")
                    }
                }
            }
        }
    }

    @Test("API reads and changes are audited under the token's principal")
    func audited() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let service = fixture.service
        func entries(_ principal: String) throws -> [AuditEntry] {
            try service.read { t throws(CatalogError) in try t.audit(principal: principal, target: nil, limit: nil) }
        }
        let carlBefore = try entries("carl").count
        let erinBefore = try entries("erin").count
        let app = MeshApplication.build(service: service, port: 0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/products/payments.transactions/read?purpose=fraud-detection&limit=2", method: .get,
                                     headers: ServerTesting.headers(fixture.bearer("carl"))) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/access-requests", method: .post, headers: ServerTesting.headers(fixture.bearer("erin")),
                                     body: ByteBuffer(string: #"{"product": "payments.transactions", "purpose": "analytics"}"#)) { response in
                #expect(response.status == .created)
            }
        }
        let carl = try entries("carl")
        #expect(carl.count == carlBefore + 1)
        #expect(carl.last?.action == "read")
        #expect(carl.last?.allowed == true)
        let erin = try entries("erin")
        #expect(erin.count == erinBefore + 1)
    }
}
