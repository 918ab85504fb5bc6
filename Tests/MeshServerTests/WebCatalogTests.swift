import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
import Mesh
import MeshServer
import Testing
import TestSupport

/// The web catalog's pages on the demo mesh: public pages with metadata only, the product
/// page's charts and lineage, escaping, and the signed-in governance and event pages.
@Suite(.serialized) struct WebCatalogTests {
    struct Demo {
        let service: MeshService
        let root: URL
        var directory: String { root.appendingPathComponent("demo").path }
        func token(_ name: String) throws -> String {
            try service.createToken(for: name, by: try service.resolveCaller(MeshService.administrator, environment: [:])).token
        }
    }

    static func demo() throws -> Demo {
        let root = Interop.temporaryDirectory("web-catalog")
        try MeshDemo(directory: root.appendingPathComponent("demo").path, say: { _ in }).run()
        return Demo(service: try MeshService.open(directory: root.appendingPathComponent("demo").path), root: root)
    }

    static func html(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func cookie(_ token: String) -> HTTPFields { [.cookie: "mesh_session=\(token)"] }

    @Test func publicPagesShowMetadataButNoDataValues() async throws {
        let demo = try Self.demo()
        defer { try? FileManager.default.removeItem(at: demo.root) }
        // A value from the data: the first customer's e-mail must never appear on a page.
        let profiles = try String(contentsOfFile: "\(demo.directory)/inputs/profiles-1.csv", encoding: .utf8).split(separator: "\n")
        let email = String(profiles[1].split(separator: ",")[2])
        #expect(email.contains("@"))
        let app = MeshApplication.build(service: demo.service, port: 0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                let page = Self.html(response)
                for text in ["customers.profiles", "payments.transactions", "fraud.risk_scores", "recommendations.merchant_affinity", "payments-data"] {
                    #expect(page.contains(text), "\(text)")
                }
            }
            try await client.execute(uri: "/products/customers.profiles", method: .get) { response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                #expect(page.contains("<b>fico_score</b>"))
                #expect(page.contains("href=\"/glossary/fico_score\""))
                #expect(page.contains("badge confidential"))
                #expect(page.contains("fico_score: null %"))
                #expect(page.contains("<svg class=\"lineage\""))
                #expect(page.contains("Contract</h2>"))
                #expect(!page.contains(email), "a data value leaked onto a public page")
            }
            try await client.execute(uri: "/search?q=fico", method: .get) { response in
                #expect(Self.html(response).contains("customers.profiles"))
            }
            try await client.execute(uri: "/glossary/fico_score", method: .get) { response in
                #expect(Self.html(response).contains("customers.profiles.fico_score") || Self.html(response).contains("profiles.fico_score"))
            }
            try await client.execute(uri: "/domains/payments", method: .get) { response in
                #expect(Self.html(response).contains("payments.transactions"))
            }
            try await client.execute(uri: "/products/payments.nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.html(response).contains("<h1>Not found</h1>"))
            }
            // User text is escaped.
            try await client.execute(uri: "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get) { response in
                let page = Self.html(response)
                #expect(!page.contains("<script>alert(1)</script>"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
            // The web pages do not open the JSON API or the Iceberg catalog.
            try await client.execute(uri: "/api/v1/products", method: .get) { response in #expect(response.status == .unauthorized) }
            try await client.execute(uri: "/v1/namespaces", method: .get) { response in #expect(response.status == .unauthorized) }
        }
    }

    @Test func theProductPageChartsRowCountsAndDrawsTheLineage() async throws {
        let demo = try Self.demo()
        defer { try? FileManager.default.removeItem(at: demo.root) }
        let versions = try demo.service.versions("payments.transactions")
        let app = MeshApplication.build(service: demo.service, port: 0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/products/payments.transactions", method: .get) { response in
                let page = Self.html(response)
                // The rows chart: one point per version, higher rows drawn higher (smaller y).
                let chart = try #require(page.range(of: "aria-label=\"Rows\"").map { String(page[$0.upperBound...]) })
                let polyline = try #require(chart.range(of: "points=\"").map { chart[$0.upperBound...].prefix { $0 != "\"" } })
                let ys = polyline.split(separator: " ").compactMap { Double($0.split(separator: ",")[1]) }
                #expect(ys.count == versions.count)
                for (i, j) in zip(versions.indices, versions.indices.dropFirst()) where versions[i].rowCount < versions[j].rowCount {
                    #expect(ys[j] < ys[i])
                }
                for v in versions { #expect(chart.contains("<title>v\(v.version): \(v.rowCount)</title>")) }
                // The lineage of the latest version: every upstream and downstream node is drawn.
                let latest = try #require(versions.last)
                let reference = LineageReference.product("payments.transactions", version: .number(latest.version))
                let nodes = try demo.service.lineage(of: reference, direction: .downstream).nodes
                    + demo.service.lineage(of: reference, direction: .upstream).nodes
                #expect(nodes.count > 1)
                for node in nodes { #expect(page.contains("<title>\(node.label)</title>"), "\(node.label)") }
                #expect(page.contains("revoked"))
            }
            // The revoked version's lineage (v2 feeds a training set and a model).
            try await client.execute(uri: "/products/recommendations.merchant_affinity", method: .get) { response in
                #expect(Self.html(response).contains("<svg class=\"lineage\""))
            }
        }
    }

    @Test func governanceAndEventsNeedASignedInPrincipal() async throws {
        let demo = try Self.demo()
        defer { try? FileManager.default.removeItem(at: demo.root) }
        let gia = try demo.token("gia"), mia = try demo.token("mia"), ravi = try demo.token("ravi")
        let app = MeshApplication.build(service: demo.service, port: 0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/governance", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2Fgovernance")
            }
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "token=mesh_wrong&next=%2Fgovernance")) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie] == nil)
            }
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "token=\(gia)&next=https%3A%2F%2Fevil.example")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")  // never another site
                let setCookie = response.headers[.setCookie] ?? ""
                #expect(setCookie.hasPrefix("mesh_session=\(gia);") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            }
            try await client.execute(uri: "/governance", method: .get, headers: Self.cookie(gia)) { response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                #expect(page.contains("Publishes rejected by checks and policies (2)"))
                #expect(page.contains("fico_score"))
                #expect(page.contains("Revoked versions (1)"))
                #expect(page.contains("signed in as <b>gia</b>"))
            }
            try await client.execute(uri: "/governance", method: .get, headers: Self.cookie(mia)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/events", method: .get, headers: Self.cookie(ravi)) { response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                #expect(page.contains("upstream.revoked"))
                #expect(page.contains("trainset:spend-propensity"))
            }
            // A session cookie is not a bearer token for the API.
            try await client.execute(uri: "/api/v1/products", method: .get, headers: Self.cookie(gia)) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
