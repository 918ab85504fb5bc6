import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Mesh
import MeshServer
import Testing

/// Every role against every endpoint family, on its own domain and another's: the exact
/// status of each cell, and that a refused call changed nothing.
///
/// Roles: `admin`; `gia` (governance); `paula` (owner of domain A, `payments`); `pete`
/// (producer of A); `carl` (consumer with a grant for `fraud-detection` on A's product); `erin`
/// (consumer without a grant); `bob` (owner of domain B, `fraud`).
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    static let roles = ["admin", "gia", "paula", "pete", "carl", "erin", "bob"]

    /// One endpoint family: the request, the expected status per role (in ``roles`` order),
    /// and a snapshot of the state a refused call must leave unchanged.
    struct Cell: Sendable {
        let name: String
        let method: HTTPRequest.Method
        let uri: @Sendable (Setup) -> String
        var body: (@Sendable (Setup) -> String)? = nil
        var contentType = "application/json"
        var purpose: String? = nil
        let expected: [Int]
        let state: @Sendable (MeshService) throws -> String
    }

    /// What a fixture holds beyond ``ServerFixture``: a pending access request by erin.
    struct Setup: Sendable {
        let fixture: ServerFixture
        let requestID: Int64
    }

    static func contract(domain: String, product: String, team: String) -> String {
        ServerFixture.contract
            .replacingOccurrences(of: "id: payments-transactions", with: "id: \(domain)-\(product)")
            .replacingOccurrences(of: "domain: payments", with: "domain: \(domain)")
            .replacingOccurrences(of: "dataProduct: transactions", with: "dataProduct: \(product)")
            .replacingOccurrences(of: "name: payments-team", with: "name: \(team)")
    }

    static func versions(_ s: MeshService) throws -> String { try s.versions("payments.transactions").map { "\($0.version)\($0.status)" }.joined(separator: ",") }
    static func products(_ s: MeshService) throws -> String { try s.products().map(\.id).joined(separator: ",") }
    static func grants(_ s: MeshService) throws -> String { try s.grants(includeExpired: true).map { "\($0.id)" }.joined(separator: ",") }
    static func requests(_ s: MeshService) throws -> String { try s.accessRequests().map { "\($0.id)\($0.status)" }.joined(separator: ",") }
    static func nothing(_ s: MeshService) throws -> String { "" }

    static let cells: [Cell] = [
        Cell(name: "list domains", method: .get, uri: { _ in "/api/v1/domains" }, expected: [200, 200, 200, 200, 200, 200, 200], state: nothing),
        Cell(name: "create a domain", method: .post, uri: { _ in "/api/v1/domains" }, body: { _ in #"{"name": "risk", "owner": "risk-team"}"# },
             expected: [201, 403, 403, 403, 403, 403, 403], state: { try $0.domains().map(\.name).joined(separator: ",") }),
        Cell(name: "register a product in A", method: .post, uri: { _ in "/api/v1/products" },
             body: { _ in contract(domain: "payments", product: "refunds", team: "payments-team") }, contentType: "application/yaml",
             expected: [200, 403, 200, 403, 403, 403, 403], state: products),
        Cell(name: "register a product in B", method: .post, uri: { _ in "/api/v1/products" },
             body: { _ in contract(domain: "fraud", product: "scores", team: "fraud-team") }, contentType: "application/yaml",
             expected: [200, 403, 403, 403, 403, 403, 200], state: products),
        Cell(name: "publish to A", method: .post, uri: { _ in "/api/v1/products/payments.transactions/publish?format=csv" },
             body: { _ in ServerFixture.csv(200..<260) }, contentType: "text/csv",
             expected: [201, 403, 201, 201, 403, 403, 403], state: versions),
        Cell(name: "read A for the granted purpose", method: .get, uri: { _ in "/api/v1/products/payments.transactions/read?limit=1&purpose=fraud-detection" },
             expected: [200, 403, 200, 200, 200, 403, 403], state: nothing),
        Cell(name: "read A for another purpose", method: .get, uri: { _ in "/api/v1/products/payments.transactions/read?limit=1&purpose=marketing" },
             expected: [200, 403, 200, 200, 403, 403, 403], state: nothing),
        Cell(name: "revoke a version of A", method: .post, uri: { _ in "/api/v1/products/payments.transactions/versions/1/revoke" },
             body: { _ in #"{"reason": "bad batch"}"# }, expected: [200, 403, 200, 403, 403, 403, 403], state: versions),
        Cell(name: "approve an access request to A", method: .post, uri: { "/api/v1/access-requests/\($0.requestID)/approve" },
             body: { _ in #"{"clearance": "internal"}"# }, expected: [200, 403, 200, 403, 403, 403, 403], state: requests),
        Cell(name: "grant access to A", method: .post, uri: { _ in "/api/v1/grants" },
             body: { _ in #"{"product": "payments.transactions", "principal": "erin", "purpose": "analytics"}"# },
             expected: [201, 403, 201, 403, 403, 403, 403], state: grants),
        Cell(name: "apply a policy bundle", method: .post, uri: { _ in "/api/v1/policies" },
             body: { _ in ServerFixture.policy.replacingOccurrences(of: "version: 1.0.0", with: "version: 1.1.0") }, contentType: "application/yaml",
             expected: [200, 200, 403, 403, 403, 403, 403],
             state: { s in try s.read { t throws(CatalogError) in try t.policy(scope: "global")?.version ?? "" } }),
        Cell(name: "glossary", method: .get, uri: { _ in "/api/v1/glossary" }, expected: [200, 200, 200, 200, 200, 200, 200], state: nothing),
        Cell(name: "events", method: .get, uri: { _ in "/api/v1/events" }, expected: [200, 200, 200, 200, 200, 200, 200], state: nothing),
        Cell(name: "lineage of A", method: .get, uri: { _ in "/api/v1/lineage?ref=payments.transactions@1&direction=downstream" },
             expected: [200, 200, 200, 200, 200, 200, 200], state: nothing),
        Cell(name: "training sets", method: .get, uri: { _ in "/api/v1/trainsets" }, expected: [200, 200, 200, 200, 200, 200, 200], state: nothing),
        Cell(name: "models", method: .get, uri: { _ in "/api/v1/models" }, expected: [200, 200, 200, 200, 200, 200, 200], state: nothing),
        Cell(name: "the whole audit log", method: .get, uri: { _ in "/api/v1/audit" }, expected: [200, 200, 403, 403, 403, 403, 403], state: nothing),
        Cell(name: "the audit log of A", method: .get, uri: { _ in "/api/v1/audit?product=payments.transactions" },
             expected: [200, 200, 200, 403, 403, 403, 403], state: nothing),
        Cell(name: "one's own audit entries", method: .get, uri: { _ in "/api/v1/audit?principal=erin" },
             expected: [200, 200, 403, 403, 403, 200, 403], state: nothing),
        Cell(name: "Iceberg load of A", method: .get, uri: { _ in "/v1/namespaces/payments/tables/transactions" }, purpose: "fraud-detection",
             expected: [200, 403, 200, 200, 200, 403, 403], state: nothing),
        Cell(name: "Iceberg commit to A (a failing requirement)", method: .post, uri: { _ in "/v1/namespaces/payments/tables/transactions" },
             body: { _ in #"{"requirements": [{"type": "assert-table-uuid", "uuid": "00000000-0000-0000-0000-000000000000"}], "updates": []}"# },
             expected: [409, 403, 409, 409, 403, 403, 403], state: versions),
    ]

    /// The server fixture plus gia, pete, bob, domain `fraud` and erin's pending request.
    static func setup() throws -> (Setup, [String: String]) {
        let fixture = try ServerFixture.make()
        let service = fixture.service
        let admin = try service.resolveCaller(MeshService.administrator, environment: [:])
        try service.createPrincipal(name: "gia", roles: [.governance], team: "governance-guild", by: admin)
        try service.createPrincipal(name: "pete", roles: [.producer], team: "payments-team", by: admin)
        try service.createPrincipal(name: "bob", roles: [.owner, .producer], team: "fraud-team", by: admin)
        try service.createDomain(name: "fraud", owner: "fraud-team", description: "Fraud models", by: admin)
        let erin = try service.resolveCaller("erin", environment: [:])
        let request = try service.requestAccess(productID: "payments.transactions", purpose: "analytics", justification: "dashboards", by: erin)
        var tokens = fixture.tokens
        for name in ["gia", "pete", "bob"] { tokens[name] = try service.createToken(for: name, by: admin).token }
        return (Setup(fixture: fixture, requestID: request.id), tokens)
    }

    @Test("each role gets exactly the expected status on each endpoint family; refusals change nothing", arguments: roles)
    func matrix(role: String) async throws {
        let (setup, tokens) = try Self.setup()
        defer { setup.fixture.remove() }
        let service = setup.fixture.service
        let column = try #require(Self.roles.firstIndex(of: role))
        let app = MeshApplication.build(service: service, port: 0)
        try await app.test(.router) { client in
            for cell in Self.cells {
                var headers = ServerTesting.headers("Bearer \(tokens[role]!)")
                headers[.contentType] = cell.contentType
                if let purpose = cell.purpose { headers[.init("X-Mesh-Purpose")!] = purpose }
                let before = try cell.state(service)
                let body = cell.body.map { ByteBuffer(string: $0(setup)) }
                let expected = cell.expected[column]
                try await client.execute(uri: cell.uri(setup), method: cell.method, headers: headers, body: body) { response in
                    #expect(Int(response.status.code) == expected,
                            "\(role) on \(cell.name): \(response.status.code), expected \(expected): \(String(buffer: response.body).prefix(300))")
                }
                if expected == 403 {
                    #expect(try cell.state(service) == before, "\(role) on \(cell.name) was refused but changed the mesh")
                }
            }
        }
    }

    @Test("the event feed shows a principal only what concerns it")
    func eventFeedIsNarrowed() async throws {
        let (setup, tokens) = try Self.setup()
        defer { setup.fixture.remove() }
        let service = setup.fixture.service
        let app = MeshApplication.build(service: service, port: 0)
        let all = try service.events()
        #expect(!all.isEmpty)
        try await app.test(.router) { client in
            func ids(_ name: String) async throws -> [Int64] {
                try await client.execute(uri: "/api/v1/events", method: .get, headers: ServerTesting.headers("Bearer \(tokens[name]!)")) { response in
                    #expect(response.status == .ok)
                    let list = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[String: Any]] ?? []
                    return list.compactMap { ($0["id"] as? NSNumber)?.int64Value }
                }
            }
            #expect(try await ids("admin") == all.map(\.id))
            #expect(try await ids("gia") == all.map(\.id))
            // The owning team follows every event about its products.
            #expect(try await ids("paula") == all.filter { $0.productID == "payments.transactions" }.map(\.id))
            // Another domain's owner sees none of them.
            #expect(try await ids("bob").isEmpty)
            // carl sees the grant addressed to him, not the publishes or erin's request.
            let carl = try await ids("carl")
            let addressed = try service.eventDeliveries().filter { $0.deliveries.contains { $0.recipient == "carl" } }.map(\.event.id)
            #expect(!addressed.isEmpty)
            #expect(carl == addressed)
        }
    }
}
