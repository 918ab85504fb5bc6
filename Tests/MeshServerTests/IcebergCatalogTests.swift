import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
import Mesh
import MeshServer
import Testing

@Suite("Iceberg REST catalog routes")
struct IcebergCatalogTests {
    @Test("config, namespaces (domains) and tables (products)")
    func listing() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        let erin = ServerTesting.headers(fixture.bearer("erin"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/config?warehouse=mesh", method: .get, headers: erin) { response in
                let body = ServerTesting.object(response)
                #expect(body["overrides"] as? [String: Any] != nil)
                #expect((body["endpoints"] as? [String])?.contains("GET /v1/{prefix}/namespaces/{namespace}/tables/{table}") == true)
            }
            try await client.execute(uri: "/v1/namespaces", method: .get, headers: erin) { response in
                #expect(ServerTesting.object(response)["namespaces"] as? [[String]] == [["payments"]])
            }
            try await client.execute(uri: "/v1/namespaces?parent=payments", method: .get, headers: erin) { response in
                #expect(ServerTesting.object(response)["namespaces"] as? [[String]] == [])
            }
            try await client.execute(uri: "/v1/namespaces/payments", method: .get, headers: erin) { response in
                let body = ServerTesting.object(response)
                #expect(body["namespace"] as? [String] == ["payments"])
                #expect((body["properties"] as? [String: String])?["owner"] == "payments-team")
            }
            try await client.execute(uri: "/v1/namespaces/payments", method: .head, headers: erin) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/v1/namespaces/nowhere", method: .head, headers: erin) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/namespaces/payments/tables", method: .get, headers: erin) { response in
                let identifiers = ServerTesting.object(response)["identifiers"] as? [[String: Any]]
                #expect(identifiers?.count == 1)
                #expect(identifiers?.first?["name"] as? String == "transactions")
                #expect(identifiers?.first?["namespace"] as? [String] == ["payments"])
            }
            try await client.execute(uri: "/v1/namespaces/payments/tables/transactions", method: .head, headers: erin) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/v1/namespaces/payments/tables/refunds", method: .head, headers: erin) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/namespaces/payments/tables/refunds", method: .get, headers: erin) { response in
                #expect(ServerTesting.error(response)["type"] as? String == "NoSuchTableException")
            }
            try await client.execute(uri: "/v1/namespaces/payments/tables", method: .post, headers: ServerTesting.headers(fixture.bearer("paula")),
                                     body: ByteBuffer(string: #"{"name": "refunds", "schema": {"type": "struct", "fields": []}}"#)) { response in
                #expect(response.status == .badRequest)
                #expect((ServerTesting.error(response)["message"] as? String)?.contains("mesh product register") == true)
            }
        }
    }

    @Test("loading a table returns its metadata, with every version's tag, to the owner and a consumer cleared for all columns")
    func load() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        let table = try fixture.service.catalogTable(namespace: ["payments"], name: "transactions").table
        try await app.test(.router) { client in
            for (name, purpose) in [("paula", nil), ("admin", nil), ("carl", "fraud-detection")] as [(String, String?)] {
                try await client.execute(uri: ServerTesting.uri("/v1/namespaces/payments/tables/transactions", purpose: purpose), method: .get,
                                         headers: ServerTesting.headers(fixture.bearer(name))) { response in
                    #expect(response.status == .ok, "\(name)")
                    let body = ServerTesting.object(response)
                    #expect(body["metadata-location"] as? String == table.metadataLocation)
                    let metadata = try #require(body["metadata"] as? [String: Any])
                    #expect(metadata["table-uuid"] as? String == table.metadata.tableUUID)
                    #expect((metadata["current-snapshot-id"] as? NSNumber)?.int64Value == table.metadata.currentSnapshotID)
                    let refs = try #require(metadata["refs"] as? [String: Any])
                    #expect(Set(refs.keys).isSuperset(of: ["main", "v1", "v2"]))
                }
            }
        }
    }

    @Test("a consumer who may not see every column unmasked cannot load the table, and is told why")
    func refusedLoads() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        let uri = "/v1/namespaces/payments/tables/transactions"
        try await app.test(.router) { client in
            try await client.execute(uri: ServerTesting.uri(uri, purpose: "analytics"), method: .get, headers: ServerTesting.headers(fixture.bearer("dana"))) { response in
                #expect(response.status == .forbidden)
                let error = ServerTesting.error(response)
                #expect(error["type"] as? String == "ForbiddenException")
                let message = try #require(error["message"] as? String)
                #expect(message.contains("customer_id (mask)"))
                #expect(message.contains("mesh read payments.transactions --purpose analytics"))
                #expect(!message.contains("txn_id (mask)") && !message.contains("amount ("))
            }
            try await client.execute(uri: uri, method: .get, headers: ServerTesting.headers(fixture.bearer("carl"))) { response in
                #expect(response.status == .forbidden)
                #expect((ServerTesting.error(response)["message"] as? String)?.contains("X-Mesh-Purpose") == true)
            }
            try await client.execute(uri: ServerTesting.uri(uri, purpose: "marketing"), method: .get, headers: ServerTesting.headers(fixture.bearer("carl"))) { response in
                #expect(response.status == .forbidden)
                #expect((ServerTesting.error(response)["message"] as? String)?.contains("request-access") == true)
            }
            try await client.execute(uri: ServerTesting.uri(uri, purpose: "fraud-detection"), method: .get, headers: ServerTesting.headers(fixture.bearer("erin"))) { response in
                #expect(response.status == .forbidden)
            }
        }
        try await fixture.service.flushAudit()
        let audit = try fixture.service.store.read { t throws(CatalogError) in try t.audit(principal: nil, target: "payments.transactions", limit: nil) }
            .filter { $0.action == "catalog.load" }
        #expect(audit.count == 4)
        #expect(audit.allSatisfy { !$0.allowed })
        #expect(audit.contains { $0.principal == "dana" && $0.purpose == "analytics" && $0.detail.contains("customer_id") })
    }

    @Test("commits: consumers are refused, a failed requirement is a 409 conflict, and the table is unchanged")
    func commitRefusals() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        let before = try fixture.service.catalogTable(namespace: ["payments"], name: "transactions").table
        let uri = "/v1/namespaces/payments/tables/transactions"
        let stale = #"{"requirements": [{"type": "assert-table-uuid", "uuid": "not-this-table"}], "updates": []}"#
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .post, headers: ServerTesting.headers(fixture.bearer("carl")), body: ByteBuffer(string: stale)) { response in
                #expect(response.status == .forbidden)
                #expect((ServerTesting.error(response)["message"] as? String)?.contains("carl may not commit") == true)
            }
            try await client.execute(uri: uri, method: .post, headers: ServerTesting.headers(fixture.bearer("paula")), body: ByteBuffer(string: stale)) { response in
                #expect(response.status == .conflict)
                let error = ServerTesting.error(response)
                #expect(error["type"] as? String == "CommitFailedException")
                #expect((error["message"] as? String)?.contains("not-this-table") == true)
            }
            let tag = #"{"requirements": [], "updates": [{"action": "remove-snapshot-ref", "ref-name": "v1"}]}"#
            try await client.execute(uri: uri, method: .post, headers: ServerTesting.headers(fixture.bearer("paula")), body: ByteBuffer(string: tag)) { response in
                #expect(response.status == .badRequest)
                #expect((ServerTesting.error(response)["message"] as? String)?.contains("version tag") == true)
            }
        }
        let after = try fixture.service.catalogTable(namespace: ["payments"], name: "transactions").table
        #expect(after.metadataLocation == before.metadataLocation)
        #expect(after.metadata.refs["v1"] != nil)
    }
}
