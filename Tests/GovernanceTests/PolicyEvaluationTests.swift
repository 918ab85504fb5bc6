import Contracts
import Testing
@testable import Governance

@Suite("Registration-time policy evaluation")
struct PolicyEvaluationTests {
    static func global() throws -> PolicyBundle { try GovernanceFixture.bundle("global-policy.yaml") }

    /// The payments contract with one edit applied.
    static func payments(_ edits: [(String, YAMLNode?)]) throws -> DataContract {
        var root = try YAMLNode.parse(try GovernanceFixture.text("contracts/payments-transactions.odcs.yaml"))
        for (path, value) in edits { try root.set(at: YAMLPath(path), value) }
        return DataContract(document: root)
    }

    static func failures(_ contract: DataContract, _ bundle: PolicyBundle? = nil) throws -> [String] {
        try (bundle ?? global()).evaluate(contract).failures.map { "\($0.ruleID) \($0.subject)" }
    }

    @Test("every demo product passes the global and domain bundles")
    func demoMeshPasses() throws {
        let engine = try GovernanceFixture.engine()
        for contract in try GovernanceFixture.mesh() {
            let decisions = engine.evaluate(contract)
            #expect(decisions.failures.isEmpty, "\(contract.productID!): \(decisions.failures)")
            #expect(!decisions.isEmpty)
        }
    }

    @Test("decisions explain passes too: rule, subject, value, reason, bundle")
    func explainable() throws {
        let decisions = try Self.global().evaluate(try GovernanceFixture.contract("fraud-risk-scores.odcs.yaml"))
        let fico = try #require(decisions.first { $0.ruleID == "glossary.fico_score" })
        #expect(fico.outcome == .pass)
        #expect(fico.subject == "fraud.risk_scores/risk_scores.fico_score")
        #expect(fico.value == "fico_score")
        #expect(fico.reason.contains("300–850"))
        #expect(fico.bundle == "meshwork-global@1.2.0")
        let retention = try #require(decisions.first { $0.ruleID == "classification.pii-retention" })
        #expect(retention.outcome == .pass && retention.value == "180 days")
    }

    @Test("a fico_score column declared outside 300–850 is rejected")
    func ficoOutOfRange() throws {
        let decisions = try Self.global().evaluate(try GovernanceFixture.contract("fraud-fico-out-of-range.odcs.yaml"))
        let failures = decisions.failures
        #expect(failures.count == 1)
        #expect(failures[0].ruleID == "glossary.fico_score")
        #expect(failures[0].column == "fico_score")
        #expect(failures[0].reason == "bound to glossary term fico_score but declares maximum 900 above the term's 850")
        #expect(decisions.blocks)
    }

    @Test("each registration rule fails on its own fault", arguments: [
        ("team", nil as YAMLNode?, "metadata.owner payments.transactions"),
        ("team.members", YAMLNode.sequence([.mapping([("username", .string("x")), ("role", .string("analyst"))])]), "metadata.owner payments.transactions"),
        ("description", nil, "metadata.description payments.transactions"),
        ("support", nil, "metadata.support payments.transactions"),
        ("dataProduct", .string("Transactions"), "naming.product payments.Transactions"),
        ("schema[0].name", .string("Transactions"), "naming.table payments.transactions/Transactions"),
        ("schema[0].properties[1].name", .string("merchantId"), "naming.column payments.transactions/transactions.merchantId"),
        ("schema[0].properties[1].classification", .string("secret"), "classification.levels payments.transactions/transactions.merchant_id"),
        ("schema[0].properties[2].classification", .string("internal"), "classification.pii-level payments.transactions/transactions.customer_id"),
        ("schema[0].properties[2].customProperties", nil, "classification.pii-purposes payments.transactions/transactions.customer_id"),
        ("slaProperties[2].value", .integer(500), "classification.pii-retention payments.transactions"),
        ("slaProperties[0].value", .integer(72), "checks.max-latency payments.transactions"),
        ("schema[0].properties[0].quality", nil, "checks.primary-key-null payments.transactions/transactions.transaction_id"),
        ("schema[0].properties[0].quality[0].severity", .string("warning"), "checks.primary-key-null payments.transactions/transactions.transaction_id"),
        ("schema[0].properties[0].quality[0].mustBe", .integer(5), "checks.primary-key-null payments.transactions/transactions.transaction_id"),
    ])
    func singleFault(path: String, value: YAMLNode?, expected: String) throws {
        #expect(try Self.failures(try Self.payments([(path, value)])) == [expected])
    }

    @Test("a missing retention SLA fails the PII rule; a missing latency fails freshness")
    func missingSLAs() throws {
        var contract = try Self.payments([])
        contract.slaProperties.removeAll { $0.kind == .retention }
        #expect(try Self.failures(contract) == ["classification.pii-retention payments.transactions"])
        contract = try Self.payments([])
        contract.slaProperties.removeAll { $0.kind == .latency }
        #expect(try Self.failures(contract) == ["checks.freshness-sla payments.transactions"])
    }

    @Test("glossary bindings: unknown term, wrong type, values outside the term")
    func glossaryBindings() throws {
        var fraud = try GovernanceFixture.contract("fraud-risk-scores.odcs.yaml")
        fraud.schema[0].properties[2].authoritativeDefinitions = [.glossaryTerm("fico")]
        #expect(try Self.failures(fraud) == ["glossary.unknown-term fraud.risk_scores/risk_scores.fico_score"])
        fraud = try GovernanceFixture.contract("fraud-risk-scores.odcs.yaml")
        fraud.schema[0].properties[2].logicalTypeName = "string"
        #expect(try Self.failures(fraud) == ["glossary.fico_score fraud.risk_scores/risk_scores.fico_score"])
        fraud = try GovernanceFixture.contract("fraud-risk-scores.odcs.yaml")
        fraud.schema[0].properties[4].authoritativeDefinitions = [.glossaryTerm("risk_band")]
        #expect(try Self.failures(fraud).isEmpty)
        fraud.schema[0].properties[4].quality[0].arguments.validValues.append(.string("extreme"))
        let decisions = try Self.global().evaluate(fraud).failures
        #expect(decisions.map(\.ruleID) == ["glossary.risk_band"])
        #expect(decisions[0].reason.contains("extreme"))
    }

    @Test("custom rules: applies only when its condition holds; failures carry the expression")
    func customRules() throws {
        var contract = try Self.payments([])
        #expect(try Self.failures(contract).isEmpty)
        // Tagged training-data with fewer than three quality rules.
        contract.tags.append("training-data")
        for i in contract.schema.indices {
            contract.schema[i].quality = []
            for j in contract.schema[i].properties.indices { contract.schema[i].properties[j].quality = [] }
        }
        contract.schema[0].properties[0].quality = [QualityRule(id: "pk", metric: .nullValues, condition: .mustBe(0))]
        let failures = try Self.global().evaluate(contract).failures
        #expect(failures.map(\.ruleID) == ["rule.training-data-quality"])
        #expect(failures[0].value == "size(product.qualityRules) >= 3")
        // The warning rule reports without blocking.
        contract = try Self.payments([("status", .string("deprecated"))])
        let warn = try Self.global().evaluate(contract).failures
        #expect(warn.map(\.ruleID) == ["rule.deprecated-needs-successor-note"])
        #expect(!warn.blocks)
    }

    @Test("publish-stage rules run on statistics, not at registration")
    func publishRules() throws {
        var contract = try Self.payments([])
        contract.tags.append("training-data")
        let engine = try GovernanceFixture.engine()
        #expect(!engine.evaluate(contract).contains { $0.ruleID == "rule.training-data-volume" })
        let small = engine.evaluatePublication(contract, statistics: ["rowCount": .int(250)])
        #expect(small.map(\.ruleID) == ["rule.training-data-volume"] && small[0].outcome == .fail)
        #expect(small[0].reason == "Training data products publish at least 1,000 rows per version: `stats.rowCount >= 1000` is false")
        let big = engine.evaluatePublication(contract, statistics: ["rowCount": .int(25_000)])
        #expect(big.map(\.outcome) == [.pass])
        contract.tags.removeAll { $0 == "training-data" }
        #expect(engine.evaluatePublication(contract, statistics: [:]).isEmpty)
    }

    @Test("a rule that cannot be evaluated fails with the reason")
    func brokenRule() throws {
        var bundle = try Self.global()
        bundle.rules = [PolicyBundle.Rule(id: "typo", description: "typo", when: nil, require: try Expression("product.sla.latency_hours < 'x'"), severity: .error)]
        let failures = bundle.evaluate(try Self.payments([])).failures
        #expect(failures.map(\.ruleID) == ["rule.typo"])
        #expect(failures[0].reason.contains("could not be evaluated"))
    }

    @Test("the domain bundle's rules apply to its own domain only")
    func domainScope() throws {
        let engine = try GovernanceFixture.engine()
        // payments: latency 8h breaks the domain's 6h limit but not the global 48h.
        let slow = try Self.payments([("slaProperties[0].value", .integer(8))])
        #expect(engine.evaluate(slow).failures.map(\.ruleID) == ["checks.max-latency"])
        #expect(engine.evaluate(slow).failures[0].bundle == "meshwork-global+payments-policy@1.2.0+0.4.0")
        var other = slow
        other.domain = "treasury"
        #expect(engine.evaluate(other).failures.isEmpty)
    }

    @Test("products binding one term with different types are reported")
    func crossProductGlossary() throws {
        let engine = try GovernanceFixture.engine()
        var a = try GovernanceFixture.contract("customers-profiles.odcs.yaml")
        var b = try GovernanceFixture.contract("recommendations-user-features.odcs.yaml")
        b.schema[0].properties[1].authoritativeDefinitions = [.glossaryTerm("active_user")]
        #expect(engine.glossaryConflicts([a, b]).map(\.subject) == ["customers.profiles/profiles.is_active", "recommendations.user_features/user_features.sessions_30d"])
        a.schema[0].properties[4].authoritativeDefinitions = []
        #expect(engine.glossaryConflicts([a, b]).isEmpty)
    }
}
