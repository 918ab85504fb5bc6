import ArgumentParser
import Contracts
import Governance

/// `mesh policy dry-run BUNDLE.yaml CONTRACT.yaml... [--current BUNDLE.yaml] [--json]`.
struct PolicyDryRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dry-run",
        abstract: "Evaluate a proposed policy bundle against contracts and list what would newly fail.",
        discussion: "Compares with --current when given (otherwise every failure is new). Exits 1 when the proposal introduces a blocking failure."
    )

    @Argument(help: "The proposed global policy bundle.")
    var bundle: String

    @Argument(help: "The registered contracts to evaluate.")
    var contracts: [String]

    @Option(help: "The bundle in force now, to compare with.")
    var current: String?

    @Option(name: .customLong("domain-policy"), help: "A domain policy bundle (repeatable), kept for both.")
    var domainPolicies: [String] = []

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        if contracts.isEmpty { throw ValidationError("give at least one contract to evaluate") }
    }

    func run() async throws {
        var parsed: [DataContract] = []
        for path in contracts {
            do { parsed.append(try DataContract(yaml: try CommandSupport.read(path))) } catch let error as ContractError {
                CommandSupport.fail("\(path): \(error)")
                throw ExitCode(1)
            }
        }
        let report: DryRunReport
        do {
            let proposed = try PolicyBundle(yaml: try CommandSupport.read(bundle))
            let domains = try domainPolicies.map { try PolicyBundle(yaml: try CommandSupport.read($0)) }
            let engine = try current.map { try CommandSupport.engine(global: $0, domains: domainPolicies) }
            report = try PolicyEngine.dryRun(current: engine, proposedGlobal: proposed, domains: domains, contracts: parsed)
        } catch let error as GovernanceError {
            CommandSupport.fail("\(bundle): \(error)")
            throw ExitCode(1)
        }
        print(json ? try report.json() : report.text())
        if !report.isSafe { throw ExitCode(1) }
    }
}
