import ArgumentParser
import Governance

/// `mesh contract lint CONTRACT.yaml [--policy BUNDLE.yaml] [--json]`.
struct ContractLintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a contract against ODCS v3 and Meshwork's rules (and a policy bundle).",
        discussion: "Exits 0 when the contract is valid, 1 with every problem listed otherwise."
    )

    @Argument(help: "The ODCS contract YAML file.")
    var contract: String

    @Option(help: "A global policy bundle to evaluate the contract against.")
    var policy: String?

    @Option(name: .customLong("domain-policy"), help: "A domain policy bundle (repeatable); needs --policy.")
    var domainPolicies: [String] = []

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if policy == nil, !domainPolicies.isEmpty {
            throw ValidationError("--domain-policy needs --policy (the global bundle it extends)")
        }
    }

    func run() async throws {
        let text = try CommandSupport.read(contract)
        let engine = try policy.map { try CommandSupport.engine(global: $0, domains: domainPolicies) }
        let assessment = ContractAssessment(source: contract, yaml: text, engine: engine)
        print(json ? try assessment.json() : assessment.text())
        if !assessment.accepted { throw ExitCode(1) }
    }
}
