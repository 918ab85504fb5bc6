import Catalog
import Foundation
@testable import Mesh
import Testing
import TestSupport

/// The service's caches of catalog reads: a server keeps answers in memory, but never serves
/// one that another process has since changed (the audit of loads: ``AuditLogTests``).
@Suite struct ServiceCacheTests {
    /// Long enough for the SQLite store's cross-process probe interval to pass.
    static func waitForProbe() { Thread.sleep(forTimeInterval: 0.005) }

    @Test func changesByAnotherProcessShowThroughTheCache() throws {
        let dir = Interop.temporaryDirectory("mesh-cache").appendingPathComponent("mesh").path
        let server = try MeshService.initialize(directory: dir, now: FixtureTime.clock)
        let admin = try server.resolveCaller(nil, environment: [:])
        // The server looks up a domain that does not exist yet: the miss is cached.
        expectMeshError(.notFound) { try server.domain("payments") }

        let cli = try MeshService.open(directory: dir, now: FixtureTime.clock)
        try cli.createDomain(name: "payments", owner: "payments-team", description: "Card payments", by: admin)
        Self.waitForProbe()
        #expect(try server.domain("payments").owner == "payments-team")

        _ = try cli.applyPolicy(yaml: try ServiceMesh.text("service-policy.yaml"), source: "service-policy.yaml", by: admin)
        _ = try cli.registerProduct(contractYAML: try ServiceMesh.contract(), source: "transactions.yaml", by: admin)
        Self.waitForProbe()
        #expect(try server.contract(of: "payments.transactions").record.version == "1.0.0")
        #expect(try server.product("payments.transactions").contractVersion == "1.0.0")
        _ = try cli.registerProduct(contractYAML: try ServiceMesh.contract(version: "1.1.0"), source: "transactions.yaml", by: admin)
        Self.waitForProbe()
        #expect(try server.contract(of: "payments.transactions").record.version == "1.1.0")
        #expect(try server.product("payments.transactions").contractVersion == "1.1.0")

        // A principal's token issued by the other process authenticates, and a later change of
        // the principal's record (written to the store directly) shows.
        _ = try cli.createPrincipal(name: "carla", roles: [.consumer], team: "fraud-team", by: admin)
        let token = try cli.createToken(for: "carla", by: admin).token
        Self.waitForProbe()
        #expect(try server.authenticate(token: token).roles == [.consumer])
        var carla = try #require(try cli.store.read { t throws(CatalogError) in try t.principal("carla") })
        carla.roles = [.consumer, .producer]
        try cli.store.write { t throws(CatalogError) in try t.savePrincipal(carla) }
        Self.waitForProbe()
        #expect(try server.authenticate(token: token).roles == [.consumer, .producer])

        // A publish by the other process moves the table the server loads.
        let csv = try FixtureTime.recentCopy(of: ServiceMesh.path("service-transactions-good.csv"), in: Interop.temporaryDirectory("mesh-cache-input"))
        let before = try server.catalogTable(namespace: ["payments"], name: "transactions").table.metadataLocation
        let published = try cli.publish(productID: "payments.transactions", inputs: [PublishInput(path: csv)], by: admin)
        Self.waitForProbe()
        let after = try server.catalogTable(namespace: ["payments"], name: "transactions").table
        #expect(after.metadataLocation != before)
        #expect(after.metadata.refs[published.version.tag]?.snapshotID == published.outcome.snapshotID)
    }
}
