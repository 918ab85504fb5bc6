import Contracts
import Foundation
import Testing
@testable import Governance

@Suite("Publish-time constraints")
struct ConstraintTests {
    @Test("glossary ranges, value lists and primary keys become column constraints")
    func constraints() throws {
        let engine = try GovernanceFixture.engine()
        var fraud = try GovernanceFixture.contract("fraud-risk-scores.odcs.yaml")
        fraud.schema[0].properties[4].authoritativeDefinitions = [.glossaryTerm("risk_band")]
        let constraints = engine.constraints(for: fraud)
        let summary = constraints.map { "\($0.ruleID) \($0.object).\($0.column)" }
        #expect(summary == [
            "checks.primary-key-null risk_scores.customer_id",
            "checks.primary-key-null risk_scores.score_date",
            "glossary.fico_score risk_scores.fico_score",
            "glossary.risk_band risk_scores.risk_band",
        ])
        #expect(constraints[2].requirement == .range(minimum: 300, maximum: 850))
        #expect(constraints[2].product == "fraud.risk_scores")
        #expect(constraints[2].severity == .error)
        #expect(constraints[3].requirement == .allowedValues([.string("low"), .string("medium"), .string("high"), .string("critical")]))
        #expect(constraints[0].requirement == .maximumNullPercent(0))
    }

    @Test("a single-column primary key must also be unique")
    func uniqueKey() throws {
        let constraints = try GovernanceFixture.engine().constraints(for: try GovernanceFixture.contract("customers-profiles.odcs.yaml"))
        #expect(constraints.contains { $0.ruleID == "checks.primary-key-unique" && $0.column == "customer_id" && $0.requirement == .unique })
    }

    @Test("constraint checks on single values", arguments: [
        (ColumnConstraint.Requirement.range(minimum: 300, maximum: 850), ScalarValue.int(299), PolicyDecision.Outcome.fail),
        (.range(minimum: 300, maximum: 850), .int(300), .pass),
        (.range(minimum: 300, maximum: 850), .double(850), .pass),
        (.range(minimum: 300, maximum: 850), .int(851), .fail),
        (.range(minimum: 300, maximum: 850), .null, .pass),
        (.range(minimum: nil, maximum: 1), .double(-5), .pass),
        (.allowedValues([.string("low"), .string("high")]), .string("low"), .pass),
        (.allowedValues([.string("low"), .string("high")]), .string("mid"), .fail),
        (.pattern("[A-Z]{3}"), .string("EUR"), .pass),
        (.pattern("[A-Z]{3}"), .string("eur"), .fail),
    ])
    func check(requirement: ColumnConstraint.Requirement, value: ScalarValue, outcome: PolicyDecision.Outcome) {
        let c = ColumnConstraint(ruleID: "r", product: "p", object: "o", column: "c", requirement: requirement, reason: "test")
        #expect(c.check(value: value) == outcome)
    }

    @Test("constraints serialise for storage with the statistics")
    func codable() throws {
        let constraints = try GovernanceFixture.engine().constraints(for: try GovernanceFixture.contract("fraud-risk-scores.odcs.yaml"))
        let data = try JSONEncoder().encode(constraints)
        #expect(try JSONDecoder().decode([ColumnConstraint].self, from: data) == constraints)
    }
}

@Suite("Read-time access and masking")
struct AccessTests {
    static func customers() throws -> DataContract { try GovernanceFixture.contract("customers-profiles.odcs.yaml") }

    static func actions(_ d: AccessDecision) -> [String: PolicyBundle.Access.Action] {
        Dictionary(uniqueKeysWithValues: d.columns.map { ($0.column, $0.action) })
    }

    @Test("no grant, the wrong purpose or a retired product deny with a reason")
    func denials() throws {
        let engine = try GovernanceFixture.engine()
        let none = engine.decideAccess(AccessRequest(principal: "ana", purpose: "personalisation", grants: []), to: try Self.customers())
        #expect(!none.allowed && none.decisions.last?.ruleID == "access.grant")
        let grant = AccessGrant(principal: "ana", products: ["customers.*"], purposes: ["personalisation"], clearance: "confidential")
        let wrongPurpose = engine.decideAccess(AccessRequest(principal: "ana", purpose: "marketing", grants: [grant]), to: try Self.customers())
        #expect(!wrongPurpose.allowed)
        #expect(wrongPurpose.decisions.last?.reason == "ana's grants for customers.profiles allow purposes personalisation, not marketing")
        let otherPrincipal = engine.decideAccess(AccessRequest(principal: "bob", purpose: "personalisation", grants: [grant]), to: try Self.customers())
        #expect(!otherPrincipal.allowed)
        var retired = try Self.customers()
        retired.status = "retired"
        let r = engine.decideAccess(AccessRequest(principal: "ana", purpose: "personalisation", grants: [grant]), to: retired)
        #expect(!r.allowed && r.decisions.last?.ruleID == "access.lifecycle")
    }

    @Test("columns above the clearance are masked or dropped per level; PII follows its purposes")
    func masking() throws {
        let engine = try GovernanceFixture.engine()
        let grant = AccessGrant(principal: "ana", products: ["customers.profiles"], purposes: [], clearance: "internal")
        let d = engine.decideAccess(AccessRequest(principal: "ana", purpose: "personalisation", grants: [grant]), to: try Self.customers())
        #expect(d.allowed)
        // customer_id: confidential > internal → mask; email: restricted → drop; the rest internal → show.
        #expect(Self.actions(d) == ["customer_id": .mask, "email": .drop, "country": .show, "signup_date": .show,
                                    "is_active": .show, "lifetime_value": .show])
        let email = try #require(d.columns.first { $0.column == "email" })
        #expect(email.ruleID == "access.pii-purpose" || email.reason.contains("above clearance"))
    }

    @Test("PII read for a purpose it does not allow is dropped even with full clearance")
    func piiPurpose() throws {
        let engine = try GovernanceFixture.engine()
        let grant = AccessGrant(principal: "svc-recs", products: ["*"], clearance: "restricted")
        let d = engine.decideAccess(AccessRequest(principal: "svc-recs", purpose: "personalisation", grants: [grant]), to: try Self.customers())
        #expect(d.allowed)
        #expect(Self.actions(d)["customer_id"] == .show)
        let email = try #require(d.columns.first { $0.column == "email" })
        #expect(email.action == .drop && email.ruleID == "access.pii-purpose")
        #expect(email.reason == "personal data allowed for customer-support, not personalisation")
        let support = engine.decideAccess(AccessRequest(principal: "svc-recs", purpose: "customer-support", grants: [grant]), to: try Self.customers())
        #expect(Self.actions(support)["email"] == .show)
        #expect(Self.actions(support)["customer_id"] == .drop)
    }

    @Test("a domain bundle's stricter masking applies to its products")
    func domainMasking() throws {
        let engine = try GovernanceFixture.engine()
        let grant = AccessGrant(principal: "ana", products: ["payments.*"], clearance: "public")
        let d = engine.decideAccess(AccessRequest(principal: "ana", purpose: "fraud-detection", grants: [grant]),
                                    to: try GovernanceFixture.contract("payments-transactions.odcs.yaml"))
        #expect(Self.actions(d)["merchant_id"] == .drop)   // internal → drop in payments (global says mask)
        #expect(Self.actions(d)["currency"] == .show)
    }

    @Test("when every column is dropped the read is denied")
    func nothingVisible() throws {
        let engine = try GovernanceFixture.engine()
        var contract = try Self.customers()
        for i in contract.schema[0].properties.indices { contract.schema[0].properties[i].classification = "restricted" }
        let grant = AccessGrant(principal: "ana", products: ["*"], clearance: "public")
        let d = engine.decideAccess(AccessRequest(principal: "ana", purpose: "analytics", grants: [grant]), to: contract)
        #expect(!d.allowed && d.decisions.last?.ruleID == "access.columns")
    }

    @Test("grants match products exactly, by domain wildcard or globally", arguments: [
        ("*", true), ("customers.*", true), ("customers.profiles", true), ("customers.prof", false), ("payments.*", false),
    ])
    func grantPatterns(pattern: String, covers: Bool) {
        #expect(AccessGrant(principal: "p", products: [pattern], clearance: "public").covers(product: "customers.profiles") == covers)
    }
}

@Suite("Policy dry run")
struct DryRunTests {
    @Test("a stricter proposal lists what newly fails, including a domain bundle it invalidates")
    func stricterProposal() throws {
        let engine = try GovernanceFixture.engine()
        let report = try engine.dryRun(try GovernanceFixture.bundle("global-policy-proposed.yaml"),
                                       domains: [try GovernanceFixture.bundle("domain-payments.yaml")], contracts: try GovernanceFixture.mesh())
        #expect(report.current == "meshwork-global@1.2.0" && report.proposed == "meshwork-global@1.3.0")
        #expect(report.productCount == 5)
        #expect(report.newlyFailing.map(\.key) == [
            "classification.pii-retention|domain:payments",
            "classification.pii-retention|payments.transactions",
            "checks.max-latency|fraud.risk_scores",
            "checks.max-latency|customers.profiles",
            "checks.max-latency|recommendations.user_features",
            "checks.row-count|recommendations.user_features/user_features",
            "checks.row-count|recommendations.user_features/item_popularity",
            "checks.max-latency|marketing.campaign_touches",
        ])
        #expect(report.newlyPassing.isEmpty && report.stillFailing.isEmpty)
        #expect(!report.isSafe)
        #expect(report.text().contains("Verdict: 8 blocking failure(s) would be introduced"))
        let decoded = try JSONDecoder().decode(DryRunReport.self, from: Data(try report.json().utf8))
        #expect(decoded == report)
    }

    @Test("the same bundle changes nothing; no current bundle makes every failure new")
    func sameAndFirst() throws {
        let engine = try GovernanceFixture.engine()
        var mesh = try GovernanceFixture.mesh()
        mesh.append(try GovernanceFixture.contract("fraud-fico-out-of-range.odcs.yaml"))
        let same = PolicyEngine.dryRun(current: engine, proposed: engine, contracts: mesh)
        #expect(same.newlyFailing.isEmpty && same.isSafe)
        #expect(same.stillFailing.map(\.ruleID) == ["glossary.fico_score"])
        let first = PolicyEngine.dryRun(current: nil, proposed: engine, contracts: mesh)
        #expect(first.newlyFailing.map(\.ruleID) == ["glossary.fico_score"])
    }

    @Test("a looser proposal lists what newly passes")
    func looser() throws {
        let strict = try GovernanceFixture.engine()
        let loose = try PolicyEngine(global: try PolicyBundle(yaml: "apiVersion: meshwork/v1\nkind: PolicyBundle\nname: meshwork-global\nversion: 2.0.0\n"))
        let report = PolicyEngine.dryRun(current: strict, proposed: loose, contracts: [try GovernanceFixture.contract("fraud-fico-out-of-range.odcs.yaml")])
        #expect(report.newlyPassing.map(\.ruleID) == ["glossary.fico_score"])
        #expect(report.newlyFailing.map(\.ruleID) == ["glossary.unknown-term"])
    }
}
