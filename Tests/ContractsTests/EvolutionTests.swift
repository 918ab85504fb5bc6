import Foundation
import Testing
@testable import Contracts

@Suite("Contract evolution")
struct EvolutionTests {
    static let pairs = Fixture.files(in: "evolution", suffix: ".old.yaml")

    @Test("golden pairs classify every change as expected", arguments: pairs)
    func goldenPair(path: String) throws {
        let old = try DataContract(yaml: try Fixture.text(path))
        let new = try DataContract(yaml: try Fixture.text(path.replacingOccurrences(of: ".old.", with: ".new.")))
        let diff = ContractDiff(old: old, new: new)
        let expected = try Fixture.text(path.replacingOccurrences(of: ".old.yaml", with: ".expected")).split(separator: "\n").map(String.init)
        let actual = diff.changes.map { "\($0.impact.rawValue) \($0.kind) \($0.path)" } + ["verdict: \(diff.isAccepted ? "accepted" : "rejected")"]
        #expect(actual == expected)
    }

    /// A one-table contract with the given column YAML and version, for focused cases.
    static func contract(version: String = "1.0.0", columns: String, sla: String = "", tableQuality: String = "") throws -> DataContract {
        let yaml = """
        apiVersion: v3.1.0
        kind: DataContract
        id: t
        version: \(version)
        status: active
        domain: d
        dataProduct: p
        schema:
          - name: t
        \(tableQuality.isEmpty ? "" : "    quality:\n" + tableQuality)
            properties:
        \(columns)
        \(sla.isEmpty ? "" : "slaProperties:\n" + sla)
        """
        return try DataContract(yaml: yaml)
    }

    static func kinds(_ old: DataContract, _ new: DataContract) -> [String] {
        ContractDiff(old: old, new: new).changes.map { "\($0.impact == .breaking ? "B" : "C") \($0.kind)" }
    }

    @Test("type widening is compatible, narrowing breaks", arguments: [
        ("integer", "", "number", "", "C typeWidened"),
        ("number", "", "integer", "", "B typeNarrowed"),
        ("integer", "{format: i32}", "integer", "{format: i64}", "C typeWidened"),
        ("integer", "{format: i64}", "integer", "{format: i32}", "B typeNarrowed"),
        ("number", "{format: f32}", "number", "{format: f64}", "C typeWidened"),
        ("number", "{format: f64}", "number", "{format: f32}", "B typeNarrowed"),
        ("integer", "{format: u32}", "integer", "{format: i64}", "C typeWidened"),
        ("integer", "{format: u32}", "integer", "{format: i32}", "B typeNarrowed"),
        ("string", "", "integer", "", "B typeNarrowed"),
        ("date", "", "timestamp", "", "C typeWidened"),
    ])
    func typeChanges(oldType: String, oldOptions: String, newType: String, newOptions: String, expected: String) throws {
        func col(_ t: String, _ o: String) -> String {
            "      - name: c\n        logicalType: \(t)\n" + (o.isEmpty ? "" : "        logicalTypeOptions: \(o)\n")
        }
        let kinds = Self.kinds(try Self.contract(columns: col(oldType, oldOptions)), try Self.contract(version: "2.0.0", columns: col(newType, newOptions)))
        #expect(kinds == [expected])
    }

    @Test("physical types widen by size", arguments: [
        ("int", "bigint", "C typeWidened"), ("bigint", "int", "B typeNarrowed"),
        ("varchar(18)", "varchar(36)", "C typeWidened"), ("varchar(36)", "varchar(18)", "B typeNarrowed"),
        ("float", "double", "C typeWidened"), ("decimal(10,2)", "decimal(12,2)", "C typeWidened"),
        ("decimal(10,2)", "decimal(10,3)", "B typeNarrowed"), ("int", "double", "C typeWidened"),
        ("varchar(10)", "text", "C typeWidened"), ("date", "varchar(10)", "B typeNarrowed"),
    ])
    func physicalTypes(old: String, new: String, expected: String) throws {
        func col(_ t: String) -> String { "      - name: c\n        logicalType: string\n        physicalType: '\(t)'\n" }
        #expect(Self.kinds(try Self.contract(columns: col(old)), try Self.contract(version: "2.0.0", columns: col(new))) == [expected])
    }

    @Test("required, unique, primary key, classification, glossary and purposes")
    func columnFlags() throws {
        let base = "      - name: c\n        logicalType: string\n"
        let old = try Self.contract(columns: base)
        func after(_ extra: String) throws -> [String] {
            Self.kinds(old, try Self.contract(version: "2.0.0", columns: base + extra))
        }
        #expect(try after("        required: true\n") == ["B becameRequired"])
        #expect(try after("        unique: true\n") == ["B constraintTightened"])
        #expect(try after("        primaryKey: true\n") == ["B becameRequired", "B constraintTightened"])
        #expect(try after("        classification: restricted\n") == ["B classificationChanged"])
        #expect(try after("        tags: [pii]\n") == ["B classificationChanged"])
        #expect(try after("        tags: [finance]\n") == ["C documentationChanged"])
        #expect(try after("        authoritativeDefinitions:\n          - {type: glossaryTerm, url: 'glossary:x'}\n") == ["B glossaryTermChanged"])
        let withPurposes = base + "        customProperties:\n          - {property: allowedPurposes, value: [a, b]}\n"
        let fewer = base + "        customProperties:\n          - {property: allowedPurposes, value: [a]}\n"
        #expect(Self.kinds(try Self.contract(columns: withPurposes), try Self.contract(version: "2.0.0", columns: fewer)) == ["B purposesNarrowed"])
        #expect(Self.kinds(try Self.contract(columns: fewer), try Self.contract(version: "1.1.0", columns: withPurposes)) == ["C purposesWidened"])
        let required = base + "        required: true\n"
        #expect(Self.kinds(try Self.contract(columns: required), try Self.contract(version: "1.0.1", columns: base)) == ["C becameOptional"])
    }

    @Test("constraints: bounds, lengths and patterns", arguments: [
        ("{minimum: 0}", "{minimum: 1}", "B constraintTightened"),
        ("{minimum: 1}", "{minimum: 0}", "C constraintLoosened"),
        ("{maximum: 10}", "{maximum: 5}", "B constraintTightened"),
        ("{maximum: 5}", "{maximum: 10}", "C constraintLoosened"),
        ("{}", "{maximum: 5}", "B constraintTightened"),
        ("{maximum: 5}", "{}", "C constraintLoosened"),
    ])
    func numericBounds(old: String, new: String, expected: String) throws {
        func col(_ o: String) -> String { "      - name: c\n        logicalType: integer\n        logicalTypeOptions: \(o)\n" }
        #expect(Self.kinds(try Self.contract(columns: col(old)), try Self.contract(version: "2.0.0", columns: col(new))) == [expected])
    }

    @Test("string length and pattern constraints")
    func stringConstraints() throws {
        func col(_ o: String) -> String { "      - name: c\n        logicalType: string\n        logicalTypeOptions: \(o)\n" }
        let a = try Self.contract(columns: col("{maxLength: 10}")), b = try Self.contract(version: "2.0.0", columns: col("{maxLength: 8}"))
        #expect(Self.kinds(a, b) == ["B constraintTightened"])
        #expect(Self.kinds(b, a) == ["C constraintLoosened"])
        let p = try Self.contract(columns: col("{pattern: '^[a-z]+$'}"))
        #expect(Self.kinds(a, p).contains("B constraintTightened"))
        #expect(Self.kinds(p, try Self.contract(version: "1.1.0", columns: col("{}"))) == ["C constraintLoosened"])
    }

    @Test("quality rules: added, removed, tightened, loosened, severity", arguments: [
        ("", "{id: r, metric: nullValues, mustBe: 0}", "B qualityRuleTightened"),
        ("", "{id: r, metric: nullValues, mustBe: 0, severity: warning}", "C qualityRuleLoosened"),
        ("{id: r, metric: nullValues, mustBe: 0}", "", "C qualityRuleLoosened"),
        ("{id: r, metric: nullValues, mustBeLessThan: 5}", "{id: r, metric: nullValues, mustBeLessThan: 2}", "B qualityRuleTightened"),
        ("{id: r, metric: nullValues, mustBeLessThan: 2}", "{id: r, metric: nullValues, mustBeLessThan: 5}", "C qualityRuleLoosened"),
        ("{id: r, metric: nullValues, mustBeLessThan: 2}", "{id: r, metric: nullValues, mustBeLessOrEqualTo: 2}", "C qualityRuleLoosened"),
        ("{id: r, metric: nullValues, mustBeBetween: [0, 5]}", "{id: r, metric: nullValues, mustBeBetween: [1, 4]}", "B qualityRuleTightened"),
        ("{id: r, metric: nullValues, mustBeLessThan: 5}", "{id: r, metric: nullValues, mustBeGreaterThan: 5}", "B qualityRuleChanged"),
        ("{id: r, metric: nullValues, mustBe: 0, severity: warning}", "{id: r, metric: nullValues, mustBe: 0}", "B qualityRuleTightened"),
        ("{id: r, metric: nullValues, mustBe: 0}", "{id: r, metric: nullValues, mustBe: 0, severity: warning}", "C qualityRuleLoosened"),
        ("{id: r, metric: nullValues, mustBe: 0}", "{id: r, metric: nullValues, mustBe: 0, unit: percent}", "B qualityRuleChanged"),
        ("{id: r, metric: nullValues, mustBe: 0}", "{id: r, metric: nullValues, mustBe: 0, description: docs}", "C documentationChanged"),
        ("{id: r, metric: invalidValues, arguments: {validValues: [a, b]}, mustBe: 0}", "{id: r, metric: invalidValues, arguments: {validValues: [a]}, mustBe: 0}", "B qualityRuleTightened"),
        ("{id: r, metric: invalidValues, arguments: {validValues: [a]}, mustBe: 0}", "{id: r, metric: invalidValues, arguments: {validValues: [a, b]}, mustBe: 0}", "C qualityRuleLoosened"),
        ("{id: r, metric: missingValues, arguments: {missingValues: ['']}, mustBe: 0}", "{id: r, metric: missingValues, arguments: {missingValues: ['', 'N/A']}, mustBe: 0}", "B qualityRuleTightened"),
        ("{id: r, type: custom, engine: meshwork, implementation: {metric: mean, mustBeBetween: [1, 9]}}",
         "{id: r, type: custom, engine: meshwork, implementation: {metric: mean, mustBeBetween: [2, 8]}}", "B qualityRuleTightened"),
    ])
    func qualityRules(old: String, new: String, expected: String) throws {
        func col(_ rule: String) -> String {
            "      - name: c\n        logicalType: integer\n" + (rule.isEmpty ? "" : "        quality:\n          - \(rule)\n")
        }
        #expect(Self.kinds(try Self.contract(columns: col(old)), try Self.contract(version: "2.0.0", columns: col(new))) == [expected])
    }

    @Test("SLA changes: slower or shorter retention breaks", arguments: [
        ("{property: latency, value: 4, unit: h}", "{property: latency, value: 1, unit: d}", "B slaWeakened"),
        ("{property: latency, value: 1, unit: d}", "{property: latency, value: 4, unit: h}", "C slaTightened"),
        ("{property: freshness, value: 60, unit: m}", "{property: latency, value: 1, unit: h}", ""),
        ("{property: retention, value: 1, unit: y}", "{property: retention, value: 30, unit: d}", "B slaWeakened"),
        ("{property: retention, value: 30, unit: d}", "{property: retention, value: 1, unit: y}", "C slaTightened"),
        ("{property: frequency, value: 1, unit: d}", "{property: frequency, value: 1, unit: w}", "B slaWeakened"),
        ("{property: timeOfAvailability, value: '06:00'}", "{property: timeOfAvailability, value: '09:00'}", "B slaWeakened"),
        ("{property: availability, value: 99.9}", "{property: availability, value: 99.5}", "B slaWeakened"),
        ("{property: latency, value: 4, unit: h}", "", "B slaWeakened"),
        ("", "{property: latency, value: 4, unit: h}", "C slaTightened"),
    ])
    func serviceLevels(old: String, new: String, expected: String) throws {
        let col = "      - name: c\n        logicalType: string\n"
        let a = try Self.contract(columns: col, sla: old.isEmpty ? "" : "  - \(old)\n")
        let b = try Self.contract(version: "2.0.0", columns: col, sla: new.isEmpty ? "" : "  - \(new)\n")
        let kinds = Self.kinds(a, b)
        #expect(kinds == (expected.isEmpty ? [] : [expected]), "\(kinds)")
    }

    @Test("renames are told apart from removals")
    func renameDetection() throws {
        let a = try Self.contract(columns: "      - name: a\n        logicalType: string\n      - name: b\n        logicalType: integer\n")
        let renamed = try Self.contract(version: "2.0.0", columns: "      - name: a2\n        logicalType: string\n      - name: b\n        logicalType: integer\n")
        #expect(Self.kinds(a, renamed) == ["B columnRenamed"])
        let removed = try Self.contract(version: "2.0.0", columns: "      - name: b\n        logicalType: integer\n")
        #expect(Self.kinds(a, removed) == ["B columnRemoved"])
        let diff = ContractDiff(old: a, new: renamed)
        #expect(diff.changes[0].old == "a" && diff.changes[0].new == "a2")
    }

    @Test("version verdicts", arguments: [
        ("1.0.0", "1.0.1", false, true), ("1.0.0", "1.1.0", false, true), ("1.0.0", "1.0.0", false, false),
        ("1.0.0", "0.9.0", false, false), ("1.0.0", "1.9.0", true, false), ("1.0.0", "2.0.0", true, true),
        ("0.3.0", "0.4.0", true, true), ("0.3.0", "0.3.1", true, false), ("1.0.0", "2.0.0-rc.1", true, true),
    ])
    func verdicts(old: String, new: String, breaking: Bool, accepted: Bool) throws {
        let col = "      - name: c\n        logicalType: string\n"
        let changed = breaking ? col + "        required: true\n" : col + "        description: more docs\n"
        let diff = ContractDiff(old: try Self.contract(version: old, columns: col), new: try Self.contract(version: new, columns: changed))
        #expect(diff.isBreaking == breaking)
        #expect(diff.isAccepted == accepted, "\(diff.rejectionReasons)")
    }

    @Test("identical contracts have no changes and need no bump")
    func identical() throws {
        let text = try Fixture.text("valid/payments-transactions.odcs.yaml")
        let diff = ContractDiff(old: try DataContract(yaml: text), new: try DataContract(yaml: text))
        #expect(diff.changes.isEmpty)
        #expect(diff.requiredBump == .none)
        #expect(diff.isAccepted)
    }

    @Test("the text and JSON reports carry every change and the verdict")
    func reports() throws {
        let old = try DataContract(yaml: try Fixture.text("evolution/breaking-without-major.old.yaml"))
        let new = try DataContract(yaml: try Fixture.text("evolution/breaking-without-major.new.yaml"))
        let diff = ContractDiff(old: old, new: new)
        let text = diff.text()
        #expect(text.contains("Breaking changes (7):"))
        #expect(text.contains("column 'transactions.channel' was removed"))
        #expect(text.contains("Verdict: rejected"))
        let report = try JSONDecoder().decode(ContractDiff.Report.self, from: Data(try diff.json().utf8))
        #expect(report.accepted == false)
        #expect(report.breakingCount == 7)
        #expect(report.changes == diff.changes)
        #expect(report.requiredBump == .major && report.actualBump == .minor)
    }
}
