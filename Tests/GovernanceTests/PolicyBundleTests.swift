import Contracts
import Testing
@testable import Governance

@Suite("Policy bundle format")
struct PolicyBundleTests {
    @Test("the global fixture reads completely")
    func globalFixture() throws {
        let b = try GovernanceFixture.bundle("global-policy.yaml")
        #expect(b.reference == "meshwork-global@1.2.0")
        #expect(b.scope == .global)
        #expect(b.requiredMetadata == .init(owner: true, description: true, supportChannel: true))
        #expect(b.naming.column == ["^[a-z][a-z0-9_]*$"])
        #expect(b.classification.levels == ["public", "internal", "confidential", "restricted"])
        #expect(b.classification.piiMinimumLevel == "confidential")
        #expect(b.classification.piiMaximumRetentionDays == 400)
        #expect(b.requiredChecks.freshnessSLA && b.requiredChecks.primaryKeyNullCheck)
        #expect(b.requiredChecks.maximumLatencyHours == 48)
        let fico = try #require(b.term("fico_score"))
        #expect(fico.minimum == 300 && fico.maximum == 850 && fico.type == .integer && fico.unit == "points" && fico.owner == "risk-office")
        #expect(b.term("risk_band")?.allowedValues == [.string("low"), .string("medium"), .string("high"), .string("critical")])
        #expect(b.rules.map(\.id) == ["training-data-quality", "deprecated-needs-successor-note", "training-data-volume"])
        #expect(b.rules[1].severity == .warning)
        #expect(b.rules[2].stage == .publish && b.rules[0].stage == .registration)
        #expect(b.access.belowClearance["restricted"] == .drop)
        #expect(b.access.purposeNotAllowed == .drop)
    }

    @Test("bad bundles are rejected with the path of the problem", arguments: [
        ("kind: Policy\n", "kind"),
        ("apiVersion: v1\nkind: PolicyBundle\n", "apiVersion"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nversion: 1.0.0\n", "name"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: one\n", "version"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nscope: team\n", "scope"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nscope: domain\n", "domain"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nnaming:\n  column: '[a-'\n", "naming.column"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nnaming:\n  columns: x\n", "naming.columns"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nrequiredChecks:\n  freshnessSLA: maybe\n", "requiredChecks.freshnessSLA"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nglossary:\n  - id: t\n", "glossary[0].definition"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nglossary:\n  - {id: t, definition: d, minimum: 9, maximum: 1}\n", "glossary[0].minimum"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nglossary:\n  - {id: t, definition: d}\n  - {id: t, definition: e}\n", "glossary[1].id"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nrules:\n  - {id: r, require: 'size('}\n", "rules[0].require"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nrules:\n  - {id: r, require: 'true', severity: fatal}\n", "rules[0].severity"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nrules:\n  - {id: r, require: 'true', stage: nightly}\n", "rules[0].stage"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\naccess:\n  belowClearance: {restricted: hide}\n", "access.belowClearance.restricted"),
        ("apiVersion: meshwork/v1\nkind: PolicyBundle\nname: x\nversion: 1.0.0\nclassification:\n  levels: [a, b]\n  piiMinimumLevel: c\n", "classification.piiMinimumLevel"),
    ])
    func rejected(yaml: String, path: String) {
        do {
            _ = try PolicyBundle(yaml: yaml)
            Issue.record("expected rejection")
        } catch let error as GovernanceError {
            #expect(error.path?.description == path, "\(error)")
            #expect(error.line != nil)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite("Domain policies")
struct DomainPolicyTests {
    @Test("a tightening domain bundle merges into the effective bundle")
    func tightening() throws {
        let global = try GovernanceFixture.bundle("global-policy.yaml")
        let merged = try global.applying(try GovernanceFixture.bundle("domain-payments.yaml"))
        #expect(merged.scope == .domain("payments"))
        #expect(merged.classification.piiMaximumRetentionDays == 365)
        #expect(merged.requiredChecks.maximumLatencyHours == 6)
        #expect(merged.requiredChecks.rowCountCheck)
        #expect(merged.requiredChecks.freshnessSLA)
        #expect(merged.naming.table.count == 2)
        #expect(merged.term("merchant_category_code") != nil && merged.term("fico_score") != nil)
        #expect(merged.rules.count == 4)
        #expect(merged.access.belowClearance["internal"] == .drop)
    }

    @Test("weakening attempts are errors naming every global rule they would break")
    func weakening() throws {
        let global = try GovernanceFixture.bundle("global-policy.yaml")
        do {
            _ = try global.applying(try GovernanceFixture.bundle("domain-weakening.yaml"))
            Issue.record("expected rejection")
        } catch let error as GovernanceError {
            #expect(error.kind == .weakensGlobalRule)
            #expect(error.message.contains("classification.pii-retention"))
            #expect(error.message.contains("the global limit is 400 days; 730 days is looser"))
            #expect(error.message.contains("checks.freshness-sla"))
        }
    }

    @Test("each kind of weakening is caught", arguments: [
        ("requiredChecks:\n  maximumLatencyHours: 72\n", "checks.max-latency"),
        ("requiredMetadata:\n  owner: false\n", "metadata.owner"),
        ("classification:\n  piiMinimumLevel: internal\n", "classification.pii-level"),
        ("classification:\n  piiRequiresPurposes: false\n", "classification.pii-purposes"),
        ("classification:\n  levels: [public, secret]\n", "classification.levels"),
        ("classification:\n  piiTag: personal\n", "classification.piiTag"),
        ("requiredChecks:\n  primaryKeyNullCheck: false\n", "checks.primary-key-null"),
        ("rules:\n  - {id: training-data-quality, require: 'true'}\n", "rule.training-data-quality"),
        ("access:\n  belowClearance: {restricted: mask}\n", "access.belowClearance.restricted"),
        ("access:\n  purposeNotAllowed: show\n", "access.purposeNotAllowed"),
    ])
    func weakeningKinds(body: String, rule: String) throws {
        let global = try GovernanceFixture.bundle("global-policy.yaml")
        let domain = try PolicyBundle(yaml: "apiVersion: meshwork/v1\nkind: PolicyBundle\nname: d\nversion: 1.0.0\nscope: domain\ndomain: x\n" + body)
        do {
            _ = try global.applying(domain)
            Issue.record("expected rejection")
        } catch let error as GovernanceError {
            #expect(error.kind == .weakensGlobalRule)
            #expect(error.rule == rule, "\(error)")
        }
    }

    @Test("tightenings of each threshold are accepted", arguments: [
        "requiredChecks:\n  maximumLatencyHours: 1\n", "classification:\n  piiMinimumLevel: restricted\n",
        "classification:\n  levels: [public, internal]\n", "requiredMetadata:\n  owner: true\n",
        "access:\n  belowClearance: {confidential: drop}\n",
    ])
    func tighteningKinds(body: String) throws {
        let global = try GovernanceFixture.bundle("global-policy.yaml")
        let domain = try PolicyBundle(yaml: "apiVersion: meshwork/v1\nkind: PolicyBundle\nname: d\nversion: 1.0.0\nscope: domain\ndomain: x\n" + body)
        _ = try global.applying(domain)
    }

    @Test("a domain cannot define a global glossary term differently")
    func conflictingGlossary() throws {
        do {
            _ = try PolicyEngine(global: try GovernanceFixture.bundle("global-policy.yaml"),
                                 domains: [try GovernanceFixture.bundle("domain-conflicting-glossary.yaml")])
            Issue.record("expected rejection")
        } catch let error as GovernanceError {
            #expect(error.kind == .conflictingDefinition)
            #expect(error.rule == "glossary.active_user")
            #expect(error.message.contains("last 30 days") && error.message.contains("last 7 days"))
        }
    }

    @Test("two domains defining a new term differently conflict")
    func twoDomainsConflict() throws {
        func domain(_ name: String, _ definition: String) throws -> PolicyBundle {
            try PolicyBundle(yaml: """
            apiVersion: meshwork/v1
            kind: PolicyBundle
            name: \(name)
            version: 1.0.0
            scope: domain
            domain: \(name)
            glossary:
              - {id: churned_user, definition: '\(definition)', type: boolean}
            """)
        }
        #expect(throws: GovernanceError.self) {
            try PolicyEngine(global: try GovernanceFixture.bundle("global-policy.yaml"),
                             domains: [try domain("growth", "No session for 90 days"), try domain("crm", "Cancelled subscription")])
        }
        _ = try PolicyEngine(global: try GovernanceFixture.bundle("global-policy.yaml"),
                             domains: [try domain("growth", "No session for 90 days"), try domain("crm", "No session for 90 days")])
    }
}
