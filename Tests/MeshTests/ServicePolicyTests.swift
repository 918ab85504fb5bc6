import Catalog
import Foundation
import Mesh
import Testing

/// Policy bundles, the glossary, principals and caller resolution.
@Suite struct ServicePolicyTests {
    static let weakeningDomainBundle = """
        apiVersion: meshwork/v1
        kind: PolicyBundle
        name: payments-rules
        version: 1.0.0
        scope: domain
        domain: payments
        requiredChecks:
          maximumLatencyHours: 72
        """

    static let tighteningDomainBundle = """
        apiVersion: meshwork/v1
        kind: PolicyBundle
        name: payments-rules
        version: 1.1.0
        scope: domain
        domain: payments
        requiredChecks:
          maximumLatencyHours: 12
        """

    @Test func domainBundleMayOnlyTighten() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let error = expectMeshError(.rejected) { try service.applyPolicy(yaml: Self.weakeningDomainBundle, source: "payments.yaml", by: admin) }
        #expect(error?.details.first?.contains("checks.max-latency") == true)
        // Tightening to 12 h makes the registered 24 h contract fail: reported, and with a dry run not stored.
        let dry = try service.applyPolicy(yaml: Self.tighteningDomainBundle, source: "payments.yaml", dryRun: true, by: admin)
        #expect(!dry.applied)
        #expect(dry.report.newlyFailing.contains { $0.product == "payments.transactions" })
        #expect(try service.store.read { t throws(CatalogError) in try t.policy(scope: "payments") } == nil)
        let applied = try service.applyPolicy(yaml: Self.tighteningDomainBundle, source: "payments.yaml", by: admin)
        #expect(applied.applied)
        #expect(applied.scope == "payments")
        #expect(try service.policyEngine().bundle(forDomain: "payments").requiredChecks.maximumLatencyHours == 12)
        let audit = try service.store.read { t throws(CatalogError) in try t.audit(principal: nil, target: "policy:payments", limit: nil) }
        #expect(audit.count == 1)
    }

    @Test func malformedBundleNamesTheFile() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let error = expectMeshError(.invalidInput) { try service.applyPolicy(yaml: "name: [", source: "broken.yaml", by: admin) }
        #expect(error?.context == "broken.yaml")
    }

    @Test func domainBundleForUnknownDomain() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let yaml = Self.tighteningDomainBundle.replacingOccurrences(of: "domain: payments", with: "domain: lending")
        expectMeshError(.notFound) { try service.applyPolicy(yaml: yaml, source: "lending.yaml", by: admin) }
    }

    @Test func glossaryListsTermsWithBindings() throws {
        let (service, _) = try ServiceMesh.mesh()
        let terms = try service.glossary()
        #expect(terms.map(\.term.id) == ["currency_code", "fico_score"])
        #expect(terms[0].bindings == ["payments.transactions/transactions.currency"])
        #expect(terms[0].bundle == "test-global@1.0.0")
        #expect(try service.glossaryTerm("fico_score").term.maximum == 850)
        let missing = expectMeshError(.notFound) { try service.glossaryTerm("churn") }
        #expect(missing?.message.contains("currency_code, fico_score") == true)
    }

    @Test func onlyGovernanceAppliesPolicies() throws {
        let (service, admin) = try ServiceMesh.mesh()
        let consumer = try service.createPrincipal(name: "carl", roles: [.consumer], by: admin)
        let governance = try service.createPrincipal(name: "gina", roles: [.governance], by: admin)
        let bundle = try ServiceMesh.text("service-policy.yaml").replacingOccurrences(of: "version: 1.0.0", with: "version: 1.0.1")
        expectMeshError(.forbidden) { try service.applyPolicy(yaml: bundle, source: "p.yaml", by: consumer) }
        #expect(try service.applyPolicy(yaml: bundle, source: "p.yaml", by: governance).bundle == "test-global@1.0.1")
    }

    @Test func callerResolution() throws {
        let (service, admin) = try ServiceMesh.mesh()
        #expect(admin.name == "admin")
        #expect(admin.roles == [.admin])
        try service.createPrincipal(name: "alice", roles: [.consumer], team: "fraud-team", by: admin)
        try service.createPrincipal(name: "bob", roles: [.producer], by: admin)
        #expect(try service.resolveCaller("alice", environment: ["MESH_PRINCIPAL": "bob"]).name == "alice")
        #expect(try service.resolveCaller(nil, environment: ["MESH_PRINCIPAL": "bob"]).name == "bob")
        #expect(try service.resolveCaller(nil, environment: [:]).name == "admin")
        let unknown = expectMeshError(.unauthenticated) { try service.resolveCaller(nil, environment: ["MESH_PRINCIPAL": "mallory"]) }
        #expect(unknown?.message.contains("$MESH_PRINCIPAL") == true)
        expectMeshError(.conflict) { try service.createPrincipal(name: "alice", roles: [.owner], by: admin) }
        let alice = try service.resolveCaller("alice", environment: [:])
        expectMeshError(.forbidden) { try service.createPrincipal(name: "eve", roles: [.admin], by: alice) }
        expectMeshError(.forbidden) { try service.createDomain(name: "fraud", owner: "fraud-team", by: alice) }
        #expect(try service.principals().map(\.name) == ["admin", "alice", "bob"])
    }

    @Test func domains() throws {
        let (service, admin) = try ServiceMesh.mesh()
        expectMeshError(.conflict) { try service.createDomain(name: "payments", owner: "x", by: admin) }
        expectMeshError(.invalidInput) { try service.createDomain(name: "../etc", owner: "x", by: admin) }
        try service.createDomain(name: "fraud", owner: "fraud-team", by: admin)
        #expect(try service.domains().map(\.name) == ["fraud", "payments"])
    }
}
