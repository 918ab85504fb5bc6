import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
import Mesh
import MeshServer
import Testing
import TestSupport

/// Lineage over HTTP on the demo mesh: the graph and the OpenLineage export are what the service gives.
@Suite("Lineage routes")
struct LineageRoutesTests {
    @Test("the lineage graph and the OpenLineage export match the service")
    func lineage() async throws {
        let root = Interop.temporaryDirectory("lineage-routes")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("demo").path
        var demo = MeshDemo(directory: directory, say: { _ in })
        demo.endsWithRevocation = false
        try demo.run()
        let service = try MeshService.open(directory: directory)
        let admin = try service.resolveCaller(MeshService.administrator, environment: [:])
        let token = try service.createToken(for: admin.name, by: admin).token
        let expected = try service.lineage(of: try LineageReference(parsing: "payments.transactions@1"), direction: .downstream)
        #expect(!expected.edges.isEmpty)
        let runs = try service.openLineageEvents()
        let app = MeshApplication.build(service: service, port: 0)
        let headers = ServerTesting.headers("Bearer \(token)")
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/lineage?ref=payments.transactions@1&direction=downstream", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let graph = try JSONDecoder().decode(LineageGraph.self, from: Data(String(buffer: response.body).utf8))
                #expect(graph == expected)
            }
            try await client.execute(uri: "/api/v1/lineage?ref=payments.transactions@1&direction=sideways", method: .get, headers: headers) { response in
                #expect(response.status == .badRequest)
                #expect(ServerTesting.error(response)["context"] as? String == "direction")
            }
            try await client.execute(uri: "/api/v1/lineage/openlineage", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let events = try JSONDecoder().decode([OpenLineageEvent].self, from: Data(String(buffer: response.body).utf8))
                #expect(events == runs.map(\.event))
                #expect(response.headers[.init("Mesh-Last-Event")!] == runs.last.map { String($0.eventID) })
            }
        }
    }
}
