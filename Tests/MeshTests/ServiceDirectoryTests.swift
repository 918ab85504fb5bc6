import Catalog
import Foundation
import Mesh
import Testing
import TestSupport

/// The embedded mesh: `initialize` and `open` on a directory.
@Suite struct ServiceDirectoryTests {
    @Test func initializeThenOpenKeepsEverything() throws {
        let dir = Interop.temporaryDirectory("mesh-dir").appendingPathComponent("mesh").path
        let created = try MeshService.initialize(directory: dir, now: FixtureTime.clock)
        #expect(FileManager.default.fileExists(atPath: dir + "/catalog.sqlite"))
        #expect(FileManager.default.fileExists(atPath: dir + "/warehouse"))
        let admin = try created.resolveCaller(nil, environment: [:])
        try created.createDomain(name: "payments", owner: "payments-team", by: admin)
        // Without a glossary in force, the contract's binding to currency_code is unknown.
        let unbound = expectMeshError(.rejected) { try created.registerProduct(contractYAML: try ServiceMesh.contract(), by: admin) }
        #expect(unbound?.details.contains { $0.contains("currency_code") } == true, "\(unbound?.details ?? [])")
        _ = try created.applyPolicy(yaml: try ServiceMesh.text("service-policy.yaml"), source: "policy.yaml", by: admin)
        _ = try created.registerProduct(contractYAML: try ServiceMesh.contract(), by: admin)
        try created.publish(productID: "payments.transactions", inputs: [PublishInput(path: ServiceMesh.path("service-transactions-good.csv"))], by: admin)

        let reopened = try MeshService.open(directory: dir, now: FixtureTime.clock)
        #expect(try reopened.domains().map(\.name) == ["payments"])
        #expect(try reopened.versions("payments.transactions").map(\.version) == [1])
        #expect(FileManager.default.fileExists(atPath: dir + "/warehouse/payments/transactions/metadata"))
        var read = try reopened.read(productID: "payments.transactions", by: try reopened.resolveCaller(nil, environment: [:]))
        #expect(try ServiceMesh.rows(&read).count == 3)
        #expect(try reopened.administratorName() == "admin")
    }

    @Test func refusesExistingMeshesAndForeignDirectories() throws {
        let base = Interop.temporaryDirectory("mesh-dir")
        let dir = base.appendingPathComponent("mesh").path
        _ = try MeshService.initialize(directory: dir)
        expectMeshError(.conflict) { try MeshService.initialize(directory: dir) }
        let foreign = base.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: foreign.appendingPathComponent("cat.jpg"))
        let error = expectMeshError(.invalidInput) { try MeshService.initialize(directory: foreign.path) }
        #expect(error?.message.contains("not empty") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: foreign.path) == ["cat.jpg"])
        // An existing empty directory is fine.
        let empty = base.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        _ = try MeshService.initialize(directory: empty.path)
    }

    @Test func openingAMissingMeshSaysHowToCreateOne() throws {
        let dir = Interop.temporaryDirectory("mesh-dir").appendingPathComponent("nothing").path
        let error = expectMeshError(.notFound) { try MeshService.open(directory: dir) }
        #expect(error?.message == "no mesh at \(dir); create one with `mesh init \(dir)`")
    }
}
