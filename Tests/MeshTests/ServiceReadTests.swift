import Catalog
import Foundation
import Mesh
import Testing

/// `read`: version resolution, the access decision, masking, audit.
@Suite struct ServiceReadTests {
    /// A mesh with two published versions, an hour apart.
    func published() throws -> (MeshService, Principal, ManualClock) {
        let clock = ManualClock()
        let (service, admin) = try ServiceMesh.mesh(clock: clock)
        try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: ServiceMesh.path("service-transactions-good.csv"))], by: admin)
        clock.advance(3600)
        try service.publish(productID: "payments.transactions", inputs: [PublishInput(path: ServiceMesh.path("service-transactions-good.csv"))], by: admin)
        return (service, admin, clock)
    }

    func grant(_ service: MeshService, to principal: String, purpose: String, clearance: String? = nil, expires: Date? = nil) throws {
        _ = try service.store.write { t throws(CatalogError) in
            try t.insertGrant(Grant(productID: "payments.transactions", principal: principal, purpose: purpose, clearance: clearance, grantedBy: "admin",
                                    grantedAt: Date(timeIntervalSince1970: 0), expiresAt: expires))
        }
    }

    @Test func resolvesVersionsByNumberTagAndTime() throws {
        let (service, admin, clock) = try published()
        var latest = try service.read(productID: "payments.transactions", by: admin)
        #expect(latest.version.version == 2)
        #expect(try ServiceMesh.rows(&latest).count == 6)
        var first = try service.read(productID: "payments.transactions", at: .number(1), by: admin)
        #expect(try ServiceMesh.rows(&first).count == 3)
        #expect(try service.read(productID: "payments.transactions", at: .tag("v1"), by: admin).version.version == 1)
        #expect(try service.read(productID: "payments.transactions", at: .time(clock.now.addingTimeInterval(-1800)), by: admin).version.version == 1)
        #expect(try service.read(productID: "payments.transactions", at: .time(clock.now), by: admin).version.version == 2)
        var limited = try service.read(productID: "payments.transactions", columns: ["txn_id", "amount"], filter: "amount > 50", limit: 1, by: admin)
        let rows = try ServiceMesh.rows(&limited)
        #expect(rows == [["txn_id": "t2", "amount": "99.0"]])
    }

    @Test func missingVersionsNameTheVersionsThatExist() throws {
        let (service, admin, clock) = try published()
        let error = expectMeshError(.notFound) { try service.read(productID: "payments.transactions", at: .number(7), by: admin) }
        #expect(error?.message == "payments.transactions has no version 7; versions: 1–2")
        expectMeshError(.notFound) { try service.read(productID: "payments.transactions", at: .tag("gold"), by: admin) }
        expectMeshError(.notFound) { try service.read(productID: "payments.transactions", at: .time(clock.now.addingTimeInterval(-86_400)), by: admin) }
        expectMeshError(.notFound) { try service.read(productID: "payments.ledger", by: admin) }
    }

    @Test func consumerWithoutGrantIsDeniedAndAudited() throws {
        let (service, admin, _) = try published()
        let carla = try service.createPrincipal(name: "carla", roles: [.consumer], team: "fraud-team", by: admin)
        let error = expectMeshError(.forbidden) { try service.read(productID: "payments.transactions", purpose: "fraud-detection", by: carla) }
        #expect(error?.message.contains("no grant") == true)
        #expect(error?.message.contains("mesh request-access payments.transactions --purpose fraud-detection") == true)
        let noPurpose = expectMeshError(.forbidden) { try service.read(productID: "payments.transactions", by: carla) }
        #expect(noPurpose?.message.contains("--purpose") == true)
        let audit = try service.store.read { t throws(CatalogError) in try t.audit(principal: "carla", target: nil, limit: nil) }
        #expect(audit.map(\.action) == ["read", "read"])
        #expect(audit.map(\.allowed) == [false, false])
        #expect(audit[0].purpose == "fraud-detection")
    }

    @Test func grantForANonPIIPurposeMasksPersonalData() throws {
        let (service, admin, _) = try published()
        let carla = try service.createPrincipal(name: "carla", roles: [.consumer], team: "fraud-team", by: admin)
        try grant(service, to: "fraud-team", purpose: "analytics", clearance: "confidential")
        // Wrong purpose for the grant: denied.
        expectMeshError(.forbidden) { try service.read(productID: "payments.transactions", purpose: "marketing", by: carla) }
        var read = try service.read(productID: "payments.transactions", at: .number(1), purpose: "analytics", by: carla)
        #expect(read.decision?.allowed == true)
        let rows = try ServiceMesh.rows(&read)
        #expect(rows.map { $0["customer_id"] } == ["***", "***", "***"])
        #expect(rows.map { $0["txn_id"] } == ["t1", "t2", "t3"])
        // For fraud detection, a purpose the column allows, it is shown.
        try grant(service, to: "carla", purpose: "fraud-detection", clearance: "confidential")
        var allowed = try service.read(productID: "payments.transactions", at: .number(1), purpose: "fraud-detection", by: carla)
        #expect(try ServiceMesh.rows(&allowed).map { $0["customer_id"] } == ["c1", "c2", "c1"])
        let audit = try service.store.read { t throws(CatalogError) in try t.audit(principal: "carla", target: "payments.transactions", limit: nil) }
        #expect(audit.map(\.allowed) == [false, true, true])
        #expect(audit[1].detail.contains("transactions.customer_id"))
    }

    @Test func lowClearanceMasksInternalColumnsAndExpiredGrantsDoNotCount() throws {
        let (service, admin, clock) = try published()
        let carla = try service.createPrincipal(name: "carla", roles: [.consumer], by: admin)
        try grant(service, to: "carla", purpose: "fraud-detection", clearance: "public", expires: clock.now.addingTimeInterval(60))
        var read = try service.read(productID: "payments.transactions", at: .number(1), purpose: "fraud-detection", by: carla)
        let rows = try ServiceMesh.rows(&read)
        #expect(rows.map { $0["txn_id"] } == ["***", "***", "***"])
        #expect(rows.map { $0["amount"] } == ["12.5", "99.0", "3.25"])
        clock.advance(120)
        expectMeshError(.forbidden) { try service.read(productID: "payments.transactions", purpose: "fraud-detection", by: carla) }
    }

    @Test func owningTeamReadsWithoutGrant() throws {
        let (service, admin, _) = try published()
        let pete = try service.createPrincipal(name: "pete", roles: [.producer], team: "payments-team", by: admin)
        var read = try service.read(productID: "payments.transactions", by: pete)
        #expect(read.decision == nil)
        #expect(try ServiceMesh.rows(&read).first?["customer_id"] == "c1")
    }

    @Test func columnsTheContractNoLongerDeclaresAreWithheldFromConsumers() throws {
        let (service, admin, _) = try published()
        // Contract 2.0.0 removes the PII column; the table keeps it for the old versions.
        let yaml = try ServiceMesh.contract(version: "2.0.0") { text in
            let start = text.range(of: "      - name: customer_id\n")!.lowerBound
            let end = text.range(of: "      - name: amount\n")!.lowerBound
            return text.replacingCharacters(in: start..<end, with: "")
        }
        #expect(try service.registerProduct(contractYAML: yaml, by: admin).breaking)
        let carla = try service.createPrincipal(name: "carla", roles: [.consumer], by: admin)
        try grant(service, to: "carla", purpose: "analytics", clearance: "restricted")
        var read = try service.read(productID: "payments.transactions", at: .number(1), purpose: "analytics", by: carla)
        #expect(read.reader.schema.names == ["txn_id", "amount", "currency", "event_time"])
        #expect(try ServiceMesh.rows(&read).count == 3)
        expectMeshError(.forbidden) { try service.read(productID: "payments.transactions", columns: ["customer_id"], purpose: "analytics", by: carla) }
        expectMeshError(.forbidden) { try service.read(productID: "payments.transactions", filter: "customer_id = 'c1'", purpose: "analytics", by: carla) }
        // The owning team still sees what the table holds.
        let owner = try service.read(productID: "payments.transactions", at: .number(1), by: admin)
        #expect(owner.reader.schema.names.contains("customer_id"))
    }
}
