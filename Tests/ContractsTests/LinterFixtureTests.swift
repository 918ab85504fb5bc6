import Foundation
import Testing
@testable import Contracts

@Suite("Lint: golden contracts")
struct LinterFixtureTests {
    @Test("every valid fixture lints without errors", arguments: Fixture.validContracts)
    func validFixtureIsClean(path: String) throws {
        let problems = ContractLinter().lint(yaml: try Fixture.text(path))
        #expect(problems.errors.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }
}

@Suite("Lint: invalid golden contracts")
struct InvalidFixtureTests {
    static let cases = Fixture.files(in: "invalid", suffix: ".odcs.yaml")

    /// Each `NAME.odcs.yaml` has a `NAME.expected` listing every problem as
    /// `severity rule path line`, in report order.
    @Test("reports exactly the expected problems", arguments: cases)
    func exactProblems(path: String) throws {
        let expectedPath = path.replacingOccurrences(of: ".odcs.yaml", with: ".expected")
        let expected = try Fixture.text(expectedPath).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        let actual = ContractLinter().lint(yaml: try Fixture.text(path)).map {
            "\($0.severity.rawValue) \($0.rule) \($0.path) \($0.line.map(String.init) ?? "-")"
        }
        #expect(actual == expected)
    }

    @Test("the ODCS full example only breaks Meshwork's SLA element rule")
    func fullExample() throws {
        let problems = ContractLinter().lint(yaml: try Fixture.text("odcs/full-example.odcs.yaml"))
        #expect(Set(problems.errors.map(\.rule)) == ["sla.element"])
        #expect(problems.errors.count == 5)
        #expect(problems.warnings.map(\.rule) == ["mesh.primaryKey"])
    }
}
