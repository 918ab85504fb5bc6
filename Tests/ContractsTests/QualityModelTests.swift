import Foundation
import Testing
@testable import Contracts

@Suite("Quality rule model")
struct QualityModelTests {
    @Test("each operator accepts exactly its values", arguments: [
        (QualityCondition.mustBe(5), [5.0], [4.0, 6.0]),
        (.mustNotBe(5), [4, 6], [5]),
        (.mustBeGreaterThan(5), [5.01, 100], [5, 4]),
        (.mustBeGreaterOrEqualTo(5), [5, 6], [4.99]),
        (.mustBeLessThan(5), [4.99, -1], [5, 6]),
        (.mustBeLessOrEqualTo(5), [5, 4], [5.01]),
        (.mustBeBetween(1, 3), [1, 2, 3], [0.99, 3.01]),
        (.mustNotBeBetween(1, 3), [0.99, 3.01], [1, 2, 3]),
    ])
    func operatorSemantics(condition: QualityCondition, pass: [Double], fail: [Double]) {
        for v in pass { #expect(condition.accepts(v), "\(condition) should accept \(v)") }
        for v in fail { #expect(!condition.accepts(v), "\(condition) should reject \(v)") }
        // The interval view agrees with accepts().
        for v in pass + fail {
            #expect(condition.acceptedIntervals.contains { $0.contains(v) } == condition.accepts(v))
        }
    }

    @Test("every operator is read from YAML with its operands", arguments: QualityOperator.allCases)
    func readOperator(op: QualityOperator) throws {
        let operand = op.takesRange ? "[1, 4]" : "2.5"
        let node = try YAMLNode.parse("metric: rowCount\n\(op.rawValue): \(operand)\n")
        let condition = try #require(QualityCondition(in: node))
        #expect(condition.op == op)
        #expect(condition.operands == (op.takesRange ? [1, 4] : [2.5]))
        #expect(QualityCondition(op, condition.operands) == condition)
    }

    @Test("no operator, two operators or a bad operand give no condition")
    func unreadableConditions() throws {
        #expect(QualityCondition(in: try YAMLNode.parse("metric: rowCount\n")) == nil)
        #expect(QualityCondition(in: try YAMLNode.parse("mustBe: 1\nmustNotBe: 2\n")) == nil)
        #expect(QualityCondition(in: try YAMLNode.parse("mustBe: one\n")) == nil)
        #expect(QualityCondition(in: try YAMLNode.parse("mustBeBetween: [1]\n")) == nil)
    }

    @Test("strictness compares accepted sets", arguments: [
        (QualityCondition.mustBeLessThan(2), QualityCondition.mustBeLessThan(5), true),
        (.mustBeLessThan(5), .mustBeLessThan(2), false),
        (.mustBeLessThan(5), .mustBeLessOrEqualTo(5), true),
        (.mustBeLessOrEqualTo(5), .mustBeLessThan(5), false),
        (.mustBe(0), .mustBeLessOrEqualTo(1), true),
        (.mustBeBetween(2, 3), .mustBeBetween(1, 4), true),
        (.mustBeBetween(1, 4), .mustBeBetween(2, 3), false),
        (.mustBeGreaterThan(10), .mustNotBe(5), true),
        (.mustNotBeBetween(0, 10), .mustNotBe(5), true),
        (.mustNotBe(5), .mustNotBeBetween(0, 10), false),
        (.mustBeBetween(300, 850), .mustBeGreaterOrEqualTo(300), true),
        (.mustBeGreaterThan(1), .mustBeLessThan(1), false),
    ])
    func strictness(a: QualityCondition, b: QualityCondition, stricter: Bool) {
        #expect(a.isAtLeastAsStrict(as: b) == stricter)
    }

    @Test("rule defaults: library type, rows, error severity")
    func defaults() throws {
        let rule = QualityRule(node: try YAMLNode.parse("metric: nullValues\nmustBe: 0\n"))
        #expect(rule.type == .library)
        #expect(rule.metric == .nullValues)
        #expect(rule.unit == .rows)
        #expect(rule.severity == .error)
        #expect(QualitySeverity.default == .error)
        let deprecated = QualityRule(node: try YAMLNode.parse("rule: rowCount\nmustBeGreaterThan: 0\nseverity: warning\nunit: percent\n"))
        #expect(deprecated.metric == .rowCount)
        #expect(deprecated.severity == .warning)
        #expect(deprecated.unit == .percent)
        #expect(QualityRule(node: try YAMLNode.parse("metric: x\nseverity: fatal\nunit: lines\n")).severity == nil)
    }

    @Test("arguments are read for every library metric")
    func arguments() throws {
        let rule = QualityRule(node: try YAMLNode.parse("""
        metric: missingValues
        arguments:
          missingValues: [null, '', 'N/A', 0]
          validValues: [a, 1, 2.5, true]
          pattern: '^x$'
          properties: [a, b]
        mustBe: 0
        """))
        #expect(rule.arguments.missingValues == [.null, .string(""), .string("N/A"), .int(0)])
        #expect(rule.arguments.validValues == [.string("a"), .int(1), .double(2.5), .bool(true)])
        #expect(rule.arguments.pattern == "^x$")
        #expect(rule.arguments.properties == ["a", "b"])
    }

    @Test("a rule edited in code writes back with its other keys intact")
    func ruleWriteBack() throws {
        var rule = QualityRule(node: try YAMLNode.parse("id: r\nmetric: nullValues\nmustBeLessThan: 5\nbusinessImpact: operational\n"))
        rule.condition = .mustBeBetween(0, 2)
        let node = rule.node()
        #expect(node["mustBeLessThan"] == nil)
        #expect(node["mustBeBetween"]?.items?.compactMap(\.double) == [0, 2])
        #expect(node["businessImpact"]?.string == "operational")
        #expect(QualityRule(node: node).condition == .mustBeBetween(0, 2))
    }

    @Test("scoped rules list every rule with its table, column and path")
    func scopedRules() throws {
        let contract = try DataContract(yaml: try Fixture.text("valid/fraud-risk-scores.odcs.yaml"))
        let rules = contract.qualityRules
        #expect(rules.count == 8)
        #expect(rules[0].property == nil && rules[0].rule.id == "risk_scores_row_count")
        let fico = rules.filter { $0.property == "fico_score" }
        #expect(fico.map(\.rule.label) == ["fico_score_not_null", "fico_score_mean"])
        #expect(fico[1].path.description == "schema[0].properties[2].quality[1]")
        #expect(fico[1].rule.meshworkCheck?.condition == .mustBeBetween(550, 800))
    }
}

@Suite("Meshwork quality extension")
struct MeshworkCheckTests {
    @Test("every metric reads from an implementation mapping", arguments: [
        ("metric: min\nmustBeGreaterOrEqualTo: 0", MeshworkCheck.Metric.min),
        ("metric: max\nmustBeLessThan: 10", .max),
        ("metric: mean\nmustBeBetween: [1, 2]", .mean),
        ("metric: stddev\nmustBeLessThan: 3", .stddev),
        ("metric: quantile\narguments: {quantile: 0.5}\nmustBeLessThan: 3", .quantile),
        ("metric: distinctCount\nmustBeGreaterThan: 3", .distinctCount),
        ("metric: drift\nmustBeLessThan: 0.2", .drift),
        ("metric: freshness\nmustBeLessOrEqualTo: 6\nunit: h", .freshness),
    ])
    func metrics(yaml: String, metric: MeshworkCheck.Metric) throws {
        let check = try MeshworkCheck(implementation: try YAMLNode.parse(yaml))
        #expect(check.metric == metric)
        // The implementation written back reads as the same check.
        #expect(try MeshworkCheck(implementation: check.implementationNode()) == check)
    }

    @Test("an implementation given as a YAML string is read too")
    func stringImplementation() throws {
        let check = try MeshworkCheck(implementation: .string("metric: quantile\narguments:\n  quantile: 0.99\nmustBeLessThan: 5000\n"))
        #expect(check.quantile == 0.99)
        #expect(check.condition == .mustBeLessThan(5000))
    }

    @Test("freshness and drift arguments")
    func freshnessAndDrift() throws {
        let fresh = try MeshworkCheck(implementation: try YAMLNode.parse("metric: freshness\nmustBeLessOrEqualTo: 2\nunit: days\narguments: {column: ts}"))
        #expect(fresh.unit == .days && fresh.unitSeconds == 86_400 && fresh.column == "ts")
        let defaultUnit = try MeshworkCheck(implementation: try YAMLNode.parse("metric: freshness\nmustBeLessThan: 2"))
        #expect(defaultUnit.unitSeconds == 3600)
        let drift = try MeshworkCheck(implementation: try YAMLNode.parse("metric: drift\narguments: {method: psi, buckets: 20}\nmustBeLessThan: 0.1"))
        #expect(drift.driftMethod == .psi && drift.buckets == 20)
    }

    @Test("bad implementations are rejected with the reason", arguments: [
        ("mustBe: 1", "missing `metric`"),
        ("metric: median\nmustBe: 1", "unknown meshwork metric"),
        ("metric: mean", "needs exactly one operator"),
        ("metric: quantile\nmustBe: 1", "arguments.quantile"),
        ("metric: quantile\narguments: {quantile: 2}\nmustBe: 1", "between 0 and 1"),
        ("metric: drift\narguments: {method: ks}\nmustBeLessThan: 1", "unknown drift method"),
        ("metric: freshness\nunit: fortnight\nmustBeLessThan: 1", "unknown duration unit"),
        ("metric: mean\nmustBeBetween: [5, 1]", "low < high"),
    ])
    func rejected(yaml: String, reason: String) throws {
        do {
            _ = try MeshworkCheck(implementation: try YAMLNode.parse(yaml))
            Issue.record("expected rejection")
        } catch let error as ContractError {
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }

    @Test("a rule is a meshwork check only with type custom and engine meshwork")
    func detection() throws {
        let rule = QualityRule(node: try YAMLNode.parse("type: custom\nengine: meshwork\nimplementation: {metric: max, mustBeLessThan: 3}"))
        #expect(rule.isMeshwork && rule.meshworkCheck?.metric == .max)
        let soda = QualityRule(node: try YAMLNode.parse("type: custom\nengine: soda\nimplementation: 'type: x'"))
        #expect(!soda.isMeshwork && soda.meshworkCheck == nil)
    }
}

@Suite("SLA and durations")
struct ServiceLevelTests {
    @Test("duration units and their ODCS spellings", arguments: [
        ("d", 86_400.0), ("day", 86_400), ("days", 86_400), ("h", 3600), ("hours", 3600), ("m", 60), ("min", 60),
        ("s", 1), ("seconds", 1), ("y", 31_536_000), ("yr", 31_536_000), ("years", 31_536_000), ("w", 604_800), ("D", 86_400),
    ])
    func units(name: String, seconds: Double) {
        #expect(DurationUnit(name: name)?.seconds == seconds)
    }

    @Test("SLA kinds with synonyms, case-insensitive", arguments: [
        ("latency", ServiceLevelKind.latency), ("ly", .latency), ("freshness", .latency), ("Frequency", .frequency),
        ("fy", .frequency), ("retention", .retention), ("re", .retention), ("timeOfAvailability", .timeOfAvailability),
        ("availability", .availability), ("ga", .generalAvailability), ("endOfLife", .endOfLife),
    ])
    func kinds(name: String, kind: ServiceLevelKind) {
        #expect(ServiceLevelKind(name: name) == kind)
    }

    @Test("durations convert to seconds; a missing unit means days")
    func seconds() throws {
        let contract = try DataContract(yaml: try Fixture.text("valid/payments-transactions.odcs.yaml"))
        #expect(contract.slaProperties.first(.latency)?.seconds == Double(4 * 3600))
        #expect(contract.slaProperties.first(.retention)?.seconds == Double(365 * 86_400))
        #expect(contract.slaProperties.first(.timeOfAvailability)?.seconds == nil)
        let bare = ServiceLevel(node: try YAMLNode.parse("property: retention\nvalue: 30\n"))
        #expect(bare.seconds == Double(30 * 86_400))
    }
}

@Suite("Data product model")
struct DataProductTests {
    @Test("a product is assembled from its contract")
    func product() throws {
        let product = try DataProduct(contract: try DataContract(yaml: try Fixture.text("valid/fraud-risk-scores.odcs.yaml")))
        #expect(product.id == "fraud.risk_scores")
        #expect(product.owningTeam == "fraud-analytics")
        #expect(product.status == .active)
        #expect(product.inputPorts == ["payments.transactions", "customers.profiles"])
        #expect(product.outputPorts == [DataProduct.OutputPort(name: "risk_scores", contractID: "fraud-risk-scores", contractVersion: "1.4.0")])
        #expect(product.tags == ["fraud", "features"])
    }

    @Test("lifecycle statuses", arguments: [("draft", LifecycleStatus.draft), ("proposed", .draft), ("Active", .active), ("deprecated", .deprecated), ("retired", .retired)])
    func lifecycle(name: String, status: LifecycleStatus) {
        #expect(LifecycleStatus(name: name) == status)
    }

    @Test("a contract without domain is not a product")
    func missingDomain() throws {
        let contract = try DataContract(yaml: "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\ndataProduct: p\n")
        #expect(throws: ContractError.self) { try DataProduct(contract: contract) }
    }

    @Test("semantic versions parse and order", arguments: [
        ("1.2.3", "1.10.0", true), ("1.0.0-rc.1", "1.0.0", true), ("v2.0", "2.0.1", true), ("2.0.0", "1.9.9", false),
    ])
    func versions(a: String, b: String, less: Bool) throws {
        #expect((try #require(SemanticVersion(a)) < (try #require(SemanticVersion(b)))) == less)
    }

    @Test("non-versions are rejected", arguments: ["", "one", "1.2.3.4", "1..2", "1.x"])
    func notVersions(text: String) {
        #expect(SemanticVersion(text) == nil)
    }
}
