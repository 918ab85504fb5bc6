import Catalog
import Foundation
import HummingbirdTesting
import Mesh
import MeshRemote
import MeshServer
import Testing
import TestSupport

/// `RemoteMesh` against a live `MeshApplication` on 127.0.0.1: the values and errors it returns
/// are the ones `LocalMesh` returns on the same mesh.
@Suite struct RemoteMeshTests {
    static let fixtures = Interop.repositoryRoot.appendingPathComponent("Tests/MeshTests/Fixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A mesh with the payments domain, the test policy, `payments.transactions` (one version)
    /// and consumer `carla`; the administrator's token and carla's.
    struct Mesh {
        let root = Interop.temporaryDirectory("mesh-remote")
        let service: MeshService
        let admin: Principal
        let adminToken: String
        let carlaToken: String

        init() throws {
            service = try MeshService.initialize(directory: root.appendingPathComponent("mesh").path, now: FixtureTime.clock)
            admin = try service.resolveCaller(nil, environment: [:])
            _ = try service.createDomain(name: "payments", owner: "payments-team", description: "Card payments", by: admin)
            _ = try service.applyPolicy(yaml: try String(contentsOfFile: RemoteMeshTests.fixture("service-policy.yaml"), encoding: .utf8),
                                        source: "service-policy.yaml", by: admin)
            _ = try service.registerProduct(contractYAML: try String(contentsOfFile: RemoteMeshTests.fixture("service-transactions-1.0.0.yaml"), encoding: .utf8),
                                            by: admin)
            _ = try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: RemoteMeshTests.fixture("service-transactions-good.csv"))],
                                    by: admin)
            _ = try service.createPrincipal(name: "carla", roles: [.consumer], team: "fraud-team", by: admin)
            adminToken = try service.createToken(for: admin.name, by: admin).token
            carlaToken = try service.createToken(for: "carla", by: admin).token
        }

        var local: LocalMesh { LocalMesh(service: service, principal: nil) }

        /// Runs `body` with a live server on this mesh, off the concurrency pool (the client blocks).
        func withServer(_ body: @escaping @Sendable (String) throws -> Void) async throws {
            let app = MeshApplication.build(service: service, port: 0)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let result: Result<Void, any Error> = await withCheckedContinuation { continuation in
                    DispatchQueue.global().async { continuation.resume(returning: Result { try body("http://127.0.0.1:\(port)") }) }
                }
                try result.get()
            }
        }
    }

    /// `value` as it arrives over the wire (ISO-8601 dates keep whole seconds).
    static func wire<T: Codable>(_ value: T) throws -> T {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: encoder.encode(value))
    }

    /// The error `body` throws.
    static func error(_ body: () throws -> Void) -> MeshError? {
        do { try body() } catch let error as MeshError { return error } catch { Issue.record("not a MeshError: \(error)") }
        return nil
    }

    @Test func valuesMatchTheService() async throws {
        let mesh = try Mesh()
        let local = mesh.local
        let token = mesh.adminToken
        try await mesh.withServer { url in
            let remote = try RemoteMesh(server: url, token: token)
            #expect(try remote.whoami().name == "admin")
            #expect(try remote.domains() == Self.wire(local.domains()))
            #expect(try remote.products(domain: "payments") == Self.wire(local.products(domain: "payments")))
            let versions = try remote.versions("payments.transactions")
            let localVersions = try local.versions("payments.transactions")
            #expect(versions.map(\.version) == [1] && versions.map(\.rowCount) == localVersions.map(\.rowCount))
            #expect(try remote.principals().map(\.name) == local.principals().map(\.name))
            #expect(try remote.search("currency", limit: 5).map(\.document.key) == local.search("currency", limit: 5).map(\.document.key))
            let shown = try remote.show("payments.transactions")
            #expect(try shown.product == Self.wire(local.show("payments.transactions").product))
            #expect(try remote.glossary().map(\.term) == local.glossary().map(\.term))
        }
    }

    @Test func errorsComeBackAsTheServiceRaisesThem() async throws {
        let mesh = try Mesh()
        let local = mesh.local
        let (admin, carla) = (mesh.adminToken, mesh.carlaToken)
        let bad = Self.fixture("service-transactions-bad.csv")
        try await mesh.withServer { url in
            let remote = try RemoteMesh(server: url, token: admin)
            let missingRemote = Self.error { _ = try remote.versions("payments.missing") }
            let missingLocal = Self.error { _ = try local.versions("payments.missing") }
            #expect(missingRemote != nil && missingRemote == missingLocal)

            // A rejected publish: the same kind, message and failed checks as on the directory.
            let rejectedRemote = try #require(Self.error {
                _ = try remote.publish(productID: "payments.transactions", files: [bad], format: nil, mode: .append, from: [], table: nil, progress: nil)
            })
            let rejectedLocal = try #require(Self.error {
                _ = try local.publish(productID: "payments.transactions", files: [bad], format: nil, mode: .append, from: [], table: nil, progress: nil)
            })
            #expect(rejectedRemote.kind == .rejected)
            #expect(rejectedRemote.kind == rejectedLocal.kind && rejectedRemote.message == rejectedLocal.message)
            #expect(!rejectedRemote.details.isEmpty && rejectedRemote.details == rejectedLocal.details)

            // A consumer acts as itself: no grant, no read; no admin rights.
            let consumer = try RemoteMesh(server: url, token: carla)
            #expect(try consumer.whoami().name == "carla")
            #expect(Self.error { _ = try consumer.createDomain(name: "fraud", owner: "fraud-team", description: "") }?.kind == .forbidden)

            let stranger = try RemoteMesh(server: url, token: "mesh_not_a_token")
            #expect(Self.error { _ = try stranger.domains() }?.kind == .unauthenticated)
        }
    }

    @Test func publishesSeveralFilesThroughUploadsAndReadsParquet() async throws {
        let mesh = try Mesh()
        let token = mesh.adminToken
        let good = Self.fixture("service-transactions-good.csv")
        let root = mesh.root
        let other = root.appendingPathComponent("more.csv").path
        try String(contentsOfFile: good, encoding: .utf8).replacingOccurrences(of: "\nt", with: "\nu").write(toFile: other, atomically: true, encoding: .utf8)
        try await mesh.withServer { url in
            let remote = try RemoteMesh(server: url, token: token)
            let result = try remote.publish(productID: "payments.transactions", files: [good, other], format: nil, mode: .overwrite, from: [], table: nil,
                                            progress: nil)
            #expect(result.version.version == 2 && result.version.rowCount == 6)
            let out = root.appendingPathComponent("read.parquet")
            let answer = try remote.read(productID: "payments.transactions", at: .number(1), table: nil, columns: ["txn_id"], filter: nil, limit: nil,
                                         purpose: nil, into: out)
            #expect(answer.version == 1)
            let bytes = try Data(contentsOf: out)
            #expect(bytes.prefix(4) == Data("PAR1".utf8) && bytes.suffix(4) == Data("PAR1".utf8))
            let refused = Self.error {
                _ = try remote.read(productID: "payments.transactions", at: .number(9), table: nil, columns: nil, filter: nil, limit: nil, purpose: nil, into: out)
            }
            #expect(refused?.kind == .notFound)
        }
    }

    @Test func clientSideErrors() throws {
        #expect(Self.error { _ = try RemoteMesh(server: "ftp://x", token: "t") }?.kind == .invalidInput)
        let noToken = Self.error { _ = try RemoteMesh(server: "http://127.0.0.1:9", token: "") }
        #expect(noToken?.kind == .unauthenticated && noToken?.message.contains("$MESH_TOKEN") == true)
        let nowhere = try RemoteMesh(server: "http://127.0.0.1:9", token: "mesh_x")
        let unreachable = Self.error { _ = try nowhere.domains() }
        #expect(unreachable?.kind == .unreachable)
        #expect(unreachable?.message.hasPrefix("cannot reach the mesh server at http://127.0.0.1:9: ") == true)
    }
}
