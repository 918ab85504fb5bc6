import Foundation
import Testing
import TestSupport
@testable import Contracts

/// Contracts we accept must also pass the real datacontract-cli's `datacontract lint`.
@Suite("Interop: datacontract-cli lint")
struct DatacontractInteropTests {
    /// `$MESH_DATACONTRACT`, else the `datacontract` next to the interop Python.
    static var tool: String {
        if let path = ProcessInfo.processInfo.environment["MESH_DATACONTRACT"], !path.isEmpty { return path }
        return Interop.tool("datacontract")
    }

    static var available: Bool {
        Interop.required || FileManager.default.isExecutableFile(atPath: tool)
    }

    /// Lints one file; throws ``ProcessFailure`` (with the tool's report) when it is rejected.
    /// `--no-inline-references` keeps the run offline: it stops the tool from downloading
    /// `authoritativeDefinitions` links; the JSON schema is the one bundled with the tool.
    static func datacontractLint(_ file: URL) throws {
        try Interop.run([tool, "lint", "--no-inline-references", file.path])
    }

    /// Validates YAML against the ODCS v3.1.0 JSON schema fixture with a full draft 2019-09
    /// validator (Python `jsonschema`, installed with datacontract-cli), which also enforces
    /// `unevaluatedProperties`; returns the validator's messages (empty when valid).
    static func specErrors(_ file: URL) throws -> [String] {
        let python = URL(fileURLWithPath: tool).deletingLastPathComponent().appendingPathComponent("python").path
        let script = """
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1]))
        doc = yaml.safe_load(open(sys.argv[2]))
        validator = jsonschema.validators.validator_for(schema)(schema)
        for e in validator.iter_errors(doc):
            print("/".join(str(p) for p in e.absolute_path) + ": " + e.message)
        """
        let out = try Interop.run([python, "-c", script, Fixture.url("odcs/odcs-json-schema-v3.1.0.json").path, file.path])
        return out.split(separator: "\n").map(String.init)
    }

    @Test("every valid fixture passes datacontract lint", .enabled(if: available), arguments: Fixture.validContracts)
    func fixturePasses(path: String) throws {
        #expect(ContractLinter().lint(yaml: try Fixture.text(path)).errors.isEmpty)
        try Self.datacontractLint(Fixture.url(path))
        if try DataContract(yaml: try Fixture.text(path)).apiVersion == "v3.1.0" {
            #expect(try Self.specErrors(Fixture.url(path)) == [])
        }
    }

    @Test("what our writer produces passes datacontract lint", .enabled(if: available), arguments: Fixture.validContracts)
    func writtenContractPasses(path: String) throws {
        var contract = try DataContract(yaml: try Fixture.text(path))
        // Edit through the typed view so the writer's own output is what gets checked.
        contract.description.usage = "Written by Meshwork's contract writer."
        if !contract.schema.isEmpty, !contract.schema[0].properties.isEmpty {
            contract.schema[0].properties[0].quality.append(
                QualityRule(id: "writer_added_check", metric: .nullValues, condition: .mustBeLessOrEqualTo(1), unit: .percent, severity: .warning))
        }
        let yaml = try contract.yaml()
        let legacy = contract.apiVersion?.hasPrefix("v3.0") ?? false
        let problems = ContractLinter().lint(yaml: yaml).errors
        // A v3.0 document cannot hold the v3.1 `metric`/`id` the edit adds; that is our linter's job to say.
        if legacy {
            #expect(!problems.isEmpty)
            return
        }
        #expect(problems.isEmpty, "\(problems)")
        let dir = Interop.temporaryDirectory("contracts-interop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        try Self.datacontractLint(file)
        #expect(try Self.specErrors(file) == [])
    }

    /// Single faults planted in a valid contract: where our linter reports no error,
    /// datacontract-cli and the full JSON-schema validator must accept the file; where it
    /// reports an `odcs.*` error, the full validator must reject it. (datacontract-cli 1.2.8
    /// validates with a draft-07 engine that ignores `unevaluatedProperties`, so it lets some
    /// unknown fields through that the standard forbids; Meshwork-only rules reject more.)
    static let agreementCases: [(String, String)] = [
        ("schema[0].properties[0].logicalType", "varchar"),
        ("kind", "Contract"),
        ("apiVersion", "v9.0.0"),
        ("version", "2.1"),
        ("x-team", "payments"),
        ("schema[0].properties[0].nullable", "false"),
        ("schema[0].properties[0].quality[0].mustBeLessThan", "1"),
        ("schema[0].properties[0].quality[0].dimension", "freshness"),
        ("schema[0].properties[0].quality[0].metric", "emptyValues"),
        ("schema[0].properties[0].quality[0].id", "'has space'"),
        ("schema[0].properties[3].quality[0].mustBe", "1"),
        ("support[0].channel", "null"),
        ("servers[0].type", "gcs"),
        ("schema[0].properties[2].relationships", "[{from: a.b, to: profiles.customer_id}]"),
        ("schema[0].properties[2].relationships", "[{to: profiles.customer_id}]"),
        ("schema[0].relationships", "[{from: transactions.customer_id, to: profiles.customer_id}]"),
        ("schema[0].properties[1].logicalTypeOptions", "{minimum: 1}"),
        ("schema[0].properties[1].logicalTypeOptions", "{maxLength: 64}"),
        ("slaProperties[0].scheduler", "cron"),
        ("team.members[0].dateIn", "'2024-01-01'"),
        ("team.members[0].dateOut", "2025-06-30"),
    ]

    @Test("our ODCS verdict agrees with datacontract lint on single faults", .enabled(if: available),
          arguments: Array(agreementCases.indices))
    func agreement(index: Int) throws {
        let (path, value) = Self.agreementCases[index]
        var root = try YAMLNode.parse(try Fixture.text("valid/payments-transactions.odcs.yaml"))
        if value == "null" { try root.set(at: YAMLPath(path), nil) } else { try root.set(at: YAMLPath(path), try YAMLNode.parse(value)) }
        let yaml = try root.yaml()
        let errors = ContractLinter().lint(yaml: yaml).errors
        let dir = Interop.temporaryDirectory("contracts-agree")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("case.odcs.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let spec = try Self.specErrors(file)
        if errors.isEmpty {
            #expect((try? Self.datacontractLint(file)) != nil, "\(path) = \(value): we accept, datacontract rejects")
            #expect(spec == [], "\(path) = \(value): we accept, the ODCS schema rejects")
        } else if errors.contains(where: { $0.rule.hasPrefix("odcs.") }) {
            #expect(!spec.isEmpty, "\(path) = \(value): we reject (\(errors.map(\.rule))), the ODCS schema accepts")
        }
    }

    @Test("a contract our linter rejects for an ODCS rule is rejected by datacontract too", .enabled(if: available))
    func rejectionAgrees() throws {
        var root = try YAMLNode.parse(try Fixture.text("valid/payments-transactions.odcs.yaml"))
        try root.set(at: YAMLPath("schema[0].properties[0].logicalType"), .string("varchar"))
        let yaml = try root.yaml()
        #expect(ContractLinter().lint(yaml: yaml).errors.map(\.rule) == ["odcs.enum"])
        let dir = Interop.temporaryDirectory("contracts-interop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.odcs.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ProcessFailure.self) { try Self.datacontractLint(file) }
    }
}
