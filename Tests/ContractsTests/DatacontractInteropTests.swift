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

    @Test("every valid fixture passes datacontract lint", .enabled(if: available), arguments: Fixture.validContracts)
    func fixturePasses(path: String) throws {
        #expect(ContractLinter().lint(yaml: try Fixture.text(path)).errors.isEmpty)
        try Self.datacontractLint(Fixture.url(path))
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
