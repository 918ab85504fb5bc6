import Catalog
import Foundation
import Testing
@testable import Mesh

/// `revokeVersion`: who may, what it marks, and who hears about it.
@Suite struct RevokeVersionTests {
    @Test func revokingAnUpstreamVersionAlertsDownstreamProducersSubscribersAndTheModelOwner() throws {
        let fixture = try LineageFixture.make()
        defer { fixture.remove() }
        let mesh = fixture.mesh
        try mesh.registerModel(name: "fraud_gbm", trainingSet: LineageFixture.trainingSet, metrics: #"{"test": {"auc": 0.93}}"#, by: fixture.caller("mia"))
        // A consumer of the derived product, to check its subscribers hear about it too.
        _ = try mesh.subscribe(productID: "fraud.risk_scores", consumer: "recommendations-ml", purpose: "recommendations", by: fixture.caller("ravi"))
        let before = try mesh.events().last?.id ?? 0

        let revocation = try mesh.revokeVersion("payments.transactions@1", reason: "duplicated authorisations", by: fixture.caller("aline"))
        #expect(revocation.version.status == .revoked)
        #expect(revocation.impact.map(\.label) == ["fraud.risk_scores@1", "trainset:fraud_training", "model:fraud_gbm"])
        let stored = try mesh.versions("payments.transactions")
        #expect(stored[0].status == .revoked && stored[0].revokedReason == "duplicated authorisations")
        #expect(stored[1].status == .published)
        // Downstream versions are alerted, not revoked.
        #expect(try mesh.versions("fraud.risk_scores")[0].status == .published)

        let kinds = revocation.alerts.map { "\($0.event.kind) \($0.event.productID ?? "-")" }
        #expect(kinds == ["version.revoked payments.transactions", "upstream.revoked fraud.risk_scores", "upstream.revoked -", "upstream.revoked -"])
        #expect(Set(revocation.alerts[0].recipients) == ["payments-data", "fraud-ml", "recommendations-ml"])
        #expect(Set(revocation.alerts[1].recipients) == ["fraud-ml", "recommendations-ml"])
        #expect(revocation.alerts[2].recipients == ["risk-ml"])
        #expect(revocation.alerts[3].recipients == ["risk-ml"])
        #expect(revocation.alerts[3].event.message.contains("model:fraud_gbm is built on payments.transactions@1"))

        // The model's owner learns it from its own feed, the same day.
        let riskFeed = try mesh.events(consumer: "risk-ml", after: before)
        #expect(riskFeed.map(\.kind) == ["upstream.revoked", "upstream.revoked"])
        #expect(riskFeed.allSatisfy { $0.message.contains("duplicated authorisations") })
        let audit = try mesh.read { t throws(CatalogError) in try t.audit(principal: "aline", target: "payments.transactions", limit: 1) }
        #expect(audit.first?.action == "version.revoke")
    }

    @Test func onlyTheDomainOwnerOrAnAdminMayRevoke() throws {
        let fixture = try LineageFixture.make(withTrainingSet: false)
        defer { fixture.remove() }
        let before = try fixture.mesh.events().count
        for name in ["farah", "mia", "gia"] {
            let caller = try fixture.caller(name)
            do {
                try fixture.mesh.revokeVersion("payments.transactions@2", reason: "bad", by: caller)
                Issue.record("\(name) should not be allowed to revoke")
            } catch {
                #expect(error.kind == .forbidden, "\(name): \(error)")
            }
        }
        #expect(try fixture.mesh.versions("payments.transactions")[1].status == .published)
        #expect(try fixture.mesh.events().count == before)
        let admin = try fixture.mesh.revokeVersion("payments.transactions@2", reason: "bad", by: fixture.caller("admin"))
        #expect(admin.impact.map(\.label) == ["recommendations.merchant_affinity@1"])
    }

    @Test func badRequestsChangeNothing() throws {
        let fixture = try LineageFixture.make(withTrainingSet: false)
        defer { fixture.remove() }
        let aline = try fixture.caller("aline")
        let cases: [(String, String, MeshError.Kind)] = [
            ("payments.transactions", "bad", .invalidInput), ("payments.transactions@1", "  ", .invalidInput),
            ("payments.transactions@9", "bad", .notFound), ("payments.nothing@1", "bad", .notFound),
        ]
        for (reference, reason, kind) in cases {
            do {
                try fixture.mesh.revokeVersion(reference, reason: reason, by: aline)
                Issue.record("\(reference) should be refused")
            } catch {
                #expect(error.kind == kind, "\(reference): \(error)")
            }
        }
        try fixture.mesh.revokeVersion("payments.transactions@1", reason: "bad", by: aline)
        #expect(throws: MeshError.self) { try fixture.mesh.revokeVersion("payments.transactions@v1", reason: "again", by: aline) }
        // A revoked version stays readable for investigation.
        var read = try fixture.mesh.read(productID: "payments.transactions", at: .number(1), by: aline)
        #expect(read.version.status == .revoked)
        #expect(try read.reader.next() != nil)
    }
}
